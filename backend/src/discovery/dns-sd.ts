// DNS-SD bookkeeping for one browse: which records each responder sent, which questions are still
// open, and the services and host names they add up to. Pure (no sockets), so it is tested alone.
import type { RecordType } from 'dns-packet';
import type { Observation } from '../core/plugins.js';
import type { MdnsService } from '../core/types.js';
import type { MdnsRecord } from '../protocols/mdns.js';

export const SERVICE_ENUMERATION = '_services._dns-sd._udp.local';
const MAX_RESPONDERS = 256;
const MAX_RECORDS_PER_RESPONDER = 512;
const MAX_TYPES = 64;
const MAX_QUESTIONS = 128;
/** "_ipp._tcp.local": a DNS-SD service type (subtypes such as "_printer._sub._http._tcp" are not). */
const SERVICE_TYPE = /^_[a-z0-9-]{1,63}\._(tcp|udp)\.local$/i;

export interface Question { name: string; type: RecordType }

const key = (name: string): string => name.toLowerCase();

export class DnsSdCollector {
  readonly #records = new Map<string, MdnsRecord[]>();
  readonly #types = new Map<string, string>();

  /** Adds a responder's records; returns false when the browse is already at its bounds. */
  add(from: string, records: readonly MdnsRecord[]): boolean {
    let list = this.#records.get(from);
    if (!list) {
      if (this.#records.size >= MAX_RESPONDERS) return false;
      list = [];
      this.#records.set(from, list);
    }
    for (const record of records) {
      if (list.length >= MAX_RECORDS_PER_RESPONDER) return false;
      if (list.some((r) => sameRecord(r, record))) continue;
      list.push(record);
      if (record.type === 'PTR' && key(record.name) === SERVICE_ENUMERATION && SERVICE_TYPE.test(record.data) && this.#types.size < MAX_TYPES) {
        this.#types.set(key(record.data), record.data);
      }
    }
    return true;
  }

  responders(): string[] {
    return [...this.#records.keys()];
  }

  /** The questions that would complete what we know: types to list, instances to resolve, hosts to address. */
  questions(): Question[] {
    const out: Question[] = [{ name: SERVICE_ENUMERATION, type: 'PTR' }];
    for (const type of this.#types.values()) out.push({ name: type, type: 'PTR' });
    for (const records of this.#records.values()) {
      for (const instance of instancesOf(records)) {
        if (!find(records, 'SRV', instance.data)) out.push({ name: instance.data, type: 'SRV' });
        if (!find(records, 'TXT', instance.data)) out.push({ name: instance.data, type: 'TXT' });
      }
      for (const srv of records.filter((r) => r.type === 'SRV')) {
        if (!find(records, 'A', srv.data.target)) out.push({ name: srv.data.target, type: 'A' });
        if (!find(records, 'AAAA', srv.data.target)) out.push({ name: srv.data.target, type: 'AAAA' });
      }
    }
    const unique = new Map(out.map((q) => [`${q.type} ${key(q.name)}`, q]));
    return [...unique.values()].slice(0, MAX_QUESTIONS);
  }

  /** One sighting per responder: its services, host names and IPv6 addresses. */
  observations(): Observation[] {
    return [...this.#records.entries()].map(([from, records]) => observationOf(from, records));
  }
}

function observationOf(from: string, records: readonly MdnsRecord[]): Observation {
  const mdns: MdnsService[] = [];
  const hosts = new Set<string>();
  for (const instance of instancesOf(records)) {
    const srv = find(records, 'SRV', instance.data);
    if (!srv) continue;
    const txt = find(records, 'TXT', instance.data);
    const suffix = `.${instance.name}`;
    const name = instance.data.toLowerCase().endsWith(suffix.toLowerCase()) ? instance.data.slice(0, -suffix.length) : instance.data;
    const service: MdnsService = { type: instance.name.replace(/\.local$/i, ''), name, port: srv.data.port, txt: txt?.data ?? {} };
    if (!mdns.some((s) => s.type === service.type && s.name === service.name)) mdns.push(service);
    hosts.add(srv.data.target.toLowerCase());
  }
  // The responder's own address records name it too ("diskstation.local → 10.77.0.13").
  for (const a of records) if (a.type === 'A' && a.data === from) hosts.add(a.name.toLowerCase());
  const hostnames = [...hosts].filter((h) => h.endsWith('.local'));
  const ipv6 = records.filter((r): r is Extract<MdnsRecord, { type: 'AAAA' }> => r.type === 'AAAA' && hosts.has(r.name.toLowerCase())).map((r) => r.data);
  return { source: 'mdns', ip: from, hostnames, mdns, ipv6: [...new Set(ipv6)] };
}

type PtrRecord = Extract<MdnsRecord, { type: 'PTR' }>;

function instancesOf(records: readonly MdnsRecord[]): PtrRecord[] {
  return records.filter((r): r is PtrRecord => r.type === 'PTR' && SERVICE_TYPE.test(r.name) && key(r.name) !== SERVICE_ENUMERATION);
}

function find<T extends MdnsRecord['type']>(records: readonly MdnsRecord[], type: T, name: string): Extract<MdnsRecord, { type: T }> | undefined {
  const wanted = key(name);
  return records.find((r): r is Extract<MdnsRecord, { type: T }> => r.type === type && key(r.name) === wanted);
}

function sameRecord(a: MdnsRecord, b: MdnsRecord): boolean {
  return a.type === b.type && key(a.name) === key(b.name) && JSON.stringify(a.data) === JSON.stringify(b.data);
}
