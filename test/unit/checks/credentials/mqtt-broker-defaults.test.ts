// Widely published broker defaults (RabbitMQ guest/guest, EMQX admin/public, ActiveMQ
// system/manager) on brokers that refuse anonymous clients, proven on two implementations:
// mosquitto (password_file) and aedes (authenticate hook, its own process, a refusal delayed 3 s
// like a slow auth plug-in). Each with a negative control: the broker's own password stays clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsMqtt } from '../../../../backend/src/checks/default-credentials-mqtt.js';
import { pairsFor } from '../../../../backend/src/checks/credentials/select.js';
import { DEFAULT_TUNING } from '../../../../backend/src/config/tuning.js';
import { startAedes, type AedesBroker } from '../../../helpers/aedes.js';
import { loopbackDevice, tcpService, testContext } from '../../../helpers/context.js';
import { startAuthMosquitto, type AuthBroker } from '../../../helpers/mosquitto-auth.js';

const OWN = 'Long-unique-Pa55';
const ctx = () => testContext({ tuning: { exchangeTimeoutMs: DEFAULT_TUNING.exchangeTimeoutMs, loginAnswerMs: DEFAULT_TUNING.loginAnswerMs } });

let mosquittoGuest: AuthBroker, mosquittoSecure: AuthBroker;
let aedesEmqx: AedesBroker, aedesActive: AedesBroker, aedesSecure: AedesBroker;

beforeAll(async () => {
  [mosquittoGuest, mosquittoSecure, aedesEmqx, aedesActive, aedesSecure] = await Promise.all([
    startAuthMosquitto('guest', 'guest'),
    startAuthMosquitto('guest', OWN),
    startAedes('admin', 'public', { failDelayMs: 3000 }),
    startAedes('system', 'manager'),
    startAedes('admin', OWN, { failDelayMs: 3000 }),
  ]);
});
afterAll(async () => { await Promise.all([mosquittoGuest, mosquittoSecure, aedesEmqx, aedesActive, aedesSecure].map((b) => b?.stop())); });

function target(port: number) {
  const device = loopbackDevice([], '02:00:00:00:00:18'); // no maker to go by: the generic list
  const service = { ...tcpService(port, 'mqtt') };
  device.services = [service];
  return { device, service };
}

describe('published MQTT broker defaults', () => {
  it('the generic broker list holds the published defaults, within the 9 pair tries', () => {
    const pairs = pairsFor('mqtt', loopbackDevice([], null)).map((p) => `${p.user}/${p.password}`);
    expect(pairs).toEqual(expect.arrayContaining(['admin/public', 'guest/guest', 'system/manager', 'admin/admin']));
    expect(pairs.length).toBeLessThanOrEqual(9);
  });

  it('mosquitto: RabbitMQ\'s guest/guest found and confirmed; its own password stays clean', { timeout: 60_000 }, async () => {
    const found = await defaultCredentialsMqtt.run(target(mosquittoGuest.port), ctx());
    expect(found).toEqual([{ confidence: 'confirmed', evidence: 'login accepted for g***t / g***t; a random wrong password was refused' }]);
    const context = ctx();
    expect(await defaultCredentialsMqtt.run(target(mosquittoSecure.port), context)).toEqual([]);
    expect(context.attempts.length).toBe(pairsFor('mqtt', target(0).device).length);
    expect(context.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
  });

  it('aedes: EMQX\'s admin/public (refusals delayed 3 s) and ActiveMQ\'s system/manager found and confirmed; its own password stays clean', { timeout: 120_000 }, async () => {
    const secureContext = ctx();
    const [emqx, active, secure] = await Promise.all([
      defaultCredentialsMqtt.run(target(aedesEmqx.port), ctx()),
      defaultCredentialsMqtt.run(target(aedesActive.port), ctx()),
      defaultCredentialsMqtt.run(target(aedesSecure.port), secureContext),
    ]);
    expect(emqx).toEqual([{ confidence: 'confirmed', evidence: 'login accepted for a***n / p****c; a random wrong password was refused' }]);
    expect(active).toEqual([{ confidence: 'confirmed', evidence: 'login accepted for s****m / m*****r; a random wrong password was refused' }]);
    expect(secure).toEqual([]);
    // Judged by the broker: the anonymous probe, the pairs, and for a found pair the control last.
    expect((await aedesEmqx.tries()).slice(-2)).toEqual(['ok', 'fail']);
    expect((await aedesSecure.tries()).filter((t) => t === 'ok')).toEqual([]);
    expect(secureContext.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
  });
});
