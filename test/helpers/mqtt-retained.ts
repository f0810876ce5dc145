// A test subscriber on a loopback broker: connect, and read what the broker holds retained as a
// subscriber connecting later (Home Assistant after a restart) receives it.
import { randomBytes } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import { vi } from 'vitest';

export async function mqttClient(port: number): Promise<MqttClient> {
  const c = connect(`mqtt://127.0.0.1:${port}`, { clientId: `t-${randomBytes(4).toString('hex')}`, clean: true, reconnectPeriod: 0, connectTimeout: 10_000 });
  c.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => { c.once('connect', () => resolve()); c.once('error', reject); });
  return c;
}

/**
 * The retained topics and payloads: subscribes to everything, waits for the topics it must see and
 * for its own marker published after the subscription, so what is absent by then is not there.
 */
export async function retainedTopics(port: number, mustHave: string[]): Promise<Map<string, string>> {
  const c = await mqttClient(port);
  const held = new Map<string, string>();
  const marker = `test/marker/${randomBytes(4).toString('hex')}`;
  let markerSeen = false;
  c.on('message', (topic, payload, packet) => {
    if (topic === marker) markerSeen = true;
    else if (packet.retain) held.set(topic, payload.toString('utf8'));
  });
  try {
    await c.subscribeAsync('#', { qos: 1 });
    await c.publishAsync(marker, 'end', { qos: 1 });
    await vi.waitFor(() => {
      const missing = mustHave.filter((t) => !held.has(t));
      if (!markerSeen || missing.length > 0) throw new Error(`waiting for ${missing.join(', ') || 'the marker'}`);
    }, { timeout: 20_000, interval: 50 });
    return held;
  } finally {
    await c.endAsync(true);
  }
}
