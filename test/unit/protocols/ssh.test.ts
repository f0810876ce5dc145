import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshAuthMethods, sshPasswordLogin } from '../../../backend/src/protocols/ssh.js';
import { freePort, LOOPBACK, startSilentServer, timed, type RunningServer } from '../../helpers/net.js';
import { startSshServer, type SshServer } from '../../helpers/ssh-server.js';

let server: SshServer;
let keysOnly: SshServer;
let dropping: SshServer;
let hangingUp: SshServer;
let silent: RunningServer;

beforeAll(async () => {
  [server, keysOnly, dropping, hangingUp, silent] = await Promise.all([
    startSshServer({ user: 'root', password: 'Sup3r-secret' }),
    startSshServer({ user: 'root', password: 'Sup3r-secret', passwordAuth: false }),
    startSshServer({ user: 'root', password: 'Sup3r-secret', dropAfterFailures: 1 }),
    startSshServer({ user: 'root', password: 'Sup3r-secret', hangUpAfterFailures: 0 }),
    startSilentServer(),
  ]);
});
afterAll(async () => { await Promise.all([server?.close(), keysOnly?.close(), dropping?.close(), hangingUp?.close(), silent?.close()]); });

const at = (port: number, timeoutMs = 3000) => ({ host: LOOPBACK, port, timeoutMs });

describe('ssh client (ssh2) against ssh2 Server on loopback', () => {
  it('accepts the right password and refuses a wrong one (negative control)', async () => {
    const ok = await sshPasswordLogin(at(server.port), 'root', 'Sup3r-secret');
    expect(ok).toMatchObject({ outcome: 'accepted', withoutPassword: false });
    expect(ok.methods).toContain('password');
    expect(await sshPasswordLogin(at(server.port), 'root', 'wrong')).toMatchObject({ outcome: 'rejected', hungUp: false });
    expect((await sshPasswordLogin(at(server.port), 'admin', 'Sup3r-secret')).outcome).toBe('rejected');
    expect(server.passwordTries).toEqual(['ok', 'fail', 'fail']);
  });

  it('learns the methods without sending a password', async () => {
    const before = server.passwordTries.length;
    const methods = await sshAuthMethods(at(server.port), 'root');
    expect(methods.methods).toEqual(expect.arrayContaining(['password', 'publickey']));
    expect(server.passwordTries.length).toBe(before);
  });

  it('a keys-only server: password "unsupported", and no password is ever sent', async () => {
    const result = await sshPasswordLogin(at(keysOnly.port), 'root', 'Sup3r-secret');
    expect(result.outcome).toBe('unsupported');
    expect(result.methods).toEqual(['publickey']);
    expect(keysOnly.passwordTries).toEqual([]);
  });

  it('a server that drops clients after a failure reads as throttled', async () => {
    expect((await sshPasswordLogin(at(dropping.port), 'root', 'wrong')).outcome).toBe('rejected');
    const next = await sshPasswordLogin(at(dropping.port), 'root', 'Sup3r-secret');
    expect(next.outcome).toBe('throttled');
  });

  it('a server that hangs up right after our password (dropbear -T 1 style): that password refused, not throttling', async () => {
    const result = await sshPasswordLogin(at(hangingUp.port), 'root', 'wrong');
    expect(result).toMatchObject({ outcome: 'rejected', hungUp: true, methods: expect.arrayContaining(['password']) });
    expect(result.detail).toMatch(/closed the connection right after it \(the server allows one password per connection\)/);
    expect(hangingUp.passwordTries).toEqual(['hung-up']);
  });

  it('a silent server is an error within the timeout; a closed port is an error', async () => {
    const { value, ms } = await timed(() => sshPasswordLogin(at(silent.port, 500), 'root', 'x'));
    expect(value.outcome).toBe('error');
    expect(ms).toBeLessThan(500 + 1500);
    expect((await sshPasswordLogin(at(await freePort(), 500), 'root', 'x')).outcome).toBe('error');
  });

  it('honours an abort signal', async () => {
    const controller = new AbortController();
    const pending = sshPasswordLogin({ ...at(silent.port, 5000), signal: controller.signal }, 'root', 'x');
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'ABORT_ERR' });
  });
});
