import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsMqtt } from '../../../backend/src/checks/default-credentials-mqtt.js';
import { checks } from '../../../backend/src/checks/index.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startAuthMosquitto, type AuthBroker } from '../../helpers/mosquitto-auth.js';
import { startMosquitto } from '../../helpers/mosquitto.js';

let tasmota: AuthBroker;
let secure: AuthBroker;
let anonymous: Daemon;

beforeAll(async () => {
  [tasmota, secure, anonymous] = await Promise.all([
    startAuthMosquitto('DVES_USER', 'DVES_PASS'), startAuthMosquitto('hub', 'Long-unique-Pa55'), startMosquitto(),
  ]);
});
afterAll(async () => { await Promise.all([tasmota?.stop(), secure?.stop(), anonymous?.stop()]); });

function target(port: number, vendor: string | null = null) {
  const device = loopbackDevice([], '2c:f4:32:00:00:16');
  device.vendor = vendor;
  const service = { ...tcpService(port, 'mqtt') };
  device.services = [service];
  return { device, service };
}

describe('default-credentials-mqtt against real mosquitto (password_file, allow_anonymous false)', () => {
  it('is registered with the credential metadata', () => {
    expect(checks).toContain(defaultCredentialsMqtt);
    expect(defaultCredentialsMqtt).toMatchObject({ intrusive: true, tags: ['credentials'], maxAttempts: 10 });
  });

  it('finds Tasmota\'s DVES_USER/DVES_PASS on an Espressif device, with the control', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsMqtt.run(target(tasmota.port, 'Espressif Inc.'), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'login accepted for D*******R / D*******S; a random wrong password was refused' }]);
    // Counted from the broker's log, which may trail the check's return on a loaded machine.
    await expect.poll(() => tasmota.connections(), { timeout: 5_000 }).toBe(3); // anonymous probe + pair + control
  });

  it('reports nothing on a broker with its own password, within maxAttempts (counted by the broker)', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsMqtt.run(target(secure.port), ctx)).toEqual([]);
    expect(ctx.attempts.length).toBeGreaterThan(0);
    expect(ctx.attempts.length).toBeLessThanOrEqual(9);
    await expect.poll(() => secure.connections(), { timeout: 5_000 }).toBe(1 + ctx.attempts.length);
  });

  it('tries no password on a broker that lets anyone in (that is anonymous access, not ours)', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsMqtt.run(target(anonymous.port), ctx)).toEqual([]);
    expect(ctx.attempts).toEqual([]);
  });
});
