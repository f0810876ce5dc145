// The names discoverer: NetBIOS node status and reverse DNS, each only inside the scanned ranges.
// The DNS server is a loopback UDP server answering PTR questions (dns-packet), so no outside
// resolver is ever asked; a resolver outside the scope must not receive a single question.
import { decode, encode } from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import type { Observation } from '../../../backend/src/core/plugins.js';
import { createNamesDiscoverer, lanResolvers } from '../../../backend/src/discovery/names.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { recorded } from './fixtures/recorded.js';
import { loggingContext, udpResponder, type UdpResponder } from './helpers.js';

const servers: UdpResponder[] = [];
afterEach(() => { for (const s of servers.splice(0)) s.close(); });

async function dnsServer(names: Record<string, string>): Promise<UdpResponder> {
  const server = await udpResponder((message) => {
    const packet = decode(message);
    const q = packet.questions?.[0];
    const name = q ? names[q.name] : undefined;
    return [encode({ type: 'response', id: packet.id, flags: 0x8180 | (name ? 0 : 3), questions: packet.questions,
      answers: name && q ? [{ type: 'PTR', name: q.name, ttl: 60, data: name }] : [] })];
  });
  servers.push(server);
  return server;
}

/** A NetBIOS responder at `address` (answers must come from the address asked). */
async function nbstatServer(address = '127.0.0.2', port = 0): Promise<UdpResponder> {
  const server = await udpResponder((message) => {
    const reply = Buffer.from(recorded.nbstat[0]!.hex, 'hex');
    message.copy(reply, 0, 0, 2);
    return [reply];
  }, address, port);
  servers.push(server);
  return server;
}

describe('lanResolvers', () => {
  it('keeps only configured resolvers inside the scanned ranges', () => {
    const ctx = { targets: ['192.168.1.0/24', 'fd00::/64'] };
    expect(lanResolvers(ctx, ['192.168.1.1', '8.8.8.8', '127.0.0.53', '[fd00::1]:5353', 'fd00::53', '2001:4860:4860::8888', '192.168.1.1:5353']))
      .toEqual(['192.168.1.1', '[fd00::1]:5353', 'fd00::53', '192.168.1.1:5353']);
  });
});

describe('names discoverer', () => {
  it('names a device by NetBIOS and by reverse DNS through a resolver on the LAN', async () => {
    const nb = await nbstatServer();
    const dns = await dnsServer({ '2.0.0.127.in-addr.arpa': 'kano-pc.lan' });
    const ctx = loggingContext({ targets: ['127.0.0.0/24'] });
    const seen: Observation[] = [];
    const device = emptyDevice('127.0.0.2', '18:74:e2:8a:00:46');
    await createNamesDiscoverer({ resolvers: () => [`127.0.0.1:${dns.port}`], netbiosPort: nb.port, timeoutMs: 500 }).enrich!([device], ctx, (o) => seen.push(o));
    expect(seen).toEqual(expect.arrayContaining([
      { source: 'netbios', ip: '127.0.0.2', mac: '18:74:e2:8a:00:46', hostnames: ['KANO-PC'], netbios: expect.objectContaining({ name: 'KANO-PC', workgroup: 'WORKGROUP' }) },
      { source: 'dns', ip: '127.0.0.2', mac: '18:74:e2:8a:00:46', hostnames: ['kano-pc.lan'] },
    ]));
    expect(nb.received.length).toBeGreaterThanOrEqual(1); // a second query only if the first answer was slow
  });

  it('never asks a resolver outside the scanned ranges, nor NetBIOS outside them', async () => {
    const nb = await nbstatServer();
    const outsider = await nbstatServer('127.0.0.9', nb.port); // same port, the out-of-scope address
    const dns = await dnsServer({ '2.0.0.127.in-addr.arpa': 'leak.example' });
    const ctx = loggingContext({ targets: ['127.0.0.2/32'] });
    const seen: Observation[] = [];
    const inside = emptyDevice('127.0.0.2', null);
    const outside = emptyDevice('127.0.0.9', null);
    // The resolver listens on 127.0.0.1, which is not in 127.0.0.2/32.
    await createNamesDiscoverer({ resolvers: () => [`127.0.0.1:${dns.port}`], netbiosPort: nb.port, timeoutMs: 300 }).enrich!([inside, outside], ctx, (o) => seen.push(o));
    expect(dns.received).toHaveLength(0);
    expect(nb.received.length).toBeGreaterThanOrEqual(1);
    expect(outsider.received).toHaveLength(0); // the device outside the scope was never asked
    expect(seen.map((o) => o.source)).toEqual(['netbios']);
    expect(ctx.lines.some((l) => l.includes('no resolver inside the scanned ranges'))).toBe(true);
  });

  it('reports nothing for a host that answers neither', async () => {
    const ctx = loggingContext({ targets: ['127.0.0.0/24'] });
    const seen: Observation[] = [];
    const silent = await udpResponder(() => []);
    servers.push(silent);
    await createNamesDiscoverer({ resolvers: () => [], netbiosPort: silent.port, timeoutMs: 200 }).enrich!([emptyDevice('127.0.0.2', null)], ctx, (o) => seen.push(o));
    expect(seen).toEqual([]);
  });
});
