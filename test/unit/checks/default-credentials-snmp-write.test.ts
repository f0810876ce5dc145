// SNMP agents that speak only v1/v2c (issue #14 item 3), played by a second, independent agent
// implementation: pysnmp's agent engine with its SNMPv3 processing removed. The non-intrusive
// udp-snmp probe cannot see them; the consented community search finds them on udp/161 anyway.
// Also default-credentials-snmp-write (the read-write case) and the hostile replies of issue #21
// sent to the checks themselves. The first implementation (snmpd) is in default-credentials-snmp.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleartextServiceSnmp } from '../../../backend/src/checks/cleartext-service-snmp.js';
import { unseenAgentServices } from '../../../backend/src/checks/credentials/snmp-communities.js';
import { defaultCredentialsSnmp } from '../../../backend/src/checks/default-credentials-snmp.js';
import { defaultCredentialsSnmpWrite } from '../../../backend/src/checks/default-credentials-snmp-write.js';
import type { Device, DeviceType, Service } from '../../../backend/src/core/types.js';
import { createDeviceTypeIdentifier } from '../../../backend/src/identify/device-type.js';
import { createUdpSnmpProbe } from '../../../backend/src/probes/udp-snmp.js';
import { loopbackDevice, testContext } from '../../helpers/context.js';
import { startPysnmpAgent, type PysnmpAgent } from '../../helpers/pysnmp-agent.js';
import { startSnmpResponder, type SnmpResponder } from '../../helpers/snmp-responder.js';

const JETDIRECT = 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900,CIDATE 05/20/2020';
const V3_FLAGGED_REPLY = '303c02010330100203<ID>020300ffe30401010201030410300e0400020100020100040004000400301304000400a20d0203<ID>0201000201003000';
const V2C_REPORT_REPLY = '301b02010104067075626c6963a80e0204<ID>0201000201003000';

let publicAgent: PysnmpAgent;
let privateAgent: PysnmpAgent;
let v1Agent: PysnmpAgent;
let secureAgent: PysnmpAgent;
let hostile: SnmpResponder[] = [];

beforeAll(async () => {
  [publicAgent, privateAgent, v1Agent, secureAgent] = await Promise.all([
    startPysnmpAgent({ readOnly: ['public'], sysDescr: JETDIRECT, sysName: 'NPI0A1B2C', sysObjectID: '1.3.6.1.4.1.11.2.3.9.1' }),
    startPysnmpAgent({ readWrite: ['private'], sysName: 'rw-agent' }),
    startPysnmpAgent({ readOnly: ['public'], v1Only: true, sysName: 'old-print-server' }),
    startPysnmpAgent({ readOnly: ['Long-unique-C0mm'] }),
  ]);
  hostile = await Promise.all([startSnmpResponder(V3_FLAGGED_REPLY), startSnmpResponder(V2C_REPORT_REPLY)]);
}, 30_000);
afterAll(async () => {
  await Promise.all([publicAgent?.stop(), privateAgent?.stop(), v1Agent?.stop(), secureAgent?.stop(), ...hostile.map((h) => h.close())]);
});

function printer(port: number, type: DeviceType = 'printer'): { device: Device; service: Service } {
  const device = loopbackDevice([9100], '00:11:32:00:00:31');
  device.type = type;
  const service: Service = { port, transport: 'udp', service: 'snmp', encrypted: false, banner: null, product: null };
  return { device, service };
}

describe('where the community search looks for an agent the v3 probe did not see', () => {
  it('the v1/v2c-only agent is invisible to the non-intrusive probe (it drops SNMPv3)', async () => {
    expect(await createUdpSnmpProbe(publicAgent.port).run(loopbackDevice(), testContext())).toEqual([]);
  });

  it('udp/161 on printers, routers, NAS, cameras, unknown devices and anything with a print port; never twice, never on a hub or a phone', () => {
    const snmp161 = [{ port: 161, transport: 'udp', service: 'snmp', encrypted: false, banner: null, product: null }];
    for (const type of ['printer', 'router', 'nas', 'camera', 'unknown'] as const) {
      const device = loopbackDevice();
      device.type = type;
      expect(unseenAgentServices(device), type).toEqual(snmp161);
    }
    for (const type of ['hub', 'phone', 'computer', 'speaker', 'plug', 'light', 'tv'] as const) {
      const device = loopbackDevice();
      device.type = type;
      expect(unseenAgentServices(device), type).toEqual([]);
    }
    const withPrintPort = loopbackDevice([9100]);
    withPrintPort.type = 'computer';
    expect(unseenAgentServices(withPrintPort)).toEqual(snmp161);
    const seen = loopbackDevice();
    seen.type = 'printer';
    seen.services.push({ ...snmp161[0]!, transport: 'udp' });
    expect(unseenAgentServices(seen)).toEqual([]);
    // Every check sharing the search looks there, so each of their findings can be raised.
    for (const check of [defaultCredentialsSnmp, defaultCredentialsSnmpWrite, cleartextServiceSnmp]) {
      expect(check.extraServices?.(printer(161).device, testContext())).toEqual(snmp161);
    }
  });
});

describe('SNMP checks against pysnmp (v1/v2c only) on loopback', () => {
  it('"public": confirmed (the control is refused once the agent has answered), with its sysName; cleartext too; not read-write', async () => {
    const ctx = testContext();
    const t = printer(publicAgent.port);
    expect(await defaultCredentialsSnmp.run(t, ctx)).toEqual([{
      confidence: 'confirmed', evidence: 'SNMP v2c read accepted with community p****c; a random community was refused (sysName "NPI0A1B2C")',
    }]);
    const cleartext = await cleartextServiceSnmp.run(t, ctx);
    expect(cleartext).toEqual([{ confidence: 'confirmed', evidence: expect.stringContaining('the agent answered SNMP v2c with community p****c') }]);
    expect(await defaultCredentialsSnmpWrite.run(t, ctx)).toEqual([]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['accepted', 'rejected']);
  });

  it('tells the scan what the agent said of itself, and that identifies the JetDirect printer of an HP MAC', async () => {
    const learned: Array<{ ip: string; service: Service }> = [];
    const ctx = { ...testContext(), learned: (ip: string, service: Service) => { learned.push({ ip, service }); } };
    const t = printer(publicAgent.port, 'unknown');
    t.device.vendor = 'HP Inc.';
    expect(await defaultCredentialsSnmp.run(t, ctx)).toHaveLength(1);
    expect(learned).toEqual([{
      ip: '127.0.0.1',
      service: expect.objectContaining({
        port: publicAgent.port, transport: 'udp', service: 'snmp', banner: JETDIRECT,
        snmp: { version: 'v2c', sysDescr: JETDIRECT, sysObjectID: '1.3.6.1.4.1.11.2.3.9.1', sysName: 'NPI0A1B2C' },
      }),
    }]);
    const device = { ...t.device, services: [...t.device.services, learned[0]!.service] };
    expect(createDeviceTypeIdentifier().identify(device, ctx)).toMatchObject({ type: 'printer' });
  });

  it('"private" read-write: the read finding says so, and the read-write finding is raised (likely: never written)', async () => {
    const ctx = testContext();
    const t = printer(privateAgent.port, 'unknown');
    const read = await defaultCredentialsSnmp.run(t, ctx);
    expect(read).toHaveLength(1);
    expect(read[0]!.evidence).toMatch(/community p\*\*\*\*\*e; a random community was refused \(sysName "rw-agent"\); this is the factory read-write community/);
    expect(await defaultCredentialsSnmpWrite.run(t, ctx)).toEqual([{ confidence: 'likely', evidence: expect.stringContaining('community p*****e, the factory read-write community') }]);
    // "public" got no answer while nobody was known to listen: inconclusive, not "refused".
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['error', 'accepted', 'rejected']);
  });

  it('an agent that answers SNMPv1 only: found, and the evidence says v1', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsSnmp.run(printer(v1Agent.port), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'SNMP v1 read accepted with community p****c; a random community was refused (sysName "old-print-server")' }]);
  });

  it('negative control: an agent with its own community stays clean after two unanswered tries', async () => {
    const ctx = testContext();
    const t = printer(secureAgent.port);
    for (const check of [defaultCredentialsSnmp, defaultCredentialsSnmpWrite, cleartextServiceSnmp]) expect(await check.run(t, ctx)).toEqual([]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['error', 'error']);
  });
});

describe('the issue #21 replies sent to the credential checks by a device echoing our request id', () => {
  it.each([0, 1])('reproducer %i: no throw, no finding; each try is an error and the search stops', async (i) => {
    const ctx = testContext();
    const t = printer(hostile[i]!.port);
    for (const check of [defaultCredentialsSnmp, defaultCredentialsSnmpWrite, cleartextServiceSnmp]) expect(await check.run(t, ctx)).toEqual([]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['error', 'error']);
    expect(hostile[i]!.received()).toBeGreaterThanOrEqual(4); // two tries × (v2c + v1), plus the v3 discovery
  });
});
