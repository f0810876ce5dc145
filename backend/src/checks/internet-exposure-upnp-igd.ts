import { defineCheck, type PluginContext } from '../core/plugins.js';
import { igdDescription, igdService, isIgdPort, networkTransport, readGateway, type GatewayTransport } from './upnp/gateway.js';

export function createInternetExposureUpnpIgd(transport: GatewayTransport = networkTransport) {
  return defineCheck({
    id: 'internet-exposure-upnp-igd',
    finding: { family: 'internet-exposure', service: 'upnp-igd' },
    severity: 'low',
    tags: ['exposure'],
    intrusive: false,
    // Shares internet-exposure-upnp's single, bounded reading of the gateway (memoised per scan).
    maxAttempts: 1,
    appliesTo: ({ device, service }) => isIgdPort(device, service),
    extraServices: (device, ctx) => igdService(device, ctx),
    async run({ device }, ctx: PluginContext) {
      if (!igdDescription(device)) return [];
      const reading = await readGateway(device, ctx, transport);
      // A listing that needs a login ends in a fault (606 Action not authorized) at index 0.
      if (!reading || (reading.list.end === 'fault' && reading.list.mappings.length === 0)) return [];
      const count = reading.list.mappings.length;
      const listed = reading.list.end === 'cap' ? `at least ${count} port mappings` : `${count} port mapping${count === 1 ? '' : 's'}`;
      return [{
        confidence: 'confirmed',
        evidence: `the router's UPnP port-mapping control (${reading.control.serviceType.replace('urn:schemas-upnp-org:service:', '')} at ${reading.control.controlUrl.href}) answered without any login and listed ${listed}; any device on the network can add a mapping the same way`,
      }];
    },
  });
}

/**
 * The home router accepts UPnP port-mapping requests from anyone on the LAN, without a login:
 * any device (or malware on one) can put itself on the internet. Low: a standing risk, not a hole.
 */
export const internetExposureUpnpIgd = createInternetExposureUpnpIgd();
