// A tiny MQTT 3.1.1 session over TCP or TLS for the exposure checks: CONNECT without credentials,
// read the CONNACK, optionally SUBSCRIBE to "#" and COUNT the retained messages the broker sends
// back, then UNSUBSCRIBE and DISCONNECT. Payloads and topic names are never kept: the stream
// parser skips a PUBLISH body byte by byte without buffering it. Deadlines and byte caps bound
// every wait.
import type { Socket } from 'node:net';
import { MQTT_DISCONNECT, mqttConnectPacket } from './mqtt.js';
import { connectTcp, writeAll } from './tcp.js';
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

const CONNACK = 2, PUBLISH = 3, SUBACK = 9;

function encodeString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
}

function packet(firstByte: number, body: Buffer): Buffer {
  if (body.length > 127) throw new Error('packet too long for this client');
  return Buffer.concat([Buffer.from([firstByte, body.length]), body]);
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
export class MqttStreamParser {
  retained = 0;
  published = 0;
  readonly control: ControlPacket[] = [];
  #header: number[] = [];
  #remaining = 0;
  #type = 0;
  #body: Buffer[] = [];
  #state: 'header' | 'body' | 'skip' = 'header';

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === 'header') {
        this.#header.push(chunk[i++]!);
        const length = decodeLength(this.#header);
        if (length === 'bad') throw new Error('not an MQTT stream');
        if (length === null) continue;
        this.#type = this.#header[0]! >> 4;
        this.#remaining = length;
        if (this.#type === PUBLISH) {
          this.published += 1;
          if (this.#header[0]! & 0x01) this.retained += 1;
          this.#state = 'skip';
        } else {
          if (length > 1024) throw new Error('oversized MQTT control packet');
          this.#state = 'body';
        }
        this.#header = [];
        if (this.#remaining === 0) this.#complete();
        continue;
      }
      const take = Math.min(this.#remaining, chunk.length - i);
      if (this.#state === 'body') this.#body.push(chunk.subarray(i, i + take));
      this.#remaining -= take;
      i += take;
      if (this.#remaining === 0) this.#complete();
    }
  }

  #complete(): void {
    if (this.#state === 'body') this.control.push({ type: this.#type, body: Buffer.concat(this.#body) });
    this.#body = [];
    this.#state = 'header';
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

class MqttConnection {
  readonly parser = new MqttStreamParser();
  /** The byte cap was reached: whatever was counted is a lower bound. */
  truncated = false;
  #bytes = 0;
  #closed = false;
  #waiters: Array<() => void> = [];

  constructor(readonly socket: Socket, maxBytes: number) {
    socket.on('data', (chunk: Buffer) => {
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
      this.#notify();
    });
    const onEnd = (): void => { this.#closed = true; this.#notify(); };
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', onEnd);
  }

  get closed(): boolean { return this.#closed; }

  /** Resolves true when `done()` holds, false on deadline, close or abort. */
  wait(done: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (done()) finish(true);
        else if (this.#closed || signal?.aborted) finish(false);
      };
      const finish = (value: boolean): void => {
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((w) => w !== check);
        signal?.removeEventListener('abort', check);
        resolve(value);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.#waiters.push(check);
      signal?.addEventListener('abort', check, { once: true });
      check();
    });
  }

  async send(data: Buffer): Promise<boolean> {
    if (this.#closed) return false;
    return writeAll(this.socket, data).then(() => true, () => false);
  }

  close(): void {
    this.#closed = true;
    this.socket.destroy();
    this.#notify();
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
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

/** CONNECT without credentials: the CONNACK return code (0 accepted, 5 not authorised…), or null. */
export async function mqttAnonymousConnack(options: MqttSessionOptions): Promise<number | null> {
  const connection = await open(options);
  try {
    if (!await connection.send(mqttConnectPacket(`mamori-${process.pid}`))) return null;
    await connection.wait(() => connackCode(connection) !== null, options.timeoutMs, options.signal);
    const code = connackCode(connection);
    if (code === 0) await connection.send(MQTT_DISCONNECT);
    return code;
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
}

export interface RetainedOptions extends MqttSessionOptions {
  /** How long to listen after the SUBACK, at most. */
  listenMs: number;
  /** Stop counting after this many retained messages. */
  maxMessages: number;
  /** Stop once no message arrived for this long (retained messages come in one burst). */
  idleMs?: number;
}

/** CONNECT without credentials; if accepted, SUBSCRIBE "#" and count retained messages. */
export async function mqttCountRetained(options: RetainedOptions): Promise<RetainedCount> {
  const connection = await open(options);
  const { parser } = connection;
  const result: RetainedCount = { returnCode: null, subscribed: null, retained: 0, capped: false };
  try {
    if (!await connection.send(mqttConnectPacket(`mamori-${process.pid}`))) return result;
    await connection.wait(() => connackCode(connection) !== null, options.timeoutMs, options.signal);
    result.returnCode = connackCode(connection);
    if (result.returnCode !== 0) return result;
    if (!await connection.send(mqttSubscribePacket(1, '#'))) return result;
    const suback = (): ControlPacket | undefined => parser.control.find((p) => p.type === SUBACK);
    await connection.wait(() => suback() !== undefined, options.timeoutMs, options.signal);
    const ack = suback();
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
      await connection.send(mqttUnsubscribePacket(2, '#'));
    }
    await connection.send(MQTT_DISCONNECT);
    return result;
  } finally {
    result.retained = Math.min(parser.retained, options.maxMessages);
    connection.close();
  }
}
