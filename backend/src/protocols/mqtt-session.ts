// The one MQTT client: a tiny MQTT 3.1.1 / 5 session over TCP or TLS. CONNECT with or without
// credentials and read the CONNACK's code (never reconnects); or, for the exposure checks,
// CONNECT anonymously, SUBSCRIBE to "#" and COUNT the retained messages the broker sends back,
// then UNSUBSCRIBE and DISCONNECT. Payloads and topic names are never kept: the stream parser
// skips a PUBLISH body byte by byte without buffering it — except, on request, the one topic
// "$SYS/broker/version" (the broker's own version string), subscribed to alone after "#" is gone. Deadlines and byte caps bound every wait.
import type { Socket } from 'node:net';
import { MQTT_DISCONNECT, mqttConnectPacket } from './mqtt.js';
import {
  CONNACK, type ControlPacket, MQTT_VERSION_TOPIC, type MqttCredentials, mqttLoginPacket, MqttStreamParser, mqttSubscribePacket,
  mqttUnsubscribePacket, SUBACK, UNSUBACK,
} from './mqtt-packets.js';
import { SocketSession } from './socket-session.js';
import { abortError, connectTcp, writeAll } from './tcp.js';
import { openTls } from './tls.js';

export interface MqttSessionOptions {
  host: string;
  port: number;
  tls?: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Cap on everything read from the broker (default 256 KiB). */
  maxBytes?: number;
}

class MqttConnection extends SocketSession {
  readonly parser = new MqttStreamParser();
  /** The byte cap was reached: whatever was counted is a lower bound. */
  truncated = false;
  #bytes = 0;

  constructor(socket: Socket, maxBytes: number) {
    super(socket);
    this.onData('mqtt', (chunk: Buffer) => {
      this.#bytes += chunk.length;
      try {
        this.parser.push(chunk);
      } catch {
        this.close();
      }
      if (this.#bytes >= maxBytes) {
        this.truncated = true;
        this.close();
      }
      this.notify();
    });
  }

  /** Resolves true when `done()` holds, false on deadline, close or abort. */
  async wait(done: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return await this.until(() => (done() ? true : this.closed ? false : undefined), timeoutMs, signal) === true;
  }

  async send(data: Buffer): Promise<boolean> {
    if (this.closed) return false;
    return writeAll(this.socket, data).then(() => true, () => false);
  }
}

async function open(options: MqttSessionOptions): Promise<MqttConnection> {
  const target = { host: options.host, port: options.port, timeoutMs: options.timeoutMs, signal: options.signal };
  const socket = options.tls ? await openTls(target) : await connectTcp(target);
  return new MqttConnection(socket, options.maxBytes ?? 256 * 1024);
}

function connackCode(connection: MqttConnection): number | null {
  const ack = connection.parser.control.find((p) => p.type === CONNACK);
  return ack && ack.body.length >= 2 ? ack.body[1]! : null;
}

/** Sends CONNECT and waits for the CONNACK: its return (3.1.1) or reason (5) code, or null. */
async function handshake(connection: MqttConnection, hello: Buffer, timeoutMs: number, signal?: AbortSignal): Promise<number | null> {
  if (!await connection.send(hello)) return null;
  await connection.wait(() => connackCode(connection) !== null, timeoutMs, signal);
  return connackCode(connection);
}

/** CONNECT without credentials: the CONNACK return code (0 accepted, 5 not authorised…), or null. */
export async function mqttAnonymousConnack(options: MqttSessionOptions): Promise<number | null> {
  const connection = await open(options);
  try {
    const code = await handshake(connection, mqttConnectPacket(`mamori-${process.pid}`), options.timeoutMs, options.signal);
    if (code === 0) await connection.send(MQTT_DISCONNECT);
    return code;
  } finally {
    connection.close();
  }
}

export interface MqttOptions extends MqttSessionOptions {
  /** 4 = MQTT 3.1.1 (default), 5 = MQTT 5. */
  protocolVersion?: 4 | 5;
  /** Deadline of the CONNACK once CONNECT is sent (a broker's auth plug-in may delay a refusal). Default timeoutMs. */
  answerTimeoutMs?: number;
}

export type MqttOutcome = 'accepted' | 'rejected' | 'error' | 'throttled';

export interface MqttConnectResult {
  outcome: MqttOutcome;
  /** CONNACK return code (3.1.1) or reason code (5), or null without a CONNACK. */
  code: number | null;
  detail: string;
}

/** 3.1.1: 4 bad user name or password, 5 not authorised. 5: 134 bad user/password, 135 not authorised. */
const REFUSED = new Set([4, 5, 134, 135]);
/** 5: 137 server busy, 138 banned, 151 quota exceeded, 159 connection rate exceeded; 3.1.1: 3 server unavailable. */
const THROTTLED = new Set([3, 137, 138, 151, 159]);

/** One CONNECT (`credentials` null tries anonymous access), then DISCONNECT. Never subscribes. */
export async function mqttConnect(options: MqttOptions, credentials: MqttCredentials | null): Promise<MqttConnectResult> {
  let connection: MqttConnection;
  try {
    connection = await open(options);
  } catch (error) {
    if (options.signal?.aborted) throw abortError();
    return { outcome: 'error', code: null, detail: (error as Error).message };
  }
  try {
    const hello = mqttLoginPacket(`mamori-${Math.random().toString(16).slice(2, 10)}`, credentials, options.protocolVersion ?? 4);
    const answerMs = Math.max(options.timeoutMs, options.answerTimeoutMs ?? options.timeoutMs);
    const code = await handshake(connection, hello, answerMs, options.signal);
    if (options.signal?.aborted) throw abortError();
    if (code === null) {
      return { outcome: 'error', code, detail: connection.closed ? 'connection closed without a CONNACK' : `no CONNACK within ${answerMs} ms` };
    }
    if (code === 0) {
      await connection.send(MQTT_DISCONNECT);
      return { outcome: 'accepted', code, detail: 'CONNACK accepted' };
    }
    const outcome = REFUSED.has(code) ? 'rejected' : THROTTLED.has(code) ? 'throttled' : 'error';
    return { outcome, code, detail: `CONNACK refused the connection (code ${code})` };
  } finally {
    connection.close();
  }
}

export interface RetainedCount {
  /** CONNACK return code, or null when the peer never sent one. */
  returnCode: number | null;
  /** SUBACK said the subscription was granted (false: refused, null: no SUBACK). */
  subscribed: boolean | null;
  /** PUBLISH packets with the retain flag: one per retained topic. */
  retained: number;
  /** True when the count stopped at a cap (byte cap, message cap or the listening window). */
  capped: boolean;
  /** What the broker published on "$SYS/broker/version" (printable, capped), when asked and it did. */
  brokerVersion: string | null;
}

export interface RetainedOptions extends MqttSessionOptions {
  /** How long to listen after the SUBACK, at most. */
  listenMs: number;
  /** Stop counting after this many retained messages. */
  maxMessages: number;
  /** Stop once no message arrived for this long (retained messages come in one burst). */
  idleMs?: number;
  /** Afterwards, in the same anonymous session, subscribe to "$SYS/broker/version" alone and keep its payload. */
  readVersion?: boolean;
}

const MAX_VERSION_CHARS = 100;

/** CONNECT without credentials; if accepted, SUBSCRIBE "#" and count retained messages. */
export async function mqttCountRetained(options: RetainedOptions): Promise<RetainedCount> {
  const connection = await open(options);
  const { parser } = connection;
  const result: RetainedCount = { returnCode: null, subscribed: null, retained: 0, capped: false, brokerVersion: null };
  let counted: number | null = null;
  try {
    result.returnCode = await handshake(connection, mqttConnectPacket(`mamori-${process.pid}`), options.timeoutMs, options.signal);
    if (result.returnCode !== 0) return result;
    if (!await connection.send(mqttSubscribePacket(1, '#'))) return result;
    const ack = await waitFor(connection, SUBACK, 1, options);
    if (ack) result.subscribed = ack.body.length >= 3 && ack.body[2]! < 0x80;
    if (result.subscribed) {
      const deadline = Date.now() + options.listenMs;
      const idleMs = options.idleMs ?? 250;
      let seen = -1;
      // Listen until the window closes, the cap is hit, or the burst of retained messages ends.
      while (Date.now() < deadline && parser.retained < options.maxMessages && !connection.closed && seen !== parser.published) {
        seen = parser.published;
        const before = parser.published;
        await connection.wait(() => parser.published > before || parser.retained >= options.maxMessages,
          Math.min(idleMs, Math.max(1, deadline - Date.now())), options.signal);
      }
      result.capped = connection.truncated || parser.retained >= options.maxMessages
        || (Date.now() >= deadline && seen !== parser.published);
      counted = parser.retained;
      await connection.send(mqttUnsubscribePacket(2, '#'));
    }
    if (options.readVersion && result.subscribed !== null) {
      counted ??= parser.retained;
      result.brokerVersion = await readBrokerVersion(connection, result.subscribed, options);
    }
    await connection.send(MQTT_DISCONNECT);
    return result;
  } finally {
    result.retained = Math.min(counted ?? parser.retained, options.maxMessages);
    connection.close();
  }
}

/** The control packet of this type whose packet id is `id`, once it arrives (bounded by timeoutMs). */
async function waitFor(connection: MqttConnection, type: number, id: number, options: MqttSessionOptions): Promise<ControlPacket | undefined> {
  const find = (): ControlPacket | undefined => connection.parser.control.find((p) => p.type === type && p.body.length >= 2 && p.body.readUInt16BE(0) === id);
  await connection.wait(() => find() !== undefined, options.timeoutMs, options.signal);
  return find();
}

/**
 * Subscribes to "$SYS/broker/version" alone (after "#" was unsubscribed and acknowledged, so no
 * other topic can still arrive) and keeps that one payload. mosquitto publishes it retained.
 */
async function readBrokerVersion(connection: MqttConnection, hadHash: boolean, options: RetainedOptions): Promise<string | null> {
  const { parser } = connection;
  if (hadHash && !await waitFor(connection, UNSUBACK, 2, options)) return null;
  parser.captureTopic = MQTT_VERSION_TOPIC;
  if (!await connection.send(mqttSubscribePacket(3, MQTT_VERSION_TOPIC))) return null;
  const ack = await waitFor(connection, SUBACK, 3, options);
  if (!ack || ack.body.length < 3 || ack.body[2]! >= 0x80) return null;
  // Retained, it follows the SUBACK at once; a broker without it (aedes) costs this short wait.
  await connection.wait(() => parser.captured !== null, Math.min(options.listenMs, 2 * (options.idleMs ?? 250)), options.signal);
  await connection.send(mqttUnsubscribePacket(4, MQTT_VERSION_TOPIC));
  if (parser.captured === null) return null;
  // Device input: printable ASCII only, trimmed and capped.
  const text = parser.captured.toString('latin1').replace(/[^\x20-\x7e]/g, '').trim().slice(0, MAX_VERSION_CHARS);
  return text === '' ? null : text;
}
