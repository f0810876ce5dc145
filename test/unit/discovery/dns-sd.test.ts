// DNS-SD bookkeeping: recorded avahi answers assemble into services; questions follow what is
// missing; hostile volumes are bounded.
import { describe, expect, it } from 'vitest';
import { DnsSdCollector, SERVICE_ENUMERATION } from '../../../backend/src/discovery/dns-sd.js';
import { decodeMdnsResponse, type MdnsRecord } from '../../../backend/src/protocols/mdns.js';
import { mdnsPacket, recorded } from './fixtures/recorded.js';

function records(name: string, index = 0): MdnsRecord[] {
  const result = decodeMdnsResponse(mdnsPacket(name, index));
  if (!result.ok) throw new Error(result.reason);
  return result.records;
}

describe('DnsSdCollector', () => {
  it('joins recorded answers of one responder into its services, host name and address', () => {
    const collector = new DnsSdCollector();
    const from = recorded.mdns['ipp_ptr']![0]!.from;
    collector.add(from, records('ipp_ptr'));
    const [observation] = collector.observations();
    expect(observation).toMatchObject({
      source: 'mdns', ip: '10.77.0.41', hostnames: ['brn3c2af4770041.local'],
      mdns: [{ type: '_ipp._tcp', name: 'Brother HL-L2350DW series', port: 631, txt: expect.objectContaining({ ty: 'Brother HL-L2350DW series' }) }],
    });
  });

  it('keeps each responder to its own services', () => {
    const collector = new DnsSdCollector();
    collector.add('10.77.0.14', records('googlecast_ptr'));
    collector.add('10.77.0.41', records('ipp_ptr'));
    const byIp = Object.fromEntries(collector.observations().map((o) => [o.ip, o.mdns!.map((s) => s.type)]));
    expect(byIp).toEqual({ '10.77.0.14': ['_googlecast._tcp'], '10.77.0.41': ['_ipp._tcp'] });
  });

  it('asks for the service list, every type it heard of, and what instances still lack', () => {
    const collector = new DnsSdCollector();
    expect(collector.questions()).toEqual([{ name: SERVICE_ENUMERATION, type: 'PTR' }]);
    for (const packet of recorded.mdns['services']!) collector.add(packet.from, decodeOk(packet.hex));
    const types = collector.questions().filter((q) => q.name !== SERVICE_ENUMERATION).map((q) => q.name).sort();
    expect(types).toContain('_ipp._tcp.local');
    expect(types).toContain('_hue._tcp.local');
    collector.add('10.0.0.9', [{ name: '_ipp._tcp.local', type: 'PTR', ttl: 10, data: 'Lonely._ipp._tcp.local' }]);
    expect(collector.questions()).toEqual(expect.arrayContaining([{ name: 'Lonely._ipp._tcp.local', type: 'SRV' }, { name: 'Lonely._ipp._tcp.local', type: 'TXT' }]));
    // A service without SRV is not reported (no port to show).
    expect(collector.observations().find((o) => o.ip === '10.0.0.9')?.mdns).toEqual([]);
  });

  it('ignores subtypes and names that are not service types', () => {
    const collector = new DnsSdCollector();
    collector.add('10.0.0.5', [
      { name: SERVICE_ENUMERATION, type: 'PTR', ttl: 10, data: '_printer._sub._http._tcp.local' },
      { name: SERVICE_ENUMERATION, type: 'PTR', ttl: 10, data: 'not a type' },
    ]);
    expect(collector.questions()).toEqual([{ name: SERVICE_ENUMERATION, type: 'PTR' }]);
  });

  it('is bounded: responders, records per responder, service types, questions', () => {
    const collector = new DnsSdCollector();
    for (let i = 0; i < 300; i++) collector.add(`10.1.${i >> 8}.${i & 255}`, []);
    expect(collector.responders()).toHaveLength(256);
    const flood: MdnsRecord[] = Array.from({ length: 1000 }, (_, i) => ({ name: SERVICE_ENUMERATION, type: 'PTR', ttl: 10, data: `_t${i}._tcp.local` }));
    const bounded = new DnsSdCollector();
    expect(bounded.add('10.0.0.1', flood)).toBe(false);
    expect(bounded.questions().length).toBeLessThanOrEqual(128);
    expect(bounded.questions().filter((q) => q.name !== SERVICE_ENUMERATION)).toHaveLength(64);
  });

  // Issue #21: 256 spoofed responders × 512 records took seconds, each answer re-scanned everything
  // (this very test: over 5 minutes before). The timeout is a margin for a loaded machine.
  it('takes a flood of 256 responders × 512 records, asking after every packet as the browse does', { timeout: 60_000 }, () => {
    const collector = new DnsSdCollector();
    let asked = 0;
    for (let r = 0; r < 256; r++) {
      const from = `10.1.${r >> 8}.${r & 255}`;
      const all = floodOf(r);
      for (let at = 0; at < all.length; at += 32) {
        collector.add(from, all.slice(at, at + 32));
        asked += collector.questions().length;
      }
    }
    expect(asked).toBeGreaterThan(0);
    expect(collector.questions().length).toBeLessThanOrEqual(128);
    const observations = collector.observations();
    expect(observations).toHaveLength(256);
    expect(observations[255]!.mdns).toHaveLength(128);
  });
});

/** 128 complete services (PTR, SRV, TXT, AAAA) of one responder: 512 records, no A records. */
function floodOf(r: number): MdnsRecord[] {
  return Array.from({ length: 128 }, (_, i): MdnsRecord[] => {
    const instance = `dev${r}-${i}._http._tcp.local`;
    return [
      { name: '_http._tcp.local', type: 'PTR', ttl: 120, data: instance },
      { name: instance, type: 'SRV', ttl: 120, data: { port: 80, target: `h${r}-${i}.local` } },
      { name: instance, type: 'TXT', ttl: 120, data: { k: String(i) } },
      { name: `h${r}-${i}.local`, type: 'AAAA', ttl: 120, data: `fe80::${i}` },
    ];
  }).flat();
}

function decodeOk(hex: string): MdnsRecord[] {
  const result = decodeMdnsResponse(Buffer.from(hex, 'hex'));
  if (!result.ok) throw new Error(result.reason);
  return result.records;
}
