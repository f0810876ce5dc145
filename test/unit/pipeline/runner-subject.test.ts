// The runner's two additions for checks that look beyond the port scan: a check's extra services
// (the gateway's UPnP port, outside the scanned list) and a result's subject (the finding lands on
// the LAN device a port mapping forwards to). A loopback IGD plays the gateway.
import { afterEach, describe, expect, it } from 'vitest';
import { internetExposureUpnp } from '../../../backend/src/checks/internet-exposure-upnp.js';
import { internetExposureUpnpIgd } from '../../../backend/src/checks/internet-exposure-upnp-igd.js';
import { EventBus } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { defineDiscoverer } from '../../../backend/src/core/plugins.js';
import { runScan } from '../../../backend/src/pipeline/runner.js';
import { testTuning } from '../../helpers/context.js';
import { startIgd, type RunningIgd } from '../../helpers/igd-responder.js';

let igd: RunningIgd | null = null;
afterEach(async () => { await igd?.close(); igd = null; });

async function scanWithGateway(targets: string[]) {
  igd = await startIgd({ mappings: [
    { externalPort: 8080, protocol: 'TCP', internalClient: '127.0.0.31', internalPort: 80, description: 'DVR Web Viewer' },
    { externalPort: 9000, protocol: 'TCP', internalClient: '127.0.0.99', internalPort: 9000, description: 'gone' },
  ] });
  const location = igd.descriptionUrl;
  const discoverer = defineDiscoverer({
    id: 'test-lan',
    description: 'a gateway with an IGD description and a DVR, on loopback',
    async run(_ctx, report) {
      report({ source: 'test-lan', ip: '127.0.0.1', mac: '10:66:82:77:00:01', upnp: [{ location, deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1', manufacturer: null, modelName: null, friendlyName: null }] });
      report({ source: 'test-lan', ip: '127.0.0.31', mac: 'e0:50:8b:77:00:31' });
    },
  });
  return runScan(
    { targets, interfaceName: 'lo', interfaceAddress: '127.0.0.1', loginChecks: false },
    { plugins: { discoverers: [discoverer], identifiers: [], probes: [], checks: [internetExposureUpnp, internetExposureUpnpIgd] }, bus: new EventBus(), log: createLogger({ level: 'silent' }), tuning: testTuning() },
    new AbortController().signal,
  );
}

describe('runner: extra services and finding subjects', () => {
  it('runs the UPnP checks on the gateway\'s description port and puts the mapping on the DVR', async () => {
    const result = await scanWithGateway(['127.0.0.0/8']);
    const summary = result.findings.map((f) => [f.checkId, f.ip, f.mac, f.port, f.severity]);
    expect(summary).toEqual([
      ['internet-exposure-upnp', '127.0.0.31', 'e0:50:8b:77:00:31', 80, 'high'],
      ['internet-exposure-upnp', '127.0.0.1', '10:66:82:77:00:01', 9000, 'medium'],
      ['internet-exposure-upnp-igd', '127.0.0.1', '10:66:82:77:00:01', igd!.port, 'low'],
    ]);
    expect(result.findings[0]!.risk?.factors).toContain('exposure.internet.mapping');
    // The port scan's list was not touched: the extra service is not added to the device.
    expect(result.devices.find((d) => d.ip === '127.0.0.1')!.services).toEqual([]);
  });

  it('sends nothing to a gateway outside the scanned ranges', async () => {
    const result = await scanWithGateway(['127.0.0.31/32']);
    expect(result.findings).toEqual([]);
    expect(igd!.requests).toEqual([]);
  });
});
