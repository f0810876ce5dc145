import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoveryRequest, parseDiscoveryReport, snmpGetSystem, snmpV3Discovery } from '../../../backend/src/protocols/snmp.js';
import { freePort, LOOPBACK, timed } from '../../helpers/net.js';
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
