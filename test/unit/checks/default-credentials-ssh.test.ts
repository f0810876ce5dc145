import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsSsh } from '../../../backend/src/checks/default-credentials-ssh.js';
import { checks } from '../../../backend/src/checks/index.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { startSshServer, type SshServer } from '../../helpers/ssh-server.js';

let raspberry: SshServer;
let secure: SshServer;
let keysOnly: SshServer;
let anything: SshServer;
let dropping: SshServer;
let lockingOut: SshServer;

beforeAll(async () => {
  [raspberry, secure, keysOnly, anything, dropping, lockingOut] = await Promise.all([
    startSshServer({ user: 'pi', password: 'raspberry' }),
    startSshServer({ user: 'root', password: 'Long-unique-Pa55' }),
    startSshServer({ user: 'root', password: 'root', passwordAuth: false }),
    startSshServer({ user: 'root', password: 'x', acceptAnyPassword: true }),
    startSshServer({ user: 'root', password: 'Long-unique-Pa55', dropAfterFailures: 2 }),
    startSshServer({ user: 'root', password: 'Long-unique-Pa55', hangUpAfterFailures: 2 }),
  ]);
});
afterAll(async () => { await Promise.all([raspberry, secure, keysOnly, anything, dropping, lockingOut].map((s) => s?.close())); });

function target(port: number, vendor: string | null = null) {
  const device = loopbackDevice([], 'dc:a6:32:00:00:02');
  device.vendor = vendor;
  const service = { ...tcpService(port, 'ssh'), banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2' };
  device.services = [service];
  return { device, service };
}

describe('default-credentials-ssh against ssh2 Server on loopback', () => {
  it('is registered with the credential metadata', () => {
    expect(checks).toContain(defaultCredentialsSsh);
    expect(defaultCredentialsSsh).toMatchObject({ intrusive: true, tags: ['credentials'], maxAttempts: 10 });
    expect(defaultCredentialsSsh.appliesTo(target(22))).toBe(true);
  });

  it('finds pi/raspberry on a Raspberry Pi (vendor pair first) and proves the control', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsSsh.run(target(raspberry.port, 'Raspberry Pi Trading Ltd'), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'login accepted for ** / r*******y; a random wrong password was refused' }]);
    expect(raspberry.passwordTries).toEqual(['ok', 'fail']);
  });

  it('reports nothing where the password is its own, within maxAttempts counted by the server', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsSsh.run(target(secure.port), ctx)).toEqual([]);
    expect(secure.passwordTries.length).toBe(ctx.attempts.length);
    expect(secure.passwordTries.length).toBeLessThanOrEqual(9);
  });

  it('sends no password at all to a keys-only server (the secure hub case)', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsSsh.run(target(keysOnly.port), ctx)).toEqual([]);
    expect(keysOnly.passwordTries).toEqual([]);
    expect(ctx.attempts).toEqual([]);
  });

  it('a server that takes any password is one "accepts any password" finding', async () => {
    const results = await defaultCredentialsSsh.run(target(anything.port), testContext());
    expect(results).toHaveLength(1);
    expect(results[0]!.evidence).toMatch(/^accepts any password/);
    expect(anything.passwordTries).toEqual(['ok', 'ok']);
  });

  it('stops when the server starts dropping connections (throttling)', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsSsh.run(target(dropping.port), ctx)).toEqual([]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['rejected', 'rejected', 'throttled']);
  });

  it('stops when a server that answered "no" starts hanging up on each password (a lockout, not a one-try server)', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsSsh.run(target(lockingOut.port), ctx)).toEqual([]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['rejected', 'rejected', 'throttled']);
    expect(lockingOut.passwordTries).toEqual(['fail', 'fail', 'hung-up']);
  });
});
