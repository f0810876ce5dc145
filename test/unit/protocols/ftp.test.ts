import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftpLogin } from '../../../backend/src/protocols/ftp.js';
import { startFtpd, type Ftpd } from '../../helpers/ftpd.js';
import { freePort, LOOPBACK, startSilentServer, timed, type RunningServer } from '../../helpers/net.js';

let ftpd: Ftpd;
let throttling: Ftpd;
let silent: RunningServer;

beforeAll(async () => {
  [ftpd, throttling, silent] = await Promise.all([
    startFtpd('admin', 'Fl0ppy-disk'), startFtpd('admin', 'Fl0ppy-disk', { throttleAfter: 1 }), startSilentServer(),
  ]);
});
afterAll(async () => { await Promise.all([ftpd?.stop(), throttling?.stop(), silent?.close()]); });

const at = (port: number, timeoutMs = 3000) => ({ host: LOOPBACK, port, timeoutMs });

describe('ftp client (raw control channel) against pyftpdlib on loopback', () => {
  it('accepts the right pair (230, read from login, not from the 220 welcome)', async () => {
    const result = await ftpLogin(at(ftpd.port), 'admin', 'Fl0ppy-disk');
    expect(result).toMatchObject({ outcome: 'accepted', code: 230 });
    expect(result.welcome).toContain('Mamori test FTP');
  });

  it('refuses a wrong password with 530 (negative control)', async () => {
    expect(await ftpLogin(at(ftpd.port), 'admin', 'admin')).toMatchObject({ outcome: 'rejected', code: 530 });
    expect(await ftpd.tries(2)).toEqual(['ok', 'fail']);
  });

  it('reads 421 "too many" as throttled', async () => {
    expect((await ftpLogin(at(throttling.port), 'admin', 'nope')).outcome).toBe('rejected');
    expect(await ftpLogin(at(throttling.port), 'admin', 'Fl0ppy-disk')).toMatchObject({ outcome: 'throttled', code: 421 });
  });

  it('a silent server and a closed port are errors, within the timeout', async () => {
    const { value, ms } = await timed(() => ftpLogin(at(silent.port, 400), 'a', 'b'));
    expect(value.outcome).toBe('error');
    expect(ms).toBeLessThan(2 * 400 + 1500);
    expect((await ftpLogin(at(await freePort(), 400), 'a', 'b')).outcome).toBe('error');
  });
});
