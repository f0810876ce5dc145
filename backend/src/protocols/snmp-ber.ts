// The BER that SNMP needs, written for hostile input: encoders for the requests we send (v1/v2c
// GetRequest and GetNextRequest) and a strict decoder for a v1/v2c GetResponse. The decoder
// never throws and never recurses: a message has a fixed shape (message → PDU → varbind list →
// varbind → value: five levels, the depth limit is the shape itself), every length is
// checked against the bytes that remain, a constructed or unknown value is refused, and anything
// that is not exactly the answer we wait for (version, community, PDU type, request id) is null.

/** We ask for a handful of OIDs; an answer with more varbinds is not an answer to us. */
export const MAX_VARBINDS = 16;
/** Longest OID we accept (arcs), and longest value we keep. */
const MAX_OID_ARCS = 128;
export const MAX_VALUE_BYTES = 1024;

export const PDU = { get: 0xa0, getNext: 0xa1, response: 0xa2, report: 0xa8 } as const;
export const VERSION_NUMBER = { v1: 0, v2c: 1 } as const;
export type CommunityVersion = keyof typeof VERSION_NUMBER;

// ---- encoding ---------------------------------------------------------------------------------

export function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

/** A non-negative INTEGER (request ids, versions, zeros). */
export function int(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  do { bytes.unshift(v & 0xff); v = Math.floor(v / 256); } while (v > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export const octets = (content: Buffer | string): Buffer => tlv(0x04, Buffer.from(content));
export const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));

export function oid(dotted: string): Buffer {
  const arcs = dotted.replace(/^\./, '').split('.').map(Number);
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) throw new Error(`bad OID ${dotted}`);
  const bytes: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [];
    let v = arc;
    do { chunk.unshift(v & 0x7f); v = Math.floor(v / 128); } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A v1/v2c request: every OID with a NULL value. */
export function communityRequest(version: CommunityVersion, community: string, requestId: number, pduType: number, oids: readonly string[]): Buffer {
  const varbinds = seq(...oids.map((o) => seq(oid(o), tlv(0x05, Buffer.alloc(0)))));
  const pdu = tlv(pduType, Buffer.concat([int(requestId), int(0), int(0), varbinds]));
  return seq(int(VERSION_NUMBER[version]), octets(community), pdu);
}

// ---- strict decoding --------------------------------------------------------------------------

export interface Tlv { tag: number; content: Buffer }

/** One TLV at `offset`, definite length only (at most 4 length bytes), inside the buffer; else null. */
export function readTlv(data: Buffer, offset: number): { item: Tlv; next: number } | null {
  if (offset + 2 > data.length) return null;
  const tag = data[offset]!;
  if ((tag & 0x1f) === 0x1f) return null; // multi-byte tags do not occur in SNMP
  let length = data[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > data.length) return null; // 0 = indefinite length
    length = 0;
    for (let k = 0; k < count; k++) length = length * 256 + data[start + k]!;
    start += count;
  }
  if (length > data.length - start) return null;
  return { item: { tag, content: data.subarray(start, start + length) }, next: start + length };
}

/** The children of a constructed value, which must fill it exactly; null if malformed or too many. */
export function childrenOf(content: Buffer, max: number): Tlv[] | null {
  const items: Tlv[] = [];
  let offset = 0;
  while (offset < content.length) {
    if (items.length >= max) return null;
    const read = readTlv(content, offset);
    if (!read) return null;
    items.push(read.item);
    offset = read.next;
  }
  return items;
}

/** Lenient: the well-formed TLVs at the start of `data` (at most 32), stopping at the first bad one. */
export function readAll(data: Buffer): Tlv[] {
  const items: Tlv[] = [];
  let offset = 0;
  while (offset < data.length && items.length < 32) {
    const read = readTlv(data, offset);
    if (!read) break;
    items.push(read.item);
    offset = read.next;
  }
  return items;
}

/** INTEGER as a JS number (two's complement, at most 6 bytes so it stays exact); null otherwise. */
export function readInteger(item: Tlv | undefined): number | null {
  if (!item || item.tag !== 0x02 || item.content.length === 0 || item.content.length > 6) return null;
  let value = item.content[0]! & 0x80 ? -1 : 0;
  for (const byte of item.content) value = value * 256 + byte;
  return value;
}

/** Unsigned application integers (Counter32, Gauge32, TimeTicks, Counter64) as decimal text. */
function readUnsigned(content: Buffer): string | null {
  if (content.length === 0 || content.length > 9) return null;
  let value = 0n;
  for (const byte of content) value = value * 256n + BigInt(byte);
  return value.toString();
}

export function readOid(content: Buffer): string | null {
  if (content.length === 0 || content.length > MAX_OID_ARCS * 5) return null;
  const arcs: number[] = [];
  const first = content[0]!;
  if (first & 0x80) return null;
  arcs.push(first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80);
  let value = 0;
  let bytesInArc = 0;
  for (const byte of content.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    bytesInArc += 1;
    if (bytesInArc > 5) return null;
    if (!(byte & 0x80)) { arcs.push(value); value = 0; bytesInArc = 0; }
  }
  if (bytesInArc !== 0 || arcs.length > MAX_OID_ARCS) return null; // ends inside an arc
  return arcs.join('.');
}

export type VarbindValue =
  | { kind: 'text'; bytes: Buffer }
  | { kind: 'number'; value: string }
  | { kind: 'oid'; value: string }
  | { kind: 'null' }
  | { kind: 'exception'; value: 'noSuchObject' | 'noSuchInstance' | 'endOfMibView' };

const EXCEPTIONS = { 0x80: 'noSuchObject', 0x81: 'noSuchInstance', 0x82: 'endOfMibView' } as const;

function readValue(item: Tlv): VarbindValue | null {
  if (item.content.length > MAX_VALUE_BYTES) return null;
  switch (item.tag) {
    case 0x02: { const v = readInteger(item); return v === null ? null : { kind: 'number', value: String(v) }; }
    case 0x04: case 0x44: return { kind: 'text', bytes: Buffer.from(item.content) }; // OCTET STRING, Opaque
    case 0x05: return item.content.length === 0 ? { kind: 'null' } : null;
    case 0x06: { const v = readOid(item.content); return v === null ? null : { kind: 'oid', value: v }; }
    case 0x40: return item.content.length === 4 ? { kind: 'text', bytes: Buffer.from([...item.content].join('.')) } : null; // IpAddress
    case 0x41: case 0x42: case 0x43: case 0x46: { const v = readUnsigned(item.content); return v === null ? null : { kind: 'number', value: v }; }
    case 0x80: case 0x81: case 0x82: return item.content.length === 0 ? { kind: 'exception', value: EXCEPTIONS[item.tag] } : null;
    default: return null; // constructed or unknown: not a value
  }
}

export interface Varbind { oid: string; value: VarbindValue }

export interface ExpectedAnswer {
  version: CommunityVersion;
  community: string;
  requestId: number;
}

export interface GetResponse {
  errorStatus: number;
  errorIndex: number;
  varbinds: Varbind[];
}

/**
 * A v1/v2c GetResponse to exactly this request (version, community, request id), or null. Fixed
 * shape: message(3) → PDU(4) → varbind list(≤ MAX_VARBINDS) → varbind(2) → value — five
 * levels, no recursion. The whole datagram must be the message (no trailing bytes).
 */
export function parseGetResponse(message: Buffer, expected: ExpectedAnswer): GetResponse | null {
  const top = readTlv(message, 0);
  if (!top || top.item.tag !== 0x30 || top.next !== message.length) return null;
  const parts = childrenOf(top.item.content, 3);
  if (!parts || parts.length !== 3) return null;
  const [version, community, pdu] = parts as [Tlv, Tlv, Tlv];
  if (readInteger(version) !== VERSION_NUMBER[expected.version]) return null;
  if (community.tag !== 0x04 || !community.content.equals(Buffer.from(expected.community))) return null;
  if (pdu.tag !== PDU.response) return null;
  const fields = childrenOf(pdu.content, 4);
  if (!fields || fields.length !== 4) return null;
  const [requestId, errorStatus, errorIndex, list] = fields as [Tlv, Tlv, Tlv, Tlv];
  if (readInteger(requestId) !== expected.requestId) return null;
  const status = readInteger(errorStatus);
  const index = readInteger(errorIndex);
  if (status === null || index === null || status < 0 || index < 0 || list.tag !== 0x30) return null;
  const items = childrenOf(list.content, MAX_VARBINDS);
  if (!items) return null;
  const varbinds: Varbind[] = [];
  for (const item of items) {
    if (item.tag !== 0x30) return null;
    const pair = childrenOf(item.content, 2);
    if (!pair || pair.length !== 2 || pair[0]!.tag !== 0x06) return null;
    const name = readOid(pair[0]!.content);
    const value = readValue(pair[1]!);
    if (name === null || value === null) return null;
    varbinds.push({ oid: name, value });
  }
  return { errorStatus: status, errorIndex: index, varbinds };
}

/** Control characters (a newline in a sysDescr) become one space each run. */
function printable(text: string): string {
  let out = '';
  let gap = false;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) { gap = true; continue; }
    out += gap && out !== '' ? ` ${ch}` : ch;
    gap = false;
  }
  return out.trim();
}

/** A value as text for evidence and identification: printable, at most 255 characters. */
export function valueText(value: VarbindValue): string | null {
  switch (value.kind) {
    case 'text': return printable(value.bytes.toString('utf8')).slice(0, 255);
    case 'number': case 'oid': return value.value;
    default: return null;
  }
}
