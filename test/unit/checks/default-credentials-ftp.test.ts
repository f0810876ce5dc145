import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsFtp } from '../../../backend/src/checks/default-credentials-ftp.js';
import { checks } from '../../../backend/src/checks/index.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { startFtpd, type Ftpd } from '../../helpers/ftpd.js';

let factory: Ftpd;
let secure: Ftpd;
let throttling: Ftpd;

beforeAll(async () => {
  [factory, secure, throttling] = await Promise.all([
    startFtpd('admin', 'admin'), startFtpd('admin', 'Long-unique-Pa55'), startFtpd('admin', 'Long-unique-Pa55', { throttleAfter: 2 }),
  ]);
});
afterAll(async () => { await Promise.all([factory?.stop(), secure?.stop(), throttling?.stop()]); });

function target(port: number) {
  const device = loopbackDevice([], '00:11:32:00:00:13');
  const service = { ...tcpService(port, 'ftp'), banner: '220 Mamori test FTP' };
  device.services = [service];
  return { device, service };
}

describe('default-credentials-ftp against pyftpdlib on loopback', () => {
  it('is registered with the credential metadata', () => {
    expect(checks).toContain(defaultCredentialsFtp);
    expect(defaultCredentialsFtp).toMatchObject({ intrusive: true, tags: ['credentials'], maxAttempts: 10 });
  });

  it('finds admin/admin and proves the control (counted by the server)', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsFtp.run(target(factory.port), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'login accepted for a***n / a***n; a random wrong password was refused' }]);
    expect(await factory.tries(2)).toEqual(['ok', 'fail']);
  });

  it('never tries "anonymous" (anonymous access is another check) and reports nothing on a secured server', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsFtp.run(target(secure.port), ctx)).toEqual([]);
    expect(ctx.attempts.some((a) => ['anonymous', 'ftp'].includes(a.user))).toBe(false);
    const seen = await secure.tries(ctx.attempts.length);
    expect(seen.length).toBe(ctx.attempts.length);
    expect(seen.length).toBeLessThanOrEqual(9);
  });

  it('stops on "421 too many"', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsFtp.run(target(throttling.port), ctx)).toEqual([]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['rejected', 'rejected', 'throttled']);
    expect(await throttling.tries(3)).toEqual(['fail', 'fail', 'throttled']);
  });
});
