// The one MQTT client: a tiny MQTT 3.1.1 / 5 session over TCP or TLS. CONNECT with or without
// credentials and read the CONNACK's code (never reconnects); or, for the exposure checks,
// CONNECT anonymously, SUBSCRIBE to "#" and COUNT the retained messages the broker sends back,
// then UNSUBSCRIBE and DISCONNECT. Payloads and topic names are never kept: the stream parser
// skips a PUBLISH body byte by byte without buffering it — except, on request, the one topic
// "$SYS/broker/version" (the broker's own version string), subscribed to alone after "#" is gone. Deadlines and byte caps bound every wait.
import type { Socket } from 'node:net';
import { MQTT_DISCONNECT, mqttConnectPacket } from './mqtt.js';
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

const CONNACK = 2, PUBLISH = 3, SUBACK = 9, UNSUBACK = 11;

/** The topic where mosquitto (and brokers copying it) publish their version, retained. */
export const MQTT_VERSION_TOPIC = '$SYS/broker/version';
/** Longest PUBLISH kept while capturing the version topic (topic + payload); longer ones are skipped. */
const MAX_CAPTURED_PUBLISH = 256;

function encodeString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > 0xffff) throw new Error('string too long for MQTT');
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
}

/** Variable-length integer of the fixed header (and of MQTT 5 property lengths). */
function encodeLength(length: number): Buffer {
  const bytes: number[] = [];
  do {
    const low = length % 128;
    length = Math.floor(length / 128);
    bytes.push(length > 0 ? low | 0x80 : low);
  } while (length > 0);
  return Buffer.from(bytes);
}

function packet(firstByte: number, body: Buffer): Buffer {
  if (body.length > 64 * 1024) throw new Error('packet too long for this client');
  return Buffer.concat([Buffer.from([firstByte]), encodeLength(body.length), body]);
}

export interface MqttCredentials {
  username: string;
  password: string;
}

/** CONNECT, clean session, keep-alive 0; protocol level 4 (3.1.1) or 5 (with an empty property list). */
export function mqttLoginPacket(clientId: string, credentials: MqttCredentials | null, protocolVersion: 4 | 5 = 4): Buffer {
  const flags = 0x02 | (credentials ? 0xc0 : 0);
  const properties = protocolVersion === 5 ? encodeLength(0) : Buffer.alloc(0);
  const login = credentials ? [encodeString(credentials.username), encodeString(credentials.password)] : [];
  return packet(0x10, Buffer.concat([encodeString('MQTT'), Buffer.from([protocolVersion, flags, 0, 0]), properties, encodeString(clientId), ...login]));
}

/** SUBSCRIBE (QoS 0) to one topic filter. */
export function mqttSubscribePacket(packetId: number, filter: string): Buffer {
  return packet(0x82, Buffer.concat([Buffer.from([packetId >> 8, packetId & 0xff]), encodeString(filter), Buffer.from([0])]));
}

export function mqttUnsubscribePacket(packetId: number, filter: string): Buffer {
  return packet(0xa2, Buffer.concat([Buffer.from([packetId >> 8, packetId & 0xff]), encodeString(filter)]));
}

interface ControlPacket {
  type: number;
  body: Buffer;
}

/**
 * Splits the byte stream into packets. Small control packets (CONNACK, SUBACK…) are kept whole;
 * a PUBLISH is counted from its first byte (the retain flag lives there) and its body skipped.
 */
const MAX_CONTROL_PACKETS = 64;

export class MqttStreamParser {
  retained = 0;
  published = 0;
  readonly control: ControlPacket[] = [];
  /** When set, a short PUBLISH on exactly this topic keeps its payload (in `captured`); others are dropped. */
  captureTopic: string | null = null;
  captured: Buffer | null = null;
  #header: number[] = [];
  #remaining = 0;
  #type = 0;
  #header0 = 0;
  #body: Buffer[] = [];
  #state: 'header' | 'body' | 'publish' | 'skip' = 'header';

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === 'header') {
        this.#header.push(chunk[i++]!);
        const length = decodeLength(this.#header);
        if (length === 'bad') throw new Error('not an MQTT stream');
        if (length === null) continue;
        this.#type = this.#header[0]! >> 4;
        this.#header0 = this.#header[0]!;
        this.#remaining = length;
        if (this.#type === PUBLISH) {
          this.published += 1;
          if (this.#header[0]! & 0x01) this.retained += 1;
          this.#state = this.captureTopic !== null && length <= MAX_CAPTURED_PUBLISH ? 'publish' : 'skip';
        } else {
          if (length > 1024) throw new Error('oversized MQTT control packet');
          this.#state = 'body';
        }
        this.#header = [];
        if (this.#remaining === 0) this.#complete();
        continue;
      }
      const take = Math.min(this.#remaining, chunk.length - i);
      if (this.#state === 'body' || this.#state === 'publish') this.#body.push(chunk.subarray(i, i + take));
      this.#remaining -= take;
      i += take;
      if (this.#remaining === 0) this.#complete();
    }
  }

  #complete(): void {
    if (this.#state === 'body') {
      // Our sessions expect a CONNACK and a SUBACK: a stream of thousands of tiny control packets is
      // not a broker, and every wait would search them all (issue #21).
      if (this.control.length >= MAX_CONTROL_PACKETS) throw new Error('too many MQTT control packets');
      this.control.push({ type: this.#type, body: Buffer.concat(this.#body) });
    } else if (this.#state === 'publish') {
      this.#capture(Buffer.concat(this.#body), (this.#header0 >> 1) & 0x03);
    }
    this.#body = [];
    this.#state = 'header';
  }

  /** Keeps the payload of a PUBLISH on exactly `captureTopic` (QoS 1/2 put a packet id after the topic); drops any other. */
  #capture(body: Buffer, qos: number): void {
    if (this.captureTopic === null || body.length < 2) return;
    const topicEnd = 2 + body.readUInt16BE(0);
    if (topicEnd > body.length || body.toString('utf8', 2, topicEnd) !== this.captureTopic) return;
    this.captured = body.subarray(topicEnd + (qos > 0 ? 2 : 0));
  }
}

/** Remaining length from the fixed header bytes so far: a number, null (need more) or 'bad'. */
function decodeLength(header: number[]): number | null | 'bad' {
  if (header.length < 2) return null;
  let value = 0;
  for (let i = 1; i < header.length; i++) {
    value += (header[i]! & 0x7f) * 128 ** (i - 1);
    if ((header[i]! & 0x80) === 0) return value;
    if (i === 4) return 'bad';
  }
  return null;
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
