import { defineCheck, type CheckResult, type PluginContext } from '../core/plugins.js';
import type { Device, Severity } from '../core/types.js';
import type { PortMapping } from '../protocols/upnp-igd.js';
import exposedPorts from './data/upnp-exposed-ports.json' with { type: 'json' };
import { igdDescription, igdService, isIgdPort, networkTransport, readGateway, type GatewayTransport } from './upnp/gateway.js';

const LOGIN_PORTS = exposedPorts.loginOrCleartextPorts as Record<string, string>;
const CLEARTEXT = new Set(exposedPorts.cleartextServices);
const MAX_DESCRIPTION = 60;

/** A device-chosen label: control characters out, quoted, cut short. */
export function quoteLabel(text: string): string {
  const clean = text.replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim();
  return JSON.stringify(clean.length > MAX_DESCRIPTION ? `${clean.slice(0, MAX_DESCRIPTION)}…` : clean);
}

/** High when what is forwarded is a login or an unencrypted control; medium otherwise. */
export function mappingSeverity(mapping: PortMapping, internal: Readonly<Device> | undefined): { severity: Severity; what: string | null } {
  const seen = internal?.services.find((s) => s.port === mapping.internalPort && s.transport === mapping.protocol.toLowerCase());
  if (seen) {
    const risky = !seen.encrypted && CLEARTEXT.has(seen.service);
    return { severity: risky ? 'high' : 'medium', what: seen.service };
  }
  const known = LOGIN_PORTS[String(mapping.internalPort)];
  return { severity: known ? 'high' : 'medium', what: known ?? null };
}

function evidence(gateway: Readonly<Device>, externalIp: string | null, mappings: PortMapping[], internal: Readonly<Device> | undefined, what: string | null): string {
  const first = mappings[0]!;
  const outside = mappings.map((m) => `${m.protocol} ${externalIp ?? 'its internet address'}:${m.externalPort}${m.remoteHost ? ` (only from ${m.remoteHost})` : ''}`).join(', ');
  const to = `${first.internalClient}:${first.internalPort}${what ? ` (${what})` : ''}`;
  const where = internal ? '' : ' — a host this scan did not find, so the finding is on the router';
  const labels = [...new Set(mappings.map((m) => quoteLabel(m.description)))].join(', ');
  return `the router ${gateway.ip} forwards ${outside} from the internet to ${to}${where}; the mapping was opened through UPnP (description ${labels})`;
}

export function createInternetExposureUpnp(transport: GatewayTransport = networkTransport) {
  return defineCheck({
    id: 'internet-exposure-upnp',
    finding: { family: 'internet-exposure', service: 'upnp' },
    severity: 'medium',
    tags: ['exposure'],
    intrusive: false,
    // One description fetch, the external address and at most 32 list entries: the SOAP index
    // walk is bounded by MAX_MAPPINGS in protocols/upnp-igd.ts, read once per scan.
    maxAttempts: 1,
    appliesTo: ({ device, service }) => isIgdPort(device, service),
    extraServices: (device, ctx) => igdService(device, ctx),
    // A mapping is reported on the device it forwards to, but the list lives on the router: a
    // re-test reads it from the (in-scope) gateway that announced an IGD.
    retestTarget: (_finding, devices, ctx) => {
      for (const gateway of devices) {
        const [service] = igdDescription(gateway, ctx) ? igdService(gateway, ctx) : [];
        if (service) return { device: gateway, service };
      }
      return null;
    },
    async run({ device }, ctx: PluginContext) {
      if (!igdDescription(device)) return [];
      const reading = await readGateway(device, ctx, transport);
      if (!reading) return [];
      // One finding per forwarded internal endpoint (several external ports to it are listed together).
      const groups = new Map<string, PortMapping[]>();
      for (const mapping of reading.list.mappings.filter((m) => m.enabled)) {
        const internal = ctx.devices?.().find((d) => d.ip === mapping.internalClient);
        const key = internal ? `${internal.ip}|${mapping.protocol}/${mapping.internalPort}` : `gateway|${mapping.protocol}/${mapping.externalPort}`;
        groups.set(key, [...(groups.get(key) ?? []), mapping]);
      }
      return [...groups.entries()].map(([key, mappings]): CheckResult => {
        const first = mappings[0]!;
        const internal = key.startsWith('gateway|') ? undefined : ctx.devices?.().find((d) => d.ip === first.internalClient);
        const { severity, what } = mappingSeverity(first, internal);
        const transportName = first.protocol === 'TCP' ? 'tcp' : 'udp';
        return {
          confidence: 'confirmed',
          severity,
          evidence: evidence(device, reading.externalIp, mappings, internal, what),
          subject: internal
            ? { ip: internal.ip, port: first.internalPort, transport: transportName }
            : { ip: device.ip, port: first.externalPort, transport: transportName },
        };
      });
    },
  });
}

/**
 * Port mappings a LAN device opened on the home router through UPnP: each one puts a service of
 * that device on the internet. Reported on the device it forwards to (when the scan found it),
 * else on the router. Reads only (GetGenericPortMappingEntry): no login, so no consent needed.
 */
export const internetExposureUpnp = createInternetExposureUpnp();
