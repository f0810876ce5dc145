// SSH servers that take ONE password per connection: dropbear started with `-T 1` simply hangs up
// after a wrong password (no USERAUTH_FAILURE, no DISCONNECT: the TCP connection just ends), and
// OpenSSH with `MaxAuthTries 1` sends "Too many authentication failures". Either is the server's
// "no" to that one password, not throttling: the search must go on to a factory pair planted
// further down the list, and with a password of its own the search must run through every pair
// ("exhausted"), not stop at the first hang-up as if throttled. Root only (private mount namespaces
// for the test-owned accounts, test/helpers/pam-logins.ts); the deadlines are the product's defaults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsSsh } from '../../../../backend/src/checks/default-credentials-ssh.js';
import { pairsFor } from '../../../../backend/src/checks/credentials/select.js';
import { DEFAULT_TUNING } from '../../../../backend/src/config/tuning.js';
import type { Device, Service } from '../../../../backend/src/core/types.js';
import { sshPasswordLogin } from '../../../../backend/src/protocols/ssh.js';
import { loopbackDevice, tcpService, testContext } from '../../../helpers/context.js';
import { canRunPamLogins, startDropbearLogin, startOpenSsh, type PamDaemon } from '../../../helpers/pam-logins.js';

const OWN = 'Long-unique-Pa55';
const DROPBEAR_BANNER = 'SSH-2.0-dropbear_2022.83';
const OPENSSH_BANNER = 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10';
const ctx = () => testContext({ tuning: { exchangeTimeoutMs: DEFAULT_TUNING.exchangeTimeoutMs, loginAnswerMs: DEFAULT_TUNING.loginAnswerMs } });

function target(port: number, banner: string): { device: Device; service: Service } {
  const device = loopbackDevice([], '02:00:00:00:00:01'); // locally administered: no maker to go by
  const service: Service = { ...tcpService(port, 'ssh'), banner };
  device.services = [service];
  return { device, service };
}

/** Where `user/password` sits in the pairs the check tries on this banner (0-based). */
function positionOf(banner: string, user: string, password: string): number {
  const t = target(22, banner);
  return pairsFor('ssh', t.device, [banner]).findIndex((p) => p.user === user && p.password === password);
}

async function expectFound(t: { device: Device; service: Service }, user: string, password: string): Promise<void> {
  const context = ctx();
  const results = await defaultCredentialsSsh.run(t, context);
  expect(context.attempts.map((a) => a.outcome)).not.toContain('throttled');
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ confidence: 'confirmed' });
  expect(results[0]!.evidence).toMatch(/; a random wrong password was refused$/);
  const position = positionOf(t.service.banner!, user, password);
  // Every pair before it was refused (one hang-up each), then the pair, then the control.
  expect(context.attempts.map((a) => a.outcome)).toEqual([...Array<string>(position).fill('rejected'), 'accepted', 'rejected']);
  expect(context.attempts.at(-2)).toMatchObject({ user });
}

/** A box with its own password: no finding, and every listed pair was tried (the search ran out, it was not stopped). */
async function expectClean(t: { device: Device; service: Service }): Promise<void> {
  const context = ctx();
  expect(await defaultCredentialsSsh.run(t, context)).toEqual([]);
  const listed = pairsFor('ssh', t.device, [t.service.banner]).length;
  expect(context.attempts.map((a) => a.outcome)).toEqual(Array<string>(Math.min(listed, defaultCredentialsSsh.maxAttempts! - 1)).fill('rejected'));
}

const started: PamDaemon[] = [];
afterAll(async () => { await Promise.all(started.map((d) => d.stop())); });

describe.runIf(canRunPamLogins()).concurrent('SSH servers that allow one password per connection', () => {
  it('the factory pairs sit past the first place in the list (otherwise the test proves nothing)', () => {
    expect(positionOf(DROPBEAR_BANNER, 'ubnt', 'ubnt')).toBeGreaterThan(0);
    expect(positionOf(OPENSSH_BANNER, 'pi', 'raspberry')).toBeGreaterThan(0);
  });

  describe('dropbear -T 1 (hangs up after a wrong password)', () => {
    let factory: PamDaemon, secure: PamDaemon;
    beforeAll(async () => {
      [factory, secure] = await Promise.all([
        startDropbearLogin({ user: 'ubnt', password: 'ubnt', maxAuthTries: 1 }),
        startDropbearLogin({ user: 'ubnt', password: OWN, maxAuthTries: 1 }),
      ]);
      started.push(factory, secure);
    });

    it('a wrong password is "rejected" (the server allows one try per connection); the right one is accepted', { timeout: 60_000 }, async () => {
      const options = { host: '127.0.0.1', port: factory.port, timeoutMs: DEFAULT_TUNING.exchangeTimeoutMs, answerTimeoutMs: DEFAULT_TUNING.loginAnswerMs };
      const wrong = await sshPasswordLogin(options, 'ubnt', 'not-the-password');
      expect(wrong).toMatchObject({ outcome: 'rejected', methods: expect.arrayContaining(['password']) });
      expect(wrong.detail).toMatch(/one password per connection/);
      expect((await sshPasswordLogin(options, 'nobody', 'x')).outcome).toBe('rejected');
      expect((await sshPasswordLogin(options, 'ubnt', 'ubnt')).outcome).toBe('accepted');
      // dropbear's own log: it ended those connections itself, after one failed try each.
      expect(factory.output()).toMatch(/Bad password attempt for 'ubnt'[\s\S]*Max auth tries reached - user 'ubnt'/);
    });

    it('finds ubnt/ubnt confirmed past the earlier pairs; the same box with its own password stays clean', { timeout: 180_000 }, async () => {
      await Promise.all([
        expectFound(target(factory.port, DROPBEAR_BANNER), 'ubnt', 'ubnt'),
        expectClean(target(secure.port, DROPBEAR_BANNER)),
      ]);
      expect(secure.output()).not.toMatch(/Password auth succeeded/);
    });
  });

  describe('OpenSSH sshd MaxAuthTries 1 ("Too many authentication failures" after a wrong password)', () => {
    let factory: PamDaemon, secure: PamDaemon;
    beforeAll(async () => {
      [factory, secure] = await Promise.all([
        startOpenSsh({ user: 'pi', password: 'raspberry', maxAuthTries: 1 }),
        startOpenSsh({ user: 'pi', password: OWN, maxAuthTries: 1 }),
      ]);
      started.push(factory, secure);
    });

    it('finds pi/raspberry confirmed past the earlier pairs; the same box with its own password stays clean', { timeout: 180_000 }, async () => {
      await Promise.all([
        expectFound(target(factory.port, OPENSSH_BANNER), 'pi', 'raspberry'),
        expectClean(target(secure.port, OPENSSH_BANNER)),
      ]);
      expect(secure.output()).toMatch(/maximum authentication attempts exceeded/);
      expect(secure.output()).not.toMatch(/Accepted password/);
    });
  });
});
