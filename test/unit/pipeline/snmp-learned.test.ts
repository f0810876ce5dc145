// What a check learns feeds identification: a scan of a real snmpd on loopback whose sysDescr is a
// JetDirect print server's. The udp-snmp probe finds the agent (v3 discovery, no community), the
// device is not typed yet; the consented community search reads the system group, reports it
// (ctx.learned), and the runner identifies the device again: a printer, from the agent's own words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import { EventBus } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { defineDiscoverer } from '../../../backend/src/core/plugins.js';
import type { Device, ScanResult } from '../../../backend/src/core/types.js';
import { createDeviceTypeIdentifier } from '../../../backend/src/identify/device-type.js';
import { runScan } from '../../../backend/src/pipeline/runner.js';
import { createUdpSnmpProbe } from '../../../backend/src/probes/udp-snmp.js';
import { testTuning } from '../../helpers/context.js';
import { LOOPBACK } from '../../helpers/net.js';
import { startSnmpd, type Snmpd } from '../../helpers/snmpd.js';

const JETDIRECT = 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900,CIDATE 05/20/2020';
let agent: Snmpd;

beforeAll(async () => { agent = await startSnmpd('public', { sysDescr: JETDIRECT }); });
afterAll(async () => { await agent?.stop(); });

const loopback = defineDiscoverer({
  id: 'test-loopback', description: 'reports 127.0.0.1',
  async run(_ctx, report) { report({ source: 'test-loopback', ip: LOOPBACK, mac: '3c:d9:2b:00:00:50' }); },
});

async function scan(loginChecks: boolean): Promise<{ result: ScanResult; updates: Device[] }> {
  const bus = new EventBus();
  const updates: Device[] = [];
  bus.on('device:updated', ({ device }) => { updates.push(device); });
  const result = await runScan(
    { targets: ['127.0.0.1/32'], interfaceName: 'lo', interfaceAddress: LOOPBACK, loginChecks },
    {
      plugins: { discoverers: [loopback], identifiers: [createDeviceTypeIdentifier()], probes: [createUdpSnmpProbe(agent.port)], checks },
      bus, log: createLogger({ level: 'silent' }), tuning: testTuning({ tcpPorts: [] }),
    },
    new AbortController().signal,
  );
  return { result, updates };
}

describe('SNMP system group as identification evidence, through the runner', () => {
  it('with login checks: the JetDirect sysDescr types the device a printer, and the record keeps what the agent said', async () => {
    const { result, updates } = await scan(true);
    const device = result.devices[0]!;
    expect(device.type).toBe('printer');
    expect(device.evidence.map((e) => e.detail)).toContainEqual(expect.stringMatching(/^SNMP says "HP ETHERNET MULTI-ENVIRONMENT.*\(HP JetDirect print server\) → printer$/));
    expect(device.services.find((s) => s.transport === 'udp' && s.port === agent.port)).toMatchObject({
      service: 'snmp', banner: expect.stringMatching(/^SNMPv3 engine /),
      snmp: { version: 'v2c', sysDescr: JETDIRECT, sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysName: 'test-agent' },
    });
    expect(updates.at(-1)?.type).toBe('printer'); // the dashboard hears of it
    expect(result.findings.map((f) => `${f.family}/${f.service}`).sort()).toEqual(['cleartext-service/snmp', 'default-credentials/snmp']);
  });

  it('without consent nothing is read with a community, so the device stays untyped', async () => {
    const { result } = await scan(false);
    expect(result.devices[0]!.type).toBe('unknown');
    expect(result.devices[0]!.services.every((s) => s.snmp === undefined)).toBe(true);
    expect(result.findings).toEqual([]);
  });
});
