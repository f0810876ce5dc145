import { defineCheck } from '../core/plugins.js';
import { mqttAnonymousConnack } from '../protocols/mqtt-session.js';

const REFUSED: Record<number, string> = {
  4: 'bad user name or password', 5: 'not authorised',
};

/**
 * MQTT on a plain (non-TLS) port: whatever a client sends — user name, password, sensor data,
 * commands — crosses the network unencrypted. Confirmed when the broker answers a CONNECT with
 * a CONNACK on the plain connection (accepted or refused alike: either way it takes logins here).
 */
export const cleartextServiceMqtt = defineCheck({
  id: 'cleartext-service-mqtt',
  finding: { family: 'cleartext-service', service: 'mqtt' },
  severity: 'medium',
  tags: ['cleartext', 'exposure'],
  intrusive: false,
  maxAttempts: 1,
  on: { tcp: ['mqtt'], unencrypted: true },
  async run({ device, service }, ctx) {
    const code = await mqttAnonymousConnack({
      host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal,
    });
    if (code === null) return [];
    const answer = code === 0 ? 'accepted (CONNACK 0)' : `answered with CONNACK ${code}${REFUSED[code] ? ` (${REFUSED[code]})` : ''}`;
    return [{
      confidence: 'confirmed',
      evidence: `port ${service.port} speaks MQTT without TLS: a CONNECT on the plain connection was ${answer}; user names, passwords and messages sent to this broker travel unencrypted`,
    }];
  },
});
