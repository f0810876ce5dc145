// MQTT CONNECT with or without credentials (the `mqtt` package): reads the CONNACK's code and
// disconnects at once. Never subscribes, never publishes, never reconnects (reconnectPeriod 0).
import mqtt from 'mqtt';
import { abortError } from './tcp.js';

export interface MqttOptions {
  host: string;
  port: number;
  timeoutMs: number;
  /** 4 = MQTT 3.1.1 (default), 5 = MQTT 5. */
  protocolVersion?: 4 | 5;
  signal?: AbortSignal;
}

export type MqttOutcome = 'accepted' | 'rejected' | 'error' | 'throttled';

export interface MqttConnectResult {
  outcome: MqttOutcome;
  /** CONNACK return code (3.1.1) or reason code (5), or null without a CONNACK. */
  code: number | null;
  detail: string;
}

/** 3.1.1: 4 bad user name or password, 5 not authorised. 5: 134 bad user/password, 135 not authorised, 138 banned. */
const REFUSED = new Set([4, 5, 134, 135]);
/** 5: 137 server busy, 138 banned, 151 quota exceeded, 159 connection rate exceeded; 3.1.1: 3 server unavailable. */
const THROTTLED = new Set([3, 137, 138, 151, 159]);

export interface MqttCredentials {
  username: string;
  password: string;
}

/** One CONNECT; `credentials` null tries anonymous access. */
export function mqttConnect(options: MqttOptions, credentials: MqttCredentials | null): Promise<MqttConnectResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const client = mqtt.connect({
      host: options.host,
      port: options.port,
      protocol: 'mqtt',
      protocolVersion: options.protocolVersion ?? 4,
      clientId: `mamori-${Math.random().toString(16).slice(2, 10)}`,
      clean: true,
      keepalive: 0,
      reconnectPeriod: 0,
      connectTimeout: options.timeoutMs,
      ...(credentials ? { username: credentials.username, password: credentials.password } : {}),
    });
    let settled = false;
    const finish = (result: MqttConnectResult | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hardTimer);
      options.signal?.removeEventListener('abort', onAbort);
      client.end(true);
      if (result instanceof Error) reject(result); else resolve(result);
    };
    const onAbort = (): void => finish(abortError());
    const hardTimer = setTimeout(() => finish({ outcome: 'error', code: null, detail: `no CONNACK within ${options.timeoutMs} ms` }), options.timeoutMs + 1000);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    client.on('connect', (packet) => finish({ outcome: 'accepted', code: packet.returnCode ?? packet.reasonCode ?? 0, detail: 'CONNACK accepted' }));
    client.on('error', (error: Error & { code?: number | string }) => {
      const code = typeof error.code === 'number' ? error.code : null;
      if (code !== null && REFUSED.has(code)) return finish({ outcome: 'rejected', code, detail: error.message });
      if (code !== null && THROTTLED.has(code)) return finish({ outcome: 'throttled', code, detail: error.message });
      finish({ outcome: 'error', code, detail: error.message });
    });
    client.on('close', () => finish({ outcome: 'error', code: null, detail: 'connection closed without a CONNACK' }));
  });
}
