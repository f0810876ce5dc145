// Just enough CoAP (RFC 7252) to ask a device what it is: one GET datagram (confirmable, never
// retransmitted), one reply read under a deadline and a size cap, the socket always closed. The UDP
// socket is connected, so an ICMP "port unreachable" ends the wait at once instead of at the deadline.
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { guardInput } from './input-guard.js';

const VERSION = 1;
const TYPES = ['CON', 'NON', 'ACK', 'RST'] as const;
const URI_PATH = 11;
const CONTENT_FORMAT = 12;
const MAX_DATAGRAM = 2048;

export interface CoapResponse {
  type: (typeof TYPES)[number];
  /** "2.05", "4.04"… ("0.00" for an empty RST). */
  code: string;
  contentFormat: number | null;
  payload: Buffer;
}

/** A confirmable GET for the given path segments, e.g. [".well-known", "core"]. */
export function coapGetPacket(messageId: number, token: Buffer, segments: readonly string[]): Buffer {
  if (token.length > 8) throw new Error('CoAP tokens are at most 8 bytes');
  const parts: Buffer[] = [Buffer.from([(VERSION << 6) | (0 << 4) | token.length, 0x01, messageId >> 8, messageId & 0xff]), token];
  let previous = 0;
  for (const segment of segments) {
    const value = Buffer.from(segment, 'utf8');
    if (value.length > 12) throw new Error('path segment too long for this client');
    parts.push(Buffer.from([((URI_PATH - previous) << 4) | value.length]), value);
    previous = URI_PATH;
  }
  return Buffer.concat(parts);
}

/** Parses a CoAP message; null if it is not one (wrong version, truncated, reserved nibble). */
export function parseCoap(data: Buffer): (CoapResponse & { messageId: number; token: Buffer }) | null {
  if (data.length < 4 || data[0]! >> 6 !== VERSION) return null;
  const tokenLength = data[0]! & 0x0f;
  if (tokenLength > 8 || data.length < 4 + tokenLength) return null;
  const codeByte = data[1]!;
  let offset = 4 + tokenLength;
  let option = 0;
  let contentFormat: number | null = null;
  while (offset < data.length && data[offset] !== 0xff) {
    const byte = data[offset++]!;
    const delta = extended(byte >> 4, data, offset);
    if (!delta) return null;
    offset = delta.offset;
    const length = extended(byte & 0x0f, data, offset);
    if (!length) return null;
    offset = length.offset;
    if (offset + length.value > data.length) return null;
    option += delta.value;
    if (option === CONTENT_FORMAT) contentFormat = data.subarray(offset, offset + length.value).reduce((n, b) => n * 256 + b, 0);
    offset += length.value;
  }
  return {
    type: TYPES[(data[0]! >> 4) & 0x03]!,
    code: `${codeByte >> 5}.${String(codeByte & 0x1f).padStart(2, '0')}`,
    messageId: data.readUInt16BE(2),
    token: data.subarray(4, 4 + tokenLength),
    contentFormat,
    payload: offset < data.length ? data.subarray(offset + 1) : Buffer.alloc(0),
  };
}

function extended(nibble: number, data: Buffer, offset: number): { value: number; offset: number } | null {
  if (nibble < 13) return { value: nibble, offset };
  if (nibble === 13) return offset < data.length ? { value: data[offset]! + 13, offset: offset + 1 } : null;
  if (nibble === 14) return offset + 1 < data.length ? { value: data.readUInt16BE(offset) + 269, offset: offset + 2 } : null;
  return null; // 15 is reserved (or the payload marker, handled by the caller)
}

export interface CoapGetOptions {
  host: string;
  port: number;
  path: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One GET, one answer: the response, or null (no answer in time, unreachable, not CoAP). */
export function coapGet(options: CoapGetOptions): Promise<CoapResponse | null> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) return resolve(null);
    const socket = createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');
    const messageId = randomBytes(2).readUInt16BE(0);
    const token = randomBytes(4);
    let settled = false;
    const finish = (value: CoapResponse | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.close();
      resolve(value);
    };
    const onAbort = (): void => finish(null);
    const timer = setTimeout(() => finish(null), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', () => finish(null));
    socket.on('message', guardInput('coap', (_message: Buffer) => `${options.host}:${options.port}`, (message: Buffer) => {
      if (message.length > MAX_DATAGRAM) return;
      const parsed = parseCoap(message);
      // Only the answer to our message (same id; a piggybacked reply also echoes our token).
      if (!parsed || parsed.messageId !== messageId) return;
      if (parsed.type === 'ACK' && parsed.code !== '0.00' && !parsed.token.equals(token)) return;
      const { type, code, contentFormat, payload } = parsed;
      finish({ type, code, contentFormat, payload });
    }, () => finish(null)));
    socket.connect(options.port, options.host, () => {
      socket.send(coapGetPacket(messageId, token, options.path), (error) => { if (error) finish(null); });
    });
  });
}
