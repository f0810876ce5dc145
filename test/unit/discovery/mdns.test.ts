// The mdns discoverer end to end on loopback: a DNS-SD responder built from records answers
// legacy-unicast queries the way avahi does — but drops first questions and sends junk, so the
// rounds, the follow-up questions and the bad-packet path all have to work.
import { decode, encode, type Answer } from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import type { Observation } from '../../../backend/src/core/plugins.js';
import { createMdnsDiscoverer, reverseName, sleepUntil } from '../../../backend/src/discovery/mdns.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { loggingContext, udpResponder, type UdpResponder } from './helpers.js';

// Room between rounds for a loaded CI machine: each follow-up is answered only when asked twice.
const TIMING = { rounds: [0, 200, 500], listenMs: 300, reverseMs: 200 };
const PRINTER = 'Office Printer._ipp._tcp.local';

const RECORDS: Answer[] = [
  { type: 'PTR', name: '_services._dns-sd._udp.local', ttl: 10, data: '_ipp._tcp.local' },
  { type: 'PTR', name: '_ipp._tcp.local', ttl: 10, data: PRINTER },
  { type: 'SRV', name: PRINTER, ttl: 10, data: { port: 631, target: 'brn-office.local', priority: 0, weight: 0 } },
  { type: 'TXT', name: PRINTER, ttl: 10, data: ['ty=Brother HL-L2350DW series', 'rp=ipp/print'] },
  { type: 'A', name: 'brn-office.local', ttl: 10, data: '127.0.0.1' },
  { type: 'AAAA', name: 'brn-office.local', ttl: 10, data: 'fe80::3e2a:f4ff:fe77:41' },
  { type: 'PTR', name: reverseName('127.0.0.1'), ttl: 10, data: 'brn-office.local' },
];

let responder: UdpResponder | null = null;
afterEach(() => { responder?.close(); responder = null; });

/** Answers one record per question (like a terse responder), each question only from its second time on. */
async function startResponder(options: { junk?: boolean } = {}): Promise<UdpResponder> {
  const asked = new Map<string, number>();
  return udpResponder((message) => {
    const question = decode(message).questions?.[0];
    if (!question) return [];
    const key = `${question.type} ${question.name.toLowerCase()}`;
    asked.set(key, (asked.get(key) ?? 0) + 1);
    if (asked.get(key) === 1 && question.type !== 'PTR') return []; // lost in the air
    const answers = RECORDS.filter((r) => r.type === question.type && r.name.toLowerCase() === question.name.toLowerCase());
    const replies = answers.length ? [encode({ type: 'response', flags: 0x8400, answers })] : [];
    return options.junk ? [Buffer.from('\u0000\u0001garbage'), ...replies] : replies;
  });
}

describe('mdns discoverer', () => {
  it('lists types, then instances, then resolves SRV, TXT and addresses, over several rounds', async () => {
    responder = await startResponder();
    const ctx = loggingContext({ targets: ['127.0.0.0/8'] });
    const seen: Observation[] = [];
    await createMdnsDiscoverer({ timing: TIMING, destination: { address: '127.0.0.1', port: responder.port } }).run(ctx, (o) => seen.push(o));
    expect(seen).toEqual([{
      source: 'mdns', ip: '127.0.0.1', hostnames: ['brn-office.local'], ipv6: ['fe80::3e2a:f4ff:fe77:41'],
      mdns: [{ type: '_ipp._tcp', name: 'Office Printer', port: 631, txt: { ty: 'Brother HL-L2350DW series', rp: 'ipp/print' } }],
    }]);
    // SRV and TXT were each asked again after the first question went unanswered.
    const srvQuestions = responder.received.map((m) => decode(m).questions?.[0]).filter((q) => q?.type === 'SRV');
    expect(srvQuestions.length).toBeGreaterThanOrEqual(2);
  });

  it('logs a malformed packet with its sender and carries on', async () => {
    responder = await startResponder({ junk: true });
    const ctx = loggingContext({ targets: ['127.0.0.0/8'] });
    const seen: Observation[] = [];
    await createMdnsDiscoverer({ timing: TIMING, destination: { address: '127.0.0.1', port: responder.port } }).run(ctx, (o) => seen.push(o));
    expect(seen[0]?.mdns).toHaveLength(1);
    expect(ctx.lines.some((l) => l.includes('mdns: malformed packet ignored') && l.includes('"from":"127.0.0.1"'))).toBe(true);
  });

  it('ignores answers from outside the scanned ranges', async () => {
    responder = await startResponder();
    const ctx = loggingContext({ targets: ['10.99.0.0/24'] });
    const seen: Observation[] = [];
    await createMdnsDiscoverer({ timing: TIMING, destination: { address: '127.0.0.1', port: responder.port } }).run(ctx, (o) => seen.push(o));
    expect(seen).toEqual([]);
    expect(ctx.lines.some((l) => l.includes('answer from outside the scanned ranges'))).toBe(true);
  });

  it('asks devices without a .local name for one (reverse lookup) in its second pass', async () => {
    responder = await startResponder();
    const ctx = loggingContext({ targets: ['127.0.0.0/8'] });
    const seen: Observation[] = [];
    const named = emptyDevice('127.0.0.1', 'aa:bb:cc:00:00:01');
    const alreadyNamed = { ...emptyDevice('127.0.0.2', null), hostnames: ['other.local'] };
    await createMdnsDiscoverer({ timing: TIMING, destination: { address: '127.0.0.1', port: responder.port } }).enrich!([named, alreadyNamed], ctx, (o) => seen.push(o));
    expect(seen).toEqual([{ source: 'mdns', ip: '127.0.0.1', mac: 'aa:bb:cc:00:00:01', hostnames: ['brn-office.local'] }]);
    expect(responder.received.map((m) => decode(m).questions?.[0]?.name)).toEqual([reverseName('127.0.0.1')]);
  });

  it('stops at once when the scan is cancelled', async () => {
    responder = await startResponder();
    const controller = new AbortController();
    const ctx = loggingContext({ targets: ['127.0.0.0/8'], signal: controller.signal });
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    await createMdnsDiscoverer({ timing: { rounds: [0, 5000], listenMs: 5000, reverseMs: 10 }, destination: { address: '127.0.0.1', port: responder.port } }).run(ctx, () => {});
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await sleepUntil(Date.now() + 10_000, controller.signal)).toBe(false);
  });
});
