// The telnet and SSH credential checks against real PAM-backed logins (Debian's own programs and PAM
// configuration, test/helpers/pam-logins.ts), other implementations than the busybox login and the
// ssh2 server of login-delays.test.ts: GNU inetutils telnetd + shadow /bin/login (pam_faildelay
// 3 s) and OpenSSH sshd with UsePAM (pam_unix's 2 s delay; pam_faildelay 3 s). Each failed try is
// answered only after PAM's delay; the check must decide on the server's words: the factory pair
// `confirmed` with the random wrong password refused, and a twin with its own password clean.
// Root only (private mount namespaces); the deadlines are the product's defaults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsSsh } from '../../../../backend/src/checks/default-credentials-ssh.js';
import { defaultCredentialsTelnet } from '../../../../backend/src/checks/default-credentials-telnet.js';
import { DEFAULT_TUNING } from '../../../../backend/src/config/tuning.js';
import type { Check } from '../../../../backend/src/core/plugins.js';
import type { Device, Service } from '../../../../backend/src/core/types.js';
import { telnetLogin } from '../../../../backend/src/protocols/telnet.js';
import { loopbackDevice, tcpService, testContext } from '../../../helpers/context.js';
import { canRunPamLogins, startOpenSsh, startPamTelnetd, type PamDaemon } from '../../../helpers/pam-logins.js';

const OWN = 'Long-unique-Pa55';
const ctx = () => testContext({ tuning: { exchangeTimeoutMs: DEFAULT_TUNING.exchangeTimeoutMs, loginAnswerMs: DEFAULT_TUNING.loginAnswerMs } });
const CONFIRMED = /; a random wrong password was refused$/;

function target(port: number, service: string, banner: string): { device: Device; service: Service } {
  const device = loopbackDevice([], '02:00:00:00:00:01'); // locally administered: no maker to go by
  const svc: Service = { ...tcpService(port, service), banner };
  device.services = [svc];
  return { device, service: svc };
}

async function expectFound(check: Check, t: { device: Device; service: Service }, pair: string): Promise<void> {
  const context = ctx();
  const results = await check.run(t, context);
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ confidence: 'confirmed' });
  expect(results[0]!.evidence).toMatch(CONFIRMED);
  expect(context.attempts.filter((a) => a.outcome !== 'rejected' && a.outcome !== 'accepted')).toEqual([]);
  expect(context.attempts.at(-2)).toMatchObject({ outcome: 'accepted', user: pair.split('/')[0] });
  expect(context.attempts.at(-1)?.outcome).toBe('rejected'); // the control, decided by PAM's late "no"
}

async function expectClean(check: Check, t: { device: Device; service: Service }): Promise<void> {
  const context = ctx();
  expect(await check.run(t, context)).toEqual([]);
  expect(context.attempts.length).toBeGreaterThan(2); // the search went on past the first late "no"
  expect(context.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
}

const started: PamDaemon[] = [];
afterAll(async () => { await Promise.all(started.map((d) => d.stop())); });

describe.runIf(canRunPamLogins()).concurrent('credential checks against real PAM-backed logins', () => {
  describe('inetutils telnetd + /bin/login (Debian PAM, pam_faildelay 3 s)', () => {
    let factory: PamDaemon, secure: PamDaemon;
    beforeAll(async () => {
      [factory, secure] = await Promise.all([
        startPamTelnetd({ user: 'admin', password: 'admin' }),
        startPamTelnetd({ user: 'admin', password: OWN, failDelaySeconds: 3 }),
      ]);
      started.push(factory, secure);
    });

    it('finds admin/admin confirmed; the same box with its own password stays clean', { timeout: 180_000 }, async () => {
      await Promise.all([
        expectFound(defaultCredentialsTelnet, target(factory.port, 'telnet', 'nas login: '), 'admin/admin'),
        expectClean(defaultCredentialsTelnet, target(secure.port, 'telnet', 'nas login: ')),
      ]);
    });

    it('reads the real transcripts: "Login incorrect" after the delay, a MOTD and "Last login:" on success', { timeout: 60_000 }, async () => {
      const options = { host: '127.0.0.1', port: factory.port, timeoutMs: DEFAULT_TUNING.exchangeTimeoutMs, answerTimeoutMs: DEFAULT_TUNING.loginAnswerMs };
      const wrong = await telnetLogin(options, 'admin', 'not-the-password');
      expect(wrong.result).toBe('rejected');
      expect(wrong.transcript).toMatch(/nas login: Password: [\s\S]*Login incorrect/);
      const first = await telnetLogin(options, 'admin', 'admin');
      const again = await telnetLogin(options, 'admin', 'admin');
      expect([first.result, again.result]).toEqual(['accepted', 'accepted']);
      expect(again.transcript).toMatch(/Last login: .* from /);
    });
  });

  describe('OpenSSH sshd, UsePAM (pam_unix 2 s; pam_faildelay 3 s)', () => {
    let factory: PamDaemon, secure: PamDaemon;
    beforeAll(async () => {
      [factory, secure] = await Promise.all([
        startOpenSsh({ user: 'pi', password: 'raspberry' }),
        startOpenSsh({ user: 'pi', password: OWN, failDelaySeconds: 3 }),
      ]);
      started.push(factory, secure);
    });

    it('finds pi/raspberry confirmed; the same box with its own password stays clean', { timeout: 180_000 }, async () => {
      const banner = 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10';
      await Promise.all([
        expectFound(defaultCredentialsSsh, target(factory.port, 'ssh', banner), 'pi/raspberry'),
        expectClean(defaultCredentialsSsh, target(secure.port, 'ssh', banner)),
      ]);
      // sshd's own log: PAM refused the earlier tries and accepted the factory pair (the control's
      // line may still be on its way through the pipe when the check returns).
      expect(factory.output()).toMatch(/Failed password for root from 127\.0\.0\.1[\s\S]*Accepted password for pi from 127\.0\.0\.1/);
      expect(secure.output()).not.toMatch(/Accepted password/);
    });
  });

  describe('OpenSSH sshd with MaxAuthTries 1 (a wrong password ends the connection)', () => {
    let hardened: PamDaemon;
    beforeAll(async () => {
      hardened = await startOpenSsh({ user: 'pi', password: 'raspberry', maxAuthTries: 1 });
      started.push(hardened);
    });

    it('reads "Too many authentication failures" after our one password as a no, not as throttling', { timeout: 180_000 }, async () => {
      // pi/raspberry is not first in the list: the search must go on past sshd's disconnects.
      await expectFound(defaultCredentialsSsh, target(hardened.port, 'ssh', 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10'), 'pi/raspberry');
      // sshd's own log: it ended the earlier tries' connections itself (lines written before the control's).
      expect(hardened.output()).toMatch(/Failed password for root from 127\.0\.0\.1[^\n]*\nmaximum authentication attempts exceeded for root/);
    });
  });
});
