import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoveryRequest, parseDiscoveryReport, snmpGetSystem, snmpV3Discovery } from '../../../backend/src/protocols/snmp.js';
import { communityRequest, parseGetResponse, PDU, valueText } from '../../../backend/src/protocols/snmp-ber.js';
import { freePort, LOOPBACK, timed } from '../../helpers/net.js';
import { fillTemplate, startSnmpResponder } from '../../helpers/snmp-responder.js';
import { startSnmpd, type Snmpd } from '../../helpers/snmpd.js';

let agent: Snmpd;

beforeAll(async () => { agent = await startSnmpd('Comm-7x9'); });
afterAll(async () => { await agent?.stop(); });

const at = (port: number, timeoutMs = 1000) => ({ host: LOOPBACK, port, timeoutMs });

describe('snmp client against real snmpd on loopback', () => {
  it('SNMPv3 engine discovery is answered without any credential (net-snmp enterprise 8072)', async () => {
    const engine = await snmpV3Discovery(at(agent.port));
    expect(engine).not.toBeNull();
    expect(engine!.enterprise).toBe(8072);
    expect(engine!.engineId).toMatch(/^80001f88/);
  });

  it('v2c and v1 with the right community answer the system group', async () => {
    const v2c = await snmpGetSystem(at(agent.port), 'Comm-7x9', 'v2c');
    expect(v2c).toMatchObject({ outcome: 'answered', values: { sysName: 'test-agent', sysObjectID: '1.3.6.1.4.1.8072.3.2.10' } });
    expect((await snmpGetSystem(at(agent.port), 'Comm-7x9', 'v1')).outcome).toBe('answered');
  });

  it('a wrong community is dropped silently: no-answer within the timeout, counted by the agent', async () => {
    const before = await agent.badCommunities();
    const { value, ms } = await timed(() => snmpGetSystem(at(agent.port, 600), 'public', 'v2c'));
    expect(value.outcome).toBe('no-answer');
    expect(ms).toBeLessThan(600 + 600);
    expect(await agent.badCommunities()).toBe(before + 1);
  });

  it('no agent: discovery gives null and a get gives no-answer, within the timeout', async () => {
    const port = await freePort();
    const { value, ms } = await timed(() => snmpV3Discovery(at(port, 400)));
    expect(value).toBeNull();
    expect(ms).toBeLessThan(400 + 300);
    expect((await snmpGetSystem(at(port, 400), 'public', 'v2c')).outcome).not.toBe('answered');
  });

  it('ignores a report that answers another request id, or garbage', async () => {
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const socket = createSocket('udp4');
      const timer = setTimeout(() => { socket.close(); reject(new Error('no reply')); }, 1000);
      socket.on('message', (message) => { clearTimeout(timer); socket.close(); resolve(message); });
      socket.send(discoveryRequest(4242), agent.port, LOOPBACK);
    });
    expect(parseDiscoveryReport(reply, 4242)).not.toBeNull();
    expect(parseDiscoveryReport(reply, 4243)).toBeNull();
    expect(parseDiscoveryReport(Buffer.from('not ber at all'), 4242)).toBeNull();
    expect(parseDiscoveryReport(reply.subarray(0, 20), 4242)).toBeNull();
  });
});

// Issue #21: two crafted replies crashed the process inside net-snmp 3.29.2 (outside its own
// try/catch). Sent here by a real UDP responder that echoes our request id, as a device can.
const V3_FLAGGED_REPLY = '303c02010330100203<ID>020300ffe30401010201030410300e0400020100020100040004000400301304000400a20d0203<ID>0201000201003000';
const V2C_REPORT_REPLY = '301b02010104067075626c6963a80e0204<ID>0201000201003000';

describe('hostile SNMP replies (issue #21 reproducers) from a real UDP responder on loopback', () => {
  it('the responder builds the reproducers byte for byte for a 3-byte id', () => {
    expect(fillTemplate(V3_FLAGGED_REPLY, Buffer.from('123456', 'hex')).toString('hex')).toBe(V3_FLAGGED_REPLY.replaceAll('<ID>', '123456'));
    expect(fillTemplate(V2C_REPORT_REPLY, Buffer.from('12345678', 'hex')).toString('hex')).toBe(V2C_REPORT_REPLY.replaceAll('<ID>', '12345678'));
  });

  it.each([['an SNMPv3-flagged reply to a v2c request', V3_FLAGGED_REPLY], ['a v2c Report PDU', V2C_REPORT_REPLY]])(
    '%s: no throw, no crash; the try is an error (never "answered")', async (_name, template) => {
      const responder = await startSnmpResponder(template);
      try {
        const answer = await snmpGetSystem(at(responder.port, 500), 'public');
        expect(responder.received()).toBe(2); // one request per version, each answered with the crafted reply
        expect(answer).toMatchObject({ outcome: 'error', version: null, values: { sysDescr: null, sysObjectID: null, sysName: null } });
        expect(answer.detail).toMatch(/malformed or unexpected/);
      } finally {
        await responder.close();
      }
    });
});

describe('parseGetResponse: strict, bounded, never throws', () => {
  let reply: Buffer;
  const expected = { version: 'v2c' as const, community: 'Comm-7x9', requestId: 777 };

  beforeAll(async () => {
    // A real GetResponse from snmpd to a request we build with a known id.
    reply = await new Promise<Buffer>((resolve, reject) => {
      const socket = createSocket('udp4');
      const timer = setTimeout(() => { socket.close(); reject(new Error('no reply')); }, 1000);
      socket.on('message', (message) => { clearTimeout(timer); socket.close(); resolve(message); });
      socket.send(communityRequest('v2c', 'Comm-7x9', 777, PDU.get, ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.2.0']), agent.port, LOOPBACK);
    });
  });

  it('reads the real answer: names, values and types', () => {
    const parsed = parseGetResponse(reply, expected);
    expect(parsed?.errorStatus).toBe(0);
    expect(parsed?.varbinds.map((v) => [v.oid, valueText(v.value)])).toEqual([
      ['1.3.6.1.2.1.1.5.0', 'test-agent'], ['1.3.6.1.2.1.1.2.0', '1.3.6.1.4.1.8072.3.2.10'],
    ]);
  });

  it('refuses what is not exactly our answer: other id, community, version, truncation, trailing bytes', () => {
    expect(parseGetResponse(reply, { ...expected, requestId: 778 })).toBeNull();
    expect(parseGetResponse(reply, { ...expected, community: 'Comm-7x8' })).toBeNull();
    expect(parseGetResponse(reply, { ...expected, version: 'v1' })).toBeNull();
    for (let cut = 0; cut < reply.length; cut++) expect(parseGetResponse(reply.subarray(0, cut), expected)).toBeNull();
    expect(parseGetResponse(Buffer.concat([reply, Buffer.from([0])]), expected)).toBeNull();
    // Our own request is a GetRequest PDU, not a response; a length claiming more than the datagram.
    expect(parseGetResponse(communityRequest('v2c', 'Comm-7x9', 777, PDU.get, ['1.3.6.1.2.1.1.5.0']), expected)).toBeNull();
    expect(parseGetResponse(Buffer.from('3084ffffffff020101', 'hex'), expected)).toBeNull();
    expect(parseGetResponse(Buffer.from('3080020101040000', 'hex'), expected)).toBeNull(); // indefinite length
  });

  it('survives 20,000 seeded mutations of the real answer without a throw', () => {
    let seed = 0x5eed;
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const mutated = Buffer.from(reply);
      for (let k = 0; k <= random(4); k++) mutated[random(mutated.length)] = random(256);
      const parsed = parseGetResponse(mutated, expected);
      if (parsed) accepted += 1;
    }
    expect(accepted).toBeLessThan(20_000); // most mutations break the shape; none throws
  });
});
