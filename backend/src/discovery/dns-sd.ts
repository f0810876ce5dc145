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
const questionKey = (type: string, name: string): string => `${type} ${key(name)}`;

type PtrRecord = Extract<MdnsRecord, { type: 'PTR' }>;

/**
 * One responder's records, indexed as they arrive, so that every add, question and lookup costs
 * O(1) per record: a flood of spoofed responders (256 × 512 records) once took seconds (issue #21).
 */
interface Responder {
  records: MdnsRecord[];
  /** Identity of every record kept (type, name, data): a repeated record is skipped. */
  seen: Set<string>;
  /** The first record of each type and name. */
  first: Map<string, MdnsRecord>;
  instances: PtrRecord[];
  /** Questions that would complete this responder's services, in the order they arose. */
  pending: Map<string, Question>;
}

export class DnsSdCollector {
  readonly #responders = new Map<string, Responder>();
  readonly #types = new Map<string, string>();

  /** Adds a responder's records; returns false when the browse is already at its bounds. */
  add(from: string, records: readonly MdnsRecord[]): boolean {
    let responder = this.#responders.get(from);
    if (!responder) {
      if (this.#responders.size >= MAX_RESPONDERS) return false;
      responder = { records: [], seen: new Set(), first: new Map(), instances: [], pending: new Map() };
      this.#responders.set(from, responder);
    }
    for (const record of records) {
      if (responder.records.length >= MAX_RECORDS_PER_RESPONDER) return false;
      const identity = `${questionKey(record.type, record.name)} ${JSON.stringify(record.data)}`;
      if (responder.seen.has(identity)) continue;
      responder.seen.add(identity);
      responder.records.push(record);
      this.#index(responder, record);
    }
    return true;
  }

  #index(responder: Responder, record: MdnsRecord): void {
    const own = questionKey(record.type, record.name);
    if (!responder.first.has(own)) responder.first.set(own, record);
    responder.pending.delete(own); // this record answers the question about it, if one was open
    const ask = (type: RecordType, name: string): void => {
      const id = questionKey(type, name);
      if (!responder.first.has(id) && !responder.pending.has(id)) responder.pending.set(id, { name, type });
    };
    if (record.type === 'PTR' && key(record.name) === SERVICE_ENUMERATION) {
      if (SERVICE_TYPE.test(record.data) && this.#types.size < MAX_TYPES) this.#types.set(key(record.data), record.data);
    } else if (record.type === 'PTR' && SERVICE_TYPE.test(record.name)) {
      responder.instances.push(record);
      ask('SRV', record.data);
      ask('TXT', record.data);
    } else if (record.type === 'SRV') {
      ask('A', record.data.target);
      ask('AAAA', record.data.target);
    }
  }

  responders(): string[] {
    return [...this.#responders.keys()];
  }

  /** The questions that would complete what we know: types to list, instances to resolve, hosts to address. */
  questions(): Question[] {
    const unique = new Map<string, Question>([[questionKey('PTR', SERVICE_ENUMERATION), { name: SERVICE_ENUMERATION, type: 'PTR' }]]);
    for (const type of this.#types.values()) unique.set(questionKey('PTR', type), { name: type, type: 'PTR' });
    for (const responder of this.#responders.values()) {
      for (const [id, question] of responder.pending) {
        if (unique.size >= MAX_QUESTIONS) break;
        unique.set(id, question);
      }
      if (unique.size >= MAX_QUESTIONS) break;
    }
    return [...unique.values()].slice(0, MAX_QUESTIONS);
  }

  /** One sighting per responder: its services, host names and IPv6 addresses. */
  observations(): Observation[] {
    return [...this.#responders.entries()].map(([from, responder]) => observationOf(from, responder));
  }
}

function observationOf(from: string, responder: Responder): Observation {
  const mdns: MdnsService[] = [];
  const services = new Set<string>();
  const hosts = new Set<string>();
  for (const instance of responder.instances) {
    const srv = find(responder, 'SRV', instance.data);
    if (!srv) continue;
    const txt = find(responder, 'TXT', instance.data);
    const suffix = `.${instance.name}`;
    const name = instance.data.toLowerCase().endsWith(suffix.toLowerCase()) ? instance.data.slice(0, -suffix.length) : instance.data;
    const service: MdnsService = { type: instance.name.replace(/\.local$/i, ''), name, port: srv.data.port, txt: txt?.data ?? {} };
    const id = `${service.type}\u0000${service.name}`;
    if (!services.has(id)) { services.add(id); mdns.push(service); }
    hosts.add(srv.data.target.toLowerCase());
  }
  // The responder's own address records name it too ("diskstation.local → 10.77.0.13").
  for (const a of responder.records) if (a.type === 'A' && a.data === from) hosts.add(a.name.toLowerCase());
  const hostnames = [...hosts].filter((h) => h.endsWith('.local'));
  const ipv6 = responder.records.filter((r): r is Extract<MdnsRecord, { type: 'AAAA' }> => r.type === 'AAAA' && hosts.has(r.name.toLowerCase())).map((r) => r.data);
  return { source: 'mdns', ip: from, hostnames, mdns, ipv6: [...new Set(ipv6)] };
}

function find<T extends MdnsRecord['type']>(responder: Responder, type: T, name: string): Extract<MdnsRecord, { type: T }> | undefined {
  return responder.first.get(questionKey(type, name)) as Extract<MdnsRecord, { type: T }> | undefined;
}
