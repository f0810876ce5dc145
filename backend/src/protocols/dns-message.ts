// A strict, bounded decoder for DNS messages as devices send them (mDNS answers). It replaces
// dns-packet's decoder on input: dns-packet 5.6.1 reads past the end of a TXT record, its byte
// count becomes NaN, and every further record is re-read from the start (one 1 KB packet takes
// the heap down, issue #21). Here every length is checked against the buffer before it is used,
// the header's counts must fit in the packet, names follow only backward compression pointers
// (so they cannot loop) and never exceed 255 bytes. Work is linear in the packet's size.

export type DnsRecordData =
  | { type: 'A'; data: string }
  | { type: 'AAAA'; data: string }
  | { type: 'PTR'; data: string }
  | { type: 'SRV'; data: { priority: number; weight: number; port: number; target: string } }
  | { type: 'TXT'; data: Buffer[] }
  | { type: 'OTHER'; code: number };

export type DnsRecord = DnsRecordData & { name: string; ttl: number; section: 'answer' | 'authority' | 'additional' };

export interface DnsMessage {
  id: number;
  /** True for a response (QR bit set). */
  response: boolean;
  rcode: number;
  questions: Array<{ name: string; type: number }>;
  records: DnsRecord[];
}

export type DnsDecodeResult = { ok: true; message: DnsMessage } | { ok: false; reason: string };

const HEADER = 12;
const MIN_QUESTION = 5; // root name + type + class
const MIN_RECORD = 11; // root name + type + class + ttl + rdlength
const MAX_NAME_WIRE = 255;
const TYPES: Record<number, 'A' | 'AAAA' | 'PTR' | 'SRV' | 'TXT'> = { 1: 'A', 28: 'AAAA', 12: 'PTR', 33: 'SRV', 16: 'TXT' };

class Malformed extends Error {}

/** Decodes a whole message. Never throws; a message that breaks any bound is refused with a reason. */
export function decodeDnsMessage(buf: Buffer, limits: { maxRecords?: number } = {}): DnsDecodeResult {
  if (buf.length < HEADER) return { ok: false, reason: `truncated header (${buf.length} bytes)` };
  const flags = buf.readUInt16BE(2);
  const counts = [4, 6, 8, 10].map((at) => buf.readUInt16BE(at)) as [number, number, number, number];
  const [qd, an, ns, ar] = counts;
  const least = qd * MIN_QUESTION + (an + ns + ar) * MIN_RECORD;
  if (least > buf.length - HEADER) {
    return { ok: false, reason: `malformed: header claims ${qd} questions and ${an + ns + ar} records, more than ${buf.length} bytes can hold` };
  }
  try {
    const reader = new Reader(buf);
    const questions: DnsMessage['questions'] = [];
    for (let i = 0; i < qd; i++) {
      const name = reader.name();
      questions.push({ name, type: reader.u16() });
      reader.u16(); // class
    }
    const maxRecords = limits.maxRecords ?? Number.POSITIVE_INFINITY;
    const records: DnsRecord[] = [];
    const sections = [['answer', an], ['authority', ns], ['additional', ar]] as const;
    for (const [section, count] of sections) {
      for (let i = 0; i < count && records.length < maxRecords; i++) records.push(reader.record(section));
    }
    return { ok: true, message: { id: buf.readUInt16BE(0), response: (flags & 0x8000) !== 0, rcode: flags & 0x0f, questions, records } };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, reason: `malformed: ${error.message}` };
    throw error;
  }
}

class Reader {
  offset = HEADER;
  constructor(private readonly buf: Buffer) {}

  need(bytes: number, what: string, at = this.offset): void {
    if (at + bytes > this.buf.length) throw new Malformed(`truncated ${what} at byte ${at}`);
  }

  u16(): number {
    this.need(2, 'field');
    const value = this.buf.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  u32(): number {
    this.need(4, 'field');
    const value = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** The name at the read position; the position moves past it (not past what a pointer points to). */
  name(): string {
    const { name, end } = readName(this.buf, this.offset);
    this.offset = end;
    return name;
  }

  record(section: DnsRecord['section']): DnsRecord {
    const name = this.name();
    const code = this.u16();
    this.u16(); // class (mDNS uses its top bit as cache-flush)
    const ttl = this.u32();
    const length = this.u16();
    this.need(length, `record data of ${length} bytes`);
    const start = this.offset;
    const end = start + length;
    this.offset = end;
    return { name, ttl, section, ...rdata(this.buf, code, start, end) };
  }
}

function rdata(buf: Buffer, code: number, start: number, end: number): DnsRecordData {
  const length = end - start;
  switch (TYPES[code]) {
    case 'A':
      if (length !== 4) throw new Malformed(`A record of ${length} bytes`);
      return { type: 'A', data: [...buf.subarray(start, end)].join('.') };
    case 'AAAA': {
      if (length !== 16) throw new Malformed(`AAAA record of ${length} bytes`);
      const groups: string[] = [];
      for (let i = start; i < end; i += 2) groups.push(buf.readUInt16BE(i).toString(16));
      return { type: 'AAAA', data: compressIpv6(groups) };
    }
    case 'PTR':
      return { type: 'PTR', data: nameWithin(buf, start, end) };
    case 'SRV': {
      if (length < 7) throw new Malformed(`SRV record of ${length} bytes`);
      const target = nameWithin(buf, start + 6, end);
      return { type: 'SRV', data: { priority: buf.readUInt16BE(start), weight: buf.readUInt16BE(start + 2), port: buf.readUInt16BE(start + 4), target } };
    }
    case 'TXT': {
      const strings: Buffer[] = [];
      for (let at = start; at < end;) {
        const size = buf[at]!;
        if (at + 1 + size > end) throw new Malformed(`TXT string of ${size} bytes overruns its record`);
        strings.push(buf.subarray(at + 1, at + 1 + size));
        at += 1 + size;
      }
      return { type: 'TXT', data: strings };
    }
    default:
      return { type: 'OTHER', code };
  }
}

/** A name inside record data: it must end inside the record (its pointers may go anywhere before). */
function nameWithin(buf: Buffer, start: number, end: number): string {
  const name = readName(buf, start);
  if (name.end > end) throw new Malformed('name overruns its record');
  return name.name;
}

/**
 * Reads a (possibly compressed) name. Every pointer must go before the start of the run of labels
 * that holds it (RFC 1035 §4.1.4: "a prior occurrence"), so each jump lands strictly earlier than
 * the last and a chain of pointers always ends; the name's wire length is capped at 255 bytes.
 */
export function readName(buf: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let wire = 0;
  let at = offset;
  let runStart = offset;
  let end = -1;
  for (;;) {
    if (at >= buf.length) throw new Malformed(`truncated name at byte ${at}`);
    const len = buf[at]!;
    if (len === 0) {
      if (end === -1) end = at + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (at + 2 > buf.length) throw new Malformed(`truncated name pointer at byte ${at}`);
      const target = buf.readUInt16BE(at) & 0x3fff;
      if (target >= runStart) throw new Malformed(`name pointer at byte ${at} does not point backwards (to ${target})`);
      if (end === -1) end = at + 2;
      at = target;
      runStart = target;
      continue;
    }
    if (kind !== 0) throw new Malformed(`unsupported label type 0x${len.toString(16)} at byte ${at}`);
    if (at + 1 + len > buf.length) throw new Malformed(`truncated label at byte ${at}`);
    wire += len + 1;
    if (wire > MAX_NAME_WIRE - 1) throw new Malformed('name longer than 255 bytes');
    labels.push(buf.toString('utf8', at + 1, at + 1 + len));
    at += 1 + len;
  }
  return { name: labels.length === 0 ? '.' : labels.join('.'), end };
}

/** RFC 5952 form: the longest run of zero groups (two or more) becomes "::". */
function compressIpv6(groups: string[]): string {
  let best = { at: -1, length: 0 };
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j;
  }
  if (best.length < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}
