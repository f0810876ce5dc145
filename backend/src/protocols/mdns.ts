// Multicast DNS, the socket part: legacy-unicast queries (RFC 6762 §6.7) and a defensive decoder.
// Queries leave from an ephemeral port, so every responder answers us directly by unicast: no need
// to share port 5353 with a local avahi, no multicast membership, and every answer arrives with
// the responder's own address (what the device merger joins on). Answers are parsed by our own
// strict decoder (dns-message.ts; dns-packet's decoder blows up on a crafted TXT record, issue
// #21), queries are encoded by dns-packet. We own the socket so that a malformed packet is logged
// with the address that sent it, and so that tests can drive the real code on loopback.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { encode, type RecordType } from 'dns-packet';
import { decodeDnsMessage, type DnsRecord } from './dns-message.js';
import { datagramSender, guardInput } from './input-guard.js';

export const MDNS_GROUP = '224.0.0.251';
export const MDNS_PORT = 5353;
/** RFC 6762 §17: an mDNS message is at most 9000 bytes. */
export const MAX_MDNS_PACKET = 9000;
const MAX_RECORDS = 256;
const MAX_TXT_ENTRIES = 64;
const MAX_TXT_KEY = 64;
const MAX_TXT_VALUE = 255;
const MAX_NAME = 255;

export type MdnsRecord =
  | { name: string; type: 'PTR'; ttl: number; data: string }
  | { name: string; type: 'SRV'; ttl: number; data: { port: number; target: string } }
  | { name: string; type: 'TXT'; ttl: number; data: Record<string, string> }
  | { name: string; type: 'A'; ttl: number; data: string }
  | { name: string; type: 'AAAA'; ttl: number; data: string };

export type DecodeResult = { ok: true; records: MdnsRecord[] } | { ok: false; reason: string };

/**
 * Decodes one mDNS response. Never throws: a malformed, truncated, looping or oversized packet
 * gives `{ok: false, reason}`. Only the record types DNS-SD needs are kept, all of them bounded.
 */
export function decodeMdnsResponse(buf: Buffer): DecodeResult {
  if (buf.length > MAX_MDNS_PACKET) return { ok: false, reason: `packet of ${buf.length} bytes is larger than mDNS allows (${MAX_MDNS_PACKET})` };
  if (buf.length < 12) return { ok: false, reason: `truncated header (${buf.length} bytes)` };
  const decoded = decodeDnsMessage(buf, { maxRecords: MAX_RECORDS });
  if (!decoded.ok) return decoded;
  if (!decoded.message.response) return { ok: false, reason: 'a query, not a response' };
  const records: MdnsRecord[] = [];
  for (const record of decoded.message.records) {
    const kept = toRecord(record);
    if (kept) records.push(kept);
  }
  return { ok: true, records };
}

function toRecord(record: DnsRecord): MdnsRecord | null {
  const name = cleanName(record.name);
  if (name === null) return null;
  const ttl = record.ttl;
  switch (record.type) {
    case 'PTR': {
      const data = cleanName(record.data);
      return data === null ? null : { name, type: 'PTR', ttl, data };
    }
    case 'SRV': {
      const target = cleanName(record.data.target);
      return target === null ? null : { name, type: 'SRV', ttl, data: { port: record.data.port, target } };
    }
    case 'TXT':
      return { name, type: 'TXT', ttl, data: parseTxt(record.data) };
    case 'A':
    case 'AAAA':
      return { name, type: record.type, ttl, data: record.data };
    default:
      return null;
  }
}

/** Names are compared case-insensitively in DNS; we keep the case (instance names are shown). */
function cleanName(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME) return null;
  return name.replace(/\.$/, '');
}

/** TXT strings "key=value" (RFC 6763 §6): bounded count and sizes, control characters dropped. */
export function parseTxt(data: unknown): Record<string, string> {
  const entries = (Array.isArray(data) ? data : [data]).slice(0, MAX_TXT_ENTRIES);
  const txt: Record<string, string> = {};
  for (const entry of entries) {
    const text = Buffer.isBuffer(entry) ? entry.toString('utf8') : typeof entry === 'string' ? entry : '';
    if (text.length === 0) continue;
    const eq = text.indexOf('=');
    const key = printable(eq === -1 ? text : text.slice(0, eq)).slice(0, MAX_TXT_KEY).toLowerCase();
    // RFC 6763 §6.4: the first occurrence of a key wins; keys are case-insensitive.
    if (key === '' || Object.hasOwn(txt, key)) continue;
    txt[key] = eq === -1 ? '' : printable(text.slice(eq + 1)).slice(0, MAX_TXT_VALUE);
  }
  return txt;
}

function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, '');
}

export function encodeQuery(name: string, type: RecordType): Buffer {
  return encode({ type: 'query', id: 0, flags: 0, questions: [{ name, type, class: 'IN' }] });
}

export interface MdnsClientOptions {
  /** IPv4 address of the scanned interface: queries go out there, answers come back to it. */
  interfaceAddress: string | null;
  /** Where queries go: the mDNS group by default; a loopback responder in tests. */
  destination?: { address: string; port: number };
  onResponse(from: string, records: MdnsRecord[]): void;
  onMalformed(from: string, reason: string): void;
  onError(error: Error): void;
}

export interface MdnsClient {
  query(name: string, type: RecordType): void;
  close(): void;
}

export function openMdnsClient(options: MdnsClientOptions): Promise<MdnsClient> {
  const destination = options.destination ?? { address: MDNS_GROUP, port: MDNS_PORT };
  return new Promise((resolve, reject) => {
    const socket: Socket = createSocket({ type: 'udp4', reuseAddr: false });
    let closed = false;
    socket.once('error', reject);
    socket.on('message', guardInput('mdns', datagramSender, (message: Buffer, rinfo: RemoteInfo) => {
      const result = decodeMdnsResponse(message);
      if (result.ok) options.onResponse(rinfo.address, result.records);
      else options.onMalformed(rinfo.address, result.reason);
    }));
    socket.bind({ address: options.interfaceAddress ?? undefined, port: 0 }, () => {
      socket.removeListener('error', reject);
      socket.on('error', (error) => options.onError(error));
      try {
        // Without this, a namespace or host with no multicast route fails with ENETUNREACH.
        if (options.interfaceAddress) socket.setMulticastInterface(options.interfaceAddress);
        socket.setMulticastTTL(255);
      } catch (error) {
        options.onError(error as Error);
      }
      resolve({
        query(name, type) {
          if (closed) return;
          socket.send(encodeQuery(name, type), destination.port, destination.address, (error) => {
            if (error) options.onError(error);
          });
        },
        close() {
          if (closed) return;
          closed = true;
          socket.close();
        },
      });
    });
  });
}
