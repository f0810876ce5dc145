// internet-exposure-upnp-igd against a loopback IGD: raised when the port-mapping list answers
// without a login (even an empty list), not when listing needs a login (fault 606), and the two
// UPnP checks share one reading of the gateway per scan.
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginContext } from '../../../backend/src/core/plugins.js';
import type { Device } from '../../../backend/src/core/types.js';
import { createInternetExposureUpnp } from '../../../backend/src/checks/internet-exposure-upnp.js';
import { createInternetExposureUpnpIgd, internetExposureUpnpIgd } from '../../../backend/src/checks/internet-exposure-upnp-igd.js';
import { networkTransport } from '../../../backend/src/checks/upnp/gateway.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { startIgd, type IgdBehaviour, type RunningIgd } from '../../helpers/igd-responder.js';
import { tcpService, testContext } from '../../helpers/context.js';

let igd: RunningIgd | null = null;
afterEach(async () => { await igd?.close(); igd = null; });

async function gateway(behaviour: IgdBehaviour, mappings = 0): Promise<{ device: Device; ctx: PluginContext }> {
  igd = await startIgd({ behaviour, mappings: Array.from({ length: mappings }, (_, i) => ({ externalPort: 8080 + i, protocol: 'TCP' as const, internalClient: '127.0.0.31', internalPort: 80, description: 'cam' })) });
  const device = emptyDevice('127.0.0.1', '10:66:82:77:00:01');
  device.upnp = [{ location: igd.descriptionUrl, deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1', manufacturer: null, modelName: null, friendlyName: null }];
  return { device, ctx: { ...testContext(), targets: ['127.0.0.0/8'], devices: () => [device] } };
}

describe('internet-exposure-upnp-igd', () => {
  it('is raised on the gateway when the list answers without a login, even when it is empty', async () => {
    const { device, ctx } = await gateway('normal', 0);
    const results = await internetExposureUpnpIgd.run({ device, service: tcpService(igd!.port, 'upnp') }, ctx);
    expect(results).toEqual([{
      confidence: 'confirmed',
      evidence: `the router's UPnP port-mapping control (WANIPConnection:1 at http://127.0.0.1:${igd!.port}/ctl/IPConn) answered without any login and listed 0 port mappings; any device on the network can add a mapping the same way`,
    }]);
  });

  it('says "at least" when the list hit the cap', async () => {
    const { device, ctx } = await gateway('endless');
    const [result] = await internetExposureUpnpIgd.run({ device, service: tcpService(igd!.port, 'upnp') }, ctx);
    expect(result!.evidence).toContain('listed at least 32 port mappings');
  });

  it('negative control: a gateway whose listing needs a login raises nothing', async () => {
    const { device, ctx } = await gateway('unauthorized');
    expect(await internetExposureUpnpIgd.run({ device, service: tcpService(igd!.port, 'upnp') }, ctx)).toEqual([]);
  });

  it('shares one reading of the gateway with internet-exposure-upnp in a scan', async () => {
    const { device, ctx } = await gateway('normal', 2);
    const service = tcpService(igd!.port, 'upnp');
    await createInternetExposureUpnp(networkTransport).run({ device, service }, ctx);
    await createInternetExposureUpnpIgd(networkTransport).run({ device, service }, ctx);
    // One description fetch, three list entries (2 + the 713 end) and one external address.
    expect(igd!.requests.map((r) => r.method === 'GET' ? r.path : r.soapAction!.split('#')[1]!.replace('"', ''))).toEqual([
      '/rootDesc.xml', 'GetGenericPortMappingEntry', 'GetGenericPortMappingEntry', 'GetGenericPortMappingEntry', 'GetExternalIPAddress',
    ]);
  });
});
