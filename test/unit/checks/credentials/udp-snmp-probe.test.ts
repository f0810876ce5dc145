// The udp-snmp probe: adds udp/161 snmp when an agent answers SNMPv3 discovery, sending no community.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probes } from '../../../../backend/src/probes/index.js';
import { createUdpSnmpProbe, udpSnmpProbe } from '../../../../backend/src/probes/udp-snmp.js';
import { loopbackDevice, testContext } from '../../../helpers/context.js';
import { freePort } from '../../../helpers/net.js';
import { startSnmpd, type Snmpd } from '../../../helpers/snmpd.js';

let agent: Snmpd;
beforeAll(async () => { agent = await startSnmpd('Long-unique-C0mm'); });
afterAll(async () => { await agent?.stop(); });

describe('udp-snmp probe against real snmpd on loopback', () => {
  it('is registered after the TCP probes, for port 161', () => {
    expect(probes.at(-1)?.id === 'udp-snmp' || probes.includes(udpSnmpProbe)).toBe(true);
    expect(udpSnmpProbe.id).toBe('udp-snmp');
  });

  it('finds the agent by v3 discovery and names the service snmp, without sending a community', async () => {
    const before = await agent.badCommunities();
    const services = await createUdpSnmpProbe(agent.port).run(loopbackDevice(), testContext());
    expect(services).toEqual([expect.objectContaining({ port: agent.port, transport: 'udp', service: 'snmp', encrypted: false })]);
    expect(services[0]!.banner).toMatch(/^SNMPv3 engine 80001f88.* \(enterprise 8072\)$/);
    expect(await agent.badCommunities()).toBe(before);
  });

  it('adds nothing where no agent answers, within about a second', async () => {
    const started = Date.now();
    expect(await createUdpSnmpProbe(await freePort()).run(loopbackDevice(), testContext())).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
