import { mqttConnect } from '../protocols/mqtt-session.js';
import { defineCredentialCheck } from './credentials/define.js';

/**
 * Factory MQTT logins, only on a broker that refuses anonymous clients: a broker that lets anyone
 * in is the anonymous-access finding, and any password "working" there proves nothing.
 */
export const defaultCredentialsMqtt = defineCredentialCheck({
  service: 'mqtt',
  hints: ({ service }) => [service.banner],
  async prepare({ target: { device, service }, ctx, options }) {
    const anonymous = await mqttConnect(options, null);
    if (anonymous.outcome === 'rejected') return { state: undefined };
    ctx.log.debug(`default-credentials-mqtt: ${device.ip}:${service.port} anonymous CONNECT was ${anonymous.outcome}; no password tries`);
    return null;
  },
  async tryPair({ options }, username, password) {
    const result = await mqttConnect(options, { username, password });
    return { outcome: result.outcome, detail: `CONNACK ${result.code ?? '-'}` };
  },
});
