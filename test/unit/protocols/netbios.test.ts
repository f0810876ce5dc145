// NetBIOS node status: the query's bytes, a recorded nmbd answer, broken answers, the socket.
import { afterEach, describe, expect, it } from 'vitest';
import { nodeStatusQuery, parseNodeStatus, queryNodeStatus } from '../../../backend/src/protocols/netbios.js';
import { recorded } from '../discovery/fixtures/recorded.js';
import { udpResponder, type UdpResponder } from '../discovery/helpers.js';

const NMBD = Buffer.from(recorded.nbstat[0]!.hex, 'hex');

describe('nodeStatusQuery', () => {
  it('is the RFC 1002 NBSTAT question for "*" (as nmblookup -A sends it)', () => {
    const query = nodeStatusQuery(0x1234);
    expect(query.length).toBe(50);
    expect(query.subarray(0, 12).toString('hex')).toBe('123400000001000000000000');
    expect(query.subarray(12, 46).toString('latin1')).toBe(' CKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u0000');
    expect(query.subarray(46).toString('hex')).toBe('00210001');
  });
});

describe('parseNodeStatus', () => {
  it('reads the recorded answer of Samba nmbd', () => {
    const parsed = parseNodeStatus(NMBD);
    expect(parsed).toEqual({ ok: true, transactionId: 0x1234, info: {
      name: 'KANO-PC', workgroup: 'WORKGROUP',
      names: ['KANO-PC<00>', 'KANO-PC<03>', 'KANO-PC<20>', 'WORKGROUP<00>', 'WORKGROUP<1e>'],
    } });
  });

  it('never throws on any truncation, and says why', () => {
    for (let length = 0; length < NMBD.length; length++) {
      const parsed = parseNodeStatus(NMBD.subarray(0, length));
      if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(0);
    }
    expect(parseNodeStatus(NMBD.subarray(0, 60))).toEqual({ ok: false, reason: expect.stringMatching(/truncated/) });
  });

  it('refuses queries, error answers, bad names and absurd name counts', () => {
    expect(parseNodeStatus(nodeStatusQuery(1))).toEqual({ ok: false, reason: 'a query, not a response' });
    const error = Buffer.from(NMBD); error.writeUInt16BE(0x8403, 2);
    expect(parseNodeStatus(error)).toEqual({ ok: false, reason: 'error response (rcode 3)' });
    const badLabel = Buffer.from(NMBD); badLabel[12] = 0x80;
    expect(parseNodeStatus(badLabel)).toEqual({ ok: false, reason: 'malformed answer name' });
    const many = Buffer.from(NMBD); many[56] = 200;
    expect(parseNodeStatus(many)).toEqual({ ok: false, reason: 'claims 200 names' });
  });
});

describe('queryNodeStatus on loopback', () => {
  let responder: UdpResponder | null = null;
  afterEach(() => { responder?.close(); responder = null; });

  it('answers with the names when the transaction id matches, after a retry if the first query is lost', async () => {
    let count = 0;
    responder = await udpResponder((message) => {
      count += 1;
      if (count === 1) return [];
      const reply = Buffer.from(NMBD);
      message.copy(reply, 0, 0, 2); // echo the transaction id
      return [Buffer.from('junk'), reply];
    });
    const malformed: string[] = [];
    const info = await queryNodeStatus('127.0.0.1', { port: responder.port, timeoutMs: 600, retryMs: 100, onMalformed: (r) => malformed.push(r) });
    expect(info?.name).toBe('KANO-PC');
    expect(count).toBe(2);
    expect(malformed).toEqual(['truncated header (4 bytes)']);
  });

  it('ignores an answer to another query and gives up at the deadline', async () => {
    responder = await udpResponder((message) => {
      const reply = Buffer.from(NMBD);
      reply.writeUInt16BE(message.readUInt16BE(0) ^ 1, 0); // someone else's transaction
      return [reply];
    });
    const started = Date.now();
    const info = await queryNodeStatus('127.0.0.1', { port: responder.port, timeoutMs: 200 });
    expect(info).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('returns null at once when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await queryNodeStatus('127.0.0.1', { port: 9, timeoutMs: 5000, signal: controller.signal })).toBeNull();
  });
});
