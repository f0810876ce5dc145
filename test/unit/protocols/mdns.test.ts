// The mDNS decoder and socket against recorded avahi answers and deliberately broken packets.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { encode } from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeMdnsResponse, encodeQuery, MAX_MDNS_PACKET, openMdnsClient, parseTxt } from '../../../backend/src/protocols/mdns.js';
import { mdnsPacket } from '../discovery/fixtures/recorded.js';

/** A DNS header (12 bytes) for a response with the given counts. */
function header(answers: number): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(0x8400, 2); // response, authoritative
  h.writeUInt16BE(answers, 6);
  return h;
}

describe('decodeMdnsResponse on recorded avahi answers', () => {
  it('reads PTR, TXT, SRV and A of a Google Cast answer', () => {
    const result = decodeMdnsResponse(mdnsPacket('googlecast_ptr'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const types = result.records.map((r) => r.type).sort();
    expect(types).toEqual(['A', 'PTR', 'SRV', 'TXT']);
    const txt = result.records.find((r) => r.type === 'TXT');
    expect(txt?.data).toMatchObject({ md: 'Google Home Mini', fn: 'Living Room speaker' });
    const srv = result.records.find((r) => r.type === 'SRV');
    expect(srv?.data).toEqual({ port: 8009, target: 'living-room-speaker.local' });
    expect(result.records.find((r) => r.type === 'A')?.data).toBe('10.77.0.14');
  });

  it('reads a reverse-address answer (the host name of 10.77.0.13)', () => {
    const result = decodeMdnsResponse(mdnsPacket('reverse_nas'));
    expect(result.ok && result.records).toEqual([expect.objectContaining({ type: 'PTR', name: '13.0.77.10.in-addr.arpa', data: 'diskstation.local' })]);
  });

  it('never throws on any truncation of a real packet, and says why it refused', () => {
    const packet = mdnsPacket('ipp_ptr');
    for (let length = 0; length < packet.length; length++) {
      const result = decodeMdnsResponse(packet.subarray(0, length));
      if (!result.ok) expect(result.reason).toMatch(/truncated|malformed/);
    }
    expect(decodeMdnsResponse(packet.subarray(0, 5))).toEqual({ ok: false, reason: 'truncated header (5 bytes)' });
  });

  it('refuses a compression pointer that loops onto itself, quickly', () => {
    // One answer whose name is a pointer to offset 12 — i.e. to itself.
    const loop = Buffer.concat([header(1), Buffer.from([0xc0, 12]), Buffer.from([0, 12, 0, 1, 0, 0, 0, 10, 0, 0])]);
    const started = Date.now();
    const result = decodeMdnsResponse(loop);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/malformed.*pointer/);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('refuses two pointers that point at each other', () => {
    const pair = Buffer.concat([header(1), Buffer.from([0xc0, 14, 0xc0, 12]), Buffer.from([0, 12, 0, 1, 0, 0, 0, 10, 0, 0])]);
    expect(decodeMdnsResponse(pair).ok).toBe(false);
  });

  it('bounds a huge TXT record: 64 entries at most, keys cut, control characters dropped', () => {
    const strings = Array.from({ length: 200 }, (_, i) => `key${i}=${'v'.repeat(30)}\u0007`);
    const packet = encode({ type: 'response', flags: 0x8400, answers: [{ type: 'TXT', name: 'x._hap._tcp.local', ttl: 120, data: strings }] });
    expect(packet.length).toBeLessThanOrEqual(MAX_MDNS_PACKET);
    const result = decodeMdnsResponse(packet);
    expect(result.ok).toBe(true);
    if (!result.ok || result.records[0]?.type !== 'TXT') throw new Error('expected a TXT record');
    const txt = result.records[0].data;
    expect(Object.keys(txt)).toHaveLength(64);
    expect(txt['key0']).toBe('v'.repeat(30));
  });

  it('refuses a datagram larger than mDNS allows without decoding it', () => {
    expect(decodeMdnsResponse(Buffer.alloc(MAX_MDNS_PACKET + 1))).toEqual({ ok: false, reason: expect.stringMatching(/larger than mDNS allows/) });
  });

  it('refuses queries (other browsers on the link) and plain garbage', () => {
    expect(decodeMdnsResponse(encodeQuery('_ipp._tcp.local', 'PTR'))).toEqual({ ok: false, reason: 'a query, not a response' });
    expect(decodeMdnsResponse(Buffer.from('HTTP/1.1 200 OK\r\n\r\n')).ok).toBe(false);
  });

  it('survives random bytes (seeded fuzz, 2000 packets)', () => {
    let seed = 42;
    const random = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    const base = mdnsPacket('googlecast_ptr');
    for (let i = 0; i < 2000; i++) {
      const packet = Buffer.from(base);
      for (let j = 0; j < 8; j++) packet[Math.floor(random() * packet.length)] = Math.floor(random() * 256);
      expect(() => decodeMdnsResponse(packet)).not.toThrow();
    }
  });
});

describe('parseTxt', () => {
  it('keeps the first of repeated keys (RFC 6763 §6.4), lower-cases keys, keeps flags without values', () => {
    expect(parseTxt([Buffer.from('MD=One'), Buffer.from('md=Two'), Buffer.from('Color'), Buffer.from('=orphan')])).toEqual({ md: 'One', color: '' });
  });
});

describe('openMdnsClient on loopback', () => {
  let responder: Socket | null = null;
  afterEach(() => { responder?.close(); responder = null; });

  it('sends a legacy-unicast query, decodes the answer and reports a malformed one with its sender', async () => {
    responder = createSocket('udp4');
    const questions: string[] = [];
    responder.on('message', (message, rinfo) => {
      questions.push(message.toString('latin1'));
      responder!.send(Buffer.from([1, 2, 3]), rinfo.port, rinfo.address); // garbage first
      responder!.send(mdnsPacket('googlecast_ptr'), rinfo.port, rinfo.address);
    });
    responder.bind(0, '127.0.0.1');
    await once(responder, 'listening');
    const responses: Array<{ from: string; count: number }> = [];
    const malformed: Array<{ from: string; reason: string }> = [];
    const client = await openMdnsClient({
      interfaceAddress: '127.0.0.1',
      destination: { address: '127.0.0.1', port: responder.address().port },
      onResponse: (from, records) => responses.push({ from, count: records.length }),
      onMalformed: (from, reason) => malformed.push({ from, reason }),
      onError: (error) => { throw error; },
    });
    try {
      client.query('_googlecast._tcp.local', 'PTR');
      await expect.poll(() => responses.length).toBe(1);
    } finally {
      client.close();
    }
    expect(questions[0]).toContain('_googlecast');
    expect(responses).toEqual([{ from: '127.0.0.1', count: 4 }]);
    expect(malformed).toEqual([{ from: '127.0.0.1', reason: 'truncated header (3 bytes)' }]);
    client.close(); // twice is harmless
    client.query('late', 'PTR'); // after close: ignored, no throw
  });
});
