import { defineCheck } from '../core/plugins.js';
import { mqttCountRetained } from '../protocols/mqtt-session.js';

/** Retained messages arrive in one burst right after the SUBACK: a second is plenty. */
const LISTEN_MS = 1000;
const MAX_COUNTED = 1000;

/**
 * An MQTT broker that takes a CONNECT without any credential (CONNACK 0). As evidence it
 * subscribes to "#" for at most a second and COUNTS the retained messages: payloads and topic
 * names are skipped unread. Then UNSUBSCRIBE and DISCONNECT. In that same anonymous session (the
 * broker is open anyway; no login is ever tried for this) it also subscribes to
 * "$SYS/broker/version" alone, and hands what the broker says of itself to the software inventory.
 */
export const anonymousAccessMqtt = defineCheck({
  id: 'anonymous-access-mqtt',
  finding: { family: 'anonymous-access', service: 'mqtt' },
  severity: 'high',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: 1,
  on: { tcp: ['mqtt', 'mqtts'] },
  async run({ device, service }, ctx) {
    const count = await mqttCountRetained({
      host: device.ip,
      port: service.port,
      tls: service.service === 'mqtts',
      timeoutMs: ctx.tuning.exchangeTimeoutMs,
      signal: ctx.signal,
      listenMs: Math.min(LISTEN_MS, ctx.tuning.exchangeTimeoutMs),
      maxMessages: MAX_COUNTED,
      readVersion: true,
    });
    if (count.returnCode !== 0) return [];
    if (count.brokerVersion !== null) {
      ctx.learned?.(device.ip, { ...service, mqtt: { ...service.mqtt, version: count.brokerVersion } });
    }
    const subscription = count.subscribed === true
      ? `a subscription to every topic ("#") was granted and the broker handed over ${count.capped ? 'at least ' : ''}${count.retained} retained message${count.retained === 1 ? '' : 's'} (counted, not read)`
      : count.subscribed === false
        ? 'a subscription to every topic ("#") was refused by the broker\'s access rules'
        : 'the broker did not answer the subscription';
    return [{
      confidence: 'confirmed',
      evidence: `CONNECT without user name or password was accepted (CONNACK 0) on port ${service.port}; ${subscription}`,
    }];
  },
});
