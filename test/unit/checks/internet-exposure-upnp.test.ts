// internet-exposure-upnp against a loopback IGD (the lab miniupnpd's recorded answers): one finding
// per forwarded endpoint, on the device it forwards to when the scan found it, else on the router;
// nothing for an IGD without mappings; and nothing ever sent to a control URL outside the ranges.
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginContext } from '../../../backend/src/core/plugins.js';
import type { StoredDevice, StoredFinding } from '../../../backend/src/api/contract.js';
import type { Device } from '../../../backend/src/core/types.js';
import { retestFinding } from '../../../backend/src/pipeline/retest.js';
import { createInternetExposureUpnp, internetExposureUpnp, mappingSeverity, quoteLabel } from '../../../backend/src/checks/internet-exposure-upnp.js';
import { networkTransport, type GatewayTransport } from '../../../backend/src/checks/upnp/gateway.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { startIgd, type Mapping, type RunningIgd } from '../../helpers/igd-responder.js';
import { tcpService, testContext } from '../../helpers/context.js';

let igd: RunningIgd | null = null;
afterEach(async () => { await igd?.close(); igd = null; });

const IGD_TYPE = 'urn:schemas-upnp-org:device:InternetGatewayDevice:1';

function gatewayAt(location: string): Device {
  const device = emptyDevice('127.0.0.1', '10:66:82:77:00:01');
  device.upnp = [{ location, deviceType: IGD_TYPE, manufacturer: 'NEC Platforms, Ltd.', modelName: 'Aterm WX3600HP', friendlyName: 'Aterm WX3600HP' }];
  return device;
}

function scanContext(devices: Device[], targets = ['127.0.0.0/8']): PluginContext {
  return { ...testContext(), targets, devices: () => devices };
}

/** Records every URL the check fetches or sends SOAP to, then does it for real. */
function recordingTransport(): GatewayTransport & { fetched: string[]; posted: string[] } {
  const fetched: string[] = [];
  const posted: string[] = [];
  return {
    fetched, posted,
    fetch: (url, ctx) => { fetched.push(url.href); return networkTransport.fetch(url, ctx); },
    soap: (ctx) => { const send = networkTransport.soap(ctx); return (control, action, args) => { posted.push(`${control.controlUrl.href}#${action}`); return send(control, action, args); }; },
  };
}

async function runOn(mappings: Mapping[], devices: (gateway: Device) => Device[], options: { controlUrl?: string; targets?: string[] } = {}) {
  igd = await startIgd({ mappings, controlUrl: options.controlUrl });
  const gateway = gatewayAt(igd.descriptionUrl);
  const transport = recordingTransport();
  const check = createInternetExposureUpnp(transport);
  const ctx = scanContext(devices(gateway), options.targets);
  const [service] = check.extraServices!(gateway, ctx);
  if (!service) return { results: [], transport, service };
  expect(check.appliesTo({ device: gateway, service })).toBe(true);
  return { results: await check.run({ device: gateway, service }, ctx), transport, service };
}

const dvr = (): Device => {
  const device = emptyDevice('127.0.0.31', 'e0:50:8b:77:00:31');
  device.services = [tcpService(80, 'http'), tcpService(23, 'telnet')];
  return device;
};

describe('internet-exposure-upnp', () => {
  it('reports a mapping to a scanned device on that device and port, high for its web login', async () => {
    const { results, service, transport } = await runOn(
      [{ externalPort: 8080, protocol: 'TCP', internalClient: '127.0.0.31', internalPort: 80, description: 'DVR Web Viewer' }],
      (gateway) => [gateway, dvr()],
    );
    expect(service).toMatchObject({ port: igd!.port, transport: 'tcp', service: 'upnp' });
    expect(results).toEqual([{
      confidence: 'confirmed', severity: 'high', subject: { ip: '127.0.0.31', port: 80, transport: 'tcp' },
      evidence: 'the router 127.0.0.1 forwards TCP 198.51.101.1:8080 from the internet to 127.0.0.31:80 (http); the mapping was opened through UPnP (description "DVR Web Viewer")',
    }]);
    expect(transport.fetched).toEqual([igd!.descriptionUrl]);
  });

  it('groups external ports to the same endpoint, and reports a mapping to an unknown host on the router', async () => {
    const { results } = await runOn([
      { externalPort: 8080, protocol: 'TCP', internalClient: '127.0.0.31', internalPort: 80, description: 'web' },
      { externalPort: 8081, protocol: 'TCP', internalClient: '127.0.0.31', internalPort: 80, description: 'web' },
      { externalPort: 51413, protocol: 'UDP', internalClient: '192.168.1.50', internalPort: 51413, description: 'torrent' },
    ], (gateway) => [gateway, dvr()]);
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ subject: { ip: '127.0.0.31', port: 80, transport: 'tcp' }, severity: 'high' });
    expect(results[0]!.evidence).toContain('TCP 198.51.101.1:8080, TCP 198.51.101.1:8081');
    expect(results[1]).toMatchObject({ subject: { ip: '127.0.0.1', port: 51413, transport: 'udp' }, severity: 'medium' });
    expect(results[1]!.evidence).toContain('192.168.1.50:51413 — a host this scan did not find, so the finding is on the router');
  });

  it('negative control: an IGD without mappings raises nothing', async () => {
    const { results, transport } = await runOn([], (gateway) => [gateway, dvr()]);
    expect(results).toEqual([]);
    expect(transport.posted.filter((p) => p.endsWith('#GetGenericPortMappingEntry'))).toHaveLength(1);
  });

  it('never contacts a control URL outside the scanned ranges (and says why in the log)', async () => {
    const { results, transport } = await runOn(
      [{ externalPort: 8080, protocol: 'TCP', internalClient: '127.0.0.31', internalPort: 80, description: 'x' }],
      (gateway) => [gateway, dvr()],
      { controlUrl: 'http://8.8.8.8:80/ctl/IPConn' },
    );
    expect(results).toEqual([]);
    expect(transport.fetched).toEqual([igd!.descriptionUrl]);
    expect(transport.posted).toEqual([]);
    expect(igd!.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('fetches nothing when the gateway itself is outside the ranges', async () => {
    igd = await startIgd({});
    const gateway = gatewayAt(igd.descriptionUrl);
    const ctx = scanContext([gateway], ['10.77.0.0/24']);
    expect(internetExposureUpnp.extraServices!(gateway, ctx)).toEqual([]);
    const transport = recordingTransport();
    expect(await createInternetExposureUpnp(transport).run({ device: gateway, service: tcpService(igd.port, 'upnp') }, ctx)).toEqual([]);
    expect([...transport.fetched, ...transport.posted]).toEqual([]);
    expect(igd.requests).toEqual([]);
  });

  it('does not apply to a device that is not a gateway, and reads nothing there', async () => {
    const device = dvr();
    expect(internetExposureUpnp.extraServices!(device, scanContext([device]))).toEqual([]);
    expect(internetExposureUpnp.appliesTo({ device, service: device.services[0]! })).toBe(false);
    expect(await internetExposureUpnp.run({ device, service: device.services[0]! }, testContext())).toEqual([]);
  });

  it('re-tests a mapping on the device it forwards to by reading the router again: still there, then removed', async () => {
    const mappings: Mapping[] = [{ externalPort: 8080, protocol: 'TCP', internalClient: '127.0.0.31', internalPort: 80, description: 'DVR Web Viewer' }];
    igd = await startIgd({ mappings });
    const stored = (device: Device, id: string): StoredDevice => ({ ...device, id, firstSeen: '2026-11-24T00:00:00.000Z', lastSeen: '2026-11-24T00:00:00.000Z' });
    const gateway = stored(gatewayAt(igd.descriptionUrl), 'mac-106682770001');
    const target = stored(dvr(), 'mac-e0508b770031');
    const finding = { checkId: 'internet-exposure-upnp', ip: '127.0.0.31', port: 80, transport: 'tcp', service: 'upnp' } as StoredFinding;
    const ctx = testContext();
    const deps = (inScope: (ip: string) => boolean) => ({
      checks: [internetExposureUpnp], tuning: ctx.tuning, log: ctx.log, loginChecks: false, inScope,
      loginChecksExcluded: [], recordAttempt: () => undefined, devices: () => [gateway, target],
    });
    const still = await retestFinding(finding, target, deps(() => true));
    expect(still).toMatchObject({ outcome: 'still-raised' });
    expect((still as { evidence: string }).evidence).toContain(':8080 from the internet to 127.0.0.31:80');
    // Negative control: the router no longer forwards anything.
    mappings.splice(0);
    expect(await retestFinding(finding, target, deps(() => true))).toMatchObject({ outcome: 'not-raised' });
    // The router is outside the ranges allowed now: refused, and nothing is sent to it.
    const before = igd.requests.length;
    expect(await retestFinding(finding, target, deps((ip) => ip !== '127.0.0.1'))).toMatchObject({ status: 409 });
    expect(igd.requests.length).toBe(before);
  });

  it('judges severity by the scanned service first, then by the port list', () => {
    const mapping = { remoteHost: '', externalPort: 443, protocol: 'TCP' as const, internalPort: 443, internalClient: '127.0.0.31', enabled: true, description: '', leaseDuration: 0 };
    const device = dvr();
    device.services.push({ ...tcpService(443, 'https'), encrypted: true });
    expect(mappingSeverity(mapping, device)).toEqual({ severity: 'medium', what: 'https' });
    expect(mappingSeverity({ ...mapping, internalPort: 23 }, undefined)).toEqual({ severity: 'high', what: 'telnet' });
    expect(mappingSeverity({ ...mapping, internalPort: 40000 }, undefined)).toEqual({ severity: 'medium', what: null });
  });

  it('quotes a device-chosen description without control characters, cut short', () => {
    expect(quoteLabel('evil"\u0007\r\nname')).toBe('"evil\\" name"');
    expect(quoteLabel('x'.repeat(200))).toBe(`"${'x'.repeat(60)}…"`);
  });
});
