// MQTT 3.1.1 / 5 packets for the one MQTT client (mqtt-session.ts): the few we send (CONNECT,
// SUBSCRIBE, UNSUBSCRIBE) and a stream parser for what brokers answer, which keeps control packets
// and skips PUBLISH bodies byte by byte (only the broker's version topic may be captured).
export const CONNACK = 2, PUBLISH = 3, SUBACK = 9, UNSUBACK = 11;

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

export interface ControlPacket {
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
