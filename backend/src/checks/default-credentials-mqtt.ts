import { defineCheck } from '../core/plugins.js';
import { mqttConnect } from '../protocols/mqtt-session.js';
import { runCredentialSearch } from './credentials/search.js';
import { pairsFor } from './credentials/select.js';

/** Tries per service per scan, the random-password control included. */
const MAX_ATTEMPTS = 10;

/**
 * Factory MQTT logins, only on a broker that refuses anonymous clients: a broker that lets anyone
 * in is the anonymous-access finding, and any password "working" there proves nothing.
 */
export const defaultCredentialsMqtt = defineCheck({
  id: 'default-credentials-mqtt',
  finding: { family: 'default-credentials', service: 'mqtt' },
  severity: 'critical',
  tags: ['credentials'],
  intrusive: true,
  maxAttempts: MAX_ATTEMPTS,
  appliesTo: ({ service }) => service.transport === 'tcp' && service.service === 'mqtt',
  async run(target, ctx) {
    const { device, service } = target;
    const options = { host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, answerTimeoutMs: ctx.tuning.loginAnswerMs, signal: ctx.signal };
    const anonymous = await mqttConnect(options, null);
    if (anonymous.outcome !== 'rejected') {
      ctx.log.debug(`default-credentials-mqtt: ${device.ip}:${service.port} anonymous CONNECT was ${anonymous.outcome}; no password tries`);
      return [];
    }
    const search = await runCredentialSearch({
      checkId: 'default-credentials-mqtt', service: 'mqtt', target, ctx, maxAttempts: MAX_ATTEMPTS,
      pairs: pairsFor('mqtt', device, [service.banner]),
      tryPair: async (username, password) => {
        const result = await mqttConnect(options, { username, password });
        return { outcome: result.outcome, detail: `CONNACK ${result.code ?? '-'}` };
      },
    });
    return search.results;
  },
});
