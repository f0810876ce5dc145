import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsTelnet } from '../../../backend/src/checks/default-credentials-telnet.js';
import { checks } from '../../../backend/src/checks/index.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { acceptAnyLoginScript, countingLoginScript } from '../../helpers/login-scripts.js';
import { startBusyboxTelnetd, type Telnetd } from '../../helpers/telnetd.js';

let mirai: Telnetd;
let hikvision: Telnetd;
let secure: Telnetd;
let anything: Telnetd;
let throttling: Telnetd;

beforeAll(async () => {
  [mirai, hikvision, secure, anything, throttling] = await Promise.all([
    startBusyboxTelnetd({ script: countingLoginScript('root', 'xc3511') }),
    startBusyboxTelnetd({ script: countingLoginScript('root', 'hiklinux') }),
    startBusyboxTelnetd({ script: countingLoginScript('root', 'Long-unique-Pa55') }),
    startBusyboxTelnetd({ script: acceptAnyLoginScript() }),
    startBusyboxTelnetd({ script: countingLoginScript('root', 'Long-unique-Pa55', 2) }),
  ]);
});
afterAll(async () => { await Promise.all([mirai, hikvision, secure, anything, throttling].map((d) => d?.stop())); });

const tries = async (d: Telnetd): Promise<string[]> => (await readFile(join(d.dir, 'tries'), 'utf8').catch(() => '')).split('\n').filter(Boolean);

function target(port: number, vendor: string | null = null) {
  const device = loopbackDevice([], 'a4:14:37:00:00:11');
  device.vendor = vendor;
  const service = { ...tcpService(port, 'telnet') };
  device.services = [service];
  return { device, service };
}

describe('default-credentials-telnet against busybox telnetd on loopback', () => {
  it('is registered, intrusive, tagged credentials, at most 10 attempts, and applies to telnet only', () => {
    expect(checks).toContain(defaultCredentialsTelnet);
    expect(defaultCredentialsTelnet).toMatchObject({ intrusive: true, tags: ['credentials'], maxAttempts: 10, finding: { family: 'default-credentials', service: 'telnet' } });
    expect(defaultCredentialsTelnet.appliesTo(target(23))).toBe(true);
    const t = target(23);
    expect(defaultCredentialsTelnet.appliesTo({ ...t, service: { ...t.service, service: 'ssh' } })).toBe(false);
  });

  it('finds the Mirai pair, proves a random password is refused, and reports it confirmed and masked', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsTelnet.run(target(mirai.port), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'login accepted for r**t / x****1; a random wrong password was refused' }]);
    expect(await tries(mirai)).toEqual(['ok', 'fail']);
    expect(ctx.attempts.map((a) => [a.user, a.passwordMasked, a.outcome])).toEqual([['root', 'x****1', 'accepted'], ['root', expect.stringMatching(/^m\*+.$/), 'rejected']]);
  });

  it('tries the vendor\'s own pairs first (Hikvision: root/12345, then root/hiklinux)', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsTelnet.run(target(hikvision.port, 'Hangzhou Hikvision Digital Technology Co.,Ltd.'), ctx);
    expect(results[0]?.evidence).toBe('login accepted for r**t / h******x; a random wrong password was refused');
    expect(await tries(hikvision)).toEqual(['fail', 'ok', 'fail']);
  });

  it('reports nothing on a device with its own password, and stays within maxAttempts (counted by the daemon)', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsTelnet.run(target(secure.port), ctx)).toEqual([]);
    const seen = await tries(secure);
    expect(seen.length).toBe(ctx.attempts.length);
    expect(seen.length).toBeLessThanOrEqual(9); // one of the 10 is kept for the control
    expect(seen.every((t) => t === 'fail')).toBe(true);
  });

  it('a login that accepts any password is ONE finding saying so, after two tries', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsTelnet.run(target(anything.port), ctx);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ confidence: 'confirmed', severity: 'critical' });
    expect(results[0]!.evidence).toMatch(/^accepts any password: /);
    expect(await tries(anything)).toEqual(['ok', 'ok']);
  });

  it('stops at the first sign of throttling', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsTelnet.run(target(throttling.port), ctx)).toEqual([]);
    expect(await tries(throttling)).toEqual(['fail', 'fail', 'throttled']);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['rejected', 'rejected', 'throttled']);
  });

  it('spaces its tries out (at least 200 ms apart)', async () => {
    const ctx = testContext();
    const started = Date.now();
    await defaultCredentialsTelnet.run(target(secure.port), ctx);
    expect(Date.now() - started).toBeGreaterThanOrEqual((ctx.attempts.length - 1) * 200);
  });
});
