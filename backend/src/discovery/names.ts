// Names for the devices found: NetBIOS node status (Windows PCs, NAS boxes) and reverse DNS.
// Both only ever go to addresses inside the scanned ranges: NetBIOS to each device found, reverse
// DNS only to a configured resolver that is itself on the scanned LAN (the home router, usually).
// A public resolver is never asked: it cannot know private names, and the questions would tell it
// the layout of the LAN.
import { isIPv4, isIPv6 } from 'node:net';
import { mapLimit } from '../core/concurrency-limit.js';
import { defineDiscoverer, type Discoverer, type PluginContext } from '../core/plugins.js';
import type { Device } from '../core/types.js';
import { createReverseResolver, systemResolvers } from '../protocols/dns.js';
import { queryNodeStatus, type NodeStatusOptions } from '../protocols/netbios.js';
import { inScope } from './scope.js';

export interface NamesDeps {
  /** Resolvers as dns.getServers() gives them; tests pass a loopback server. */
  resolvers?: () => string[];
  netbiosPort?: number;
  timeoutMs?: number;
}

const MAX_DEVICES = 256;
const CONCURRENCY = 32;

export function createNamesDiscoverer(deps: NamesDeps = {}): Discoverer {
  const resolvers = deps.resolvers ?? systemResolvers;
  return defineDiscoverer({
    id: 'names',
    description: 'Host names by NetBIOS node status and, with a resolver on the LAN, reverse DNS',
    routed: 'also', // unicast questions to each device: they cross a router
    enrichesEach: true, // asked as each device is found: a telnet host's checks wait for its name
    async run() {
      // Nothing to do before the devices are known: see enrich().
    },

    async enrich(devices, ctx, report) {
      const targets = devices.filter((d) => isIPv4(d.ip) && inScope(ctx, d.ip)).slice(0, MAX_DEVICES);
      if (targets.length === 0) return;
      ctx.progress('NetBIOS and DNS names');
      // A LAN host answers NetBIOS and DNS in milliseconds; most hosts never answer at all.
      const timeoutMs = deps.timeoutMs ?? Math.min(600, ctx.tuning.exchangeTimeoutMs);
      const servers = lanResolvers(ctx, resolvers());
      const resolver = servers.length > 0 ? createReverseResolver({ servers, timeoutMs }) : null;
      if (!resolver) ctx.log.debug('names: no resolver inside the scanned ranges, reverse DNS skipped');
      const netbios: NodeStatusOptions = {
        timeoutMs, retryMs: Math.floor(timeoutMs / 3), port: deps.netbiosPort, signal: ctx.signal,
        onMalformed: (reason) => ctx.log.info('netbios: malformed answer ignored', { reason }),
      };
      try {
        // Ahead of the queued port connects: one short UDP question per host, still under the global bound.
        const limit = ctx.limitFirst ?? ctx.limit;
        await mapLimit(targets, CONCURRENCY, (device) => limit(() => nameOne(device, resolver, netbios, ctx, report)));
      } finally {
        resolver?.cancel();
      }
    },
  });
}

async function nameOne(device: Readonly<Device>, resolver: ReturnType<typeof createReverseResolver> | null, netbios: NodeStatusOptions,
  ctx: PluginContext, report: Parameters<NonNullable<Discoverer['enrich']>>[2]): Promise<void> {
  if (ctx.signal.aborted) return;
  const [status, ptr] = await Promise.all([queryNodeStatus(device.ip, netbios), resolver ? resolver.reverse(device.ip) : Promise.resolve([])]);
  if (status) report({ source: 'netbios', ip: device.ip, mac: device.mac, hostnames: [status.name], netbios: status });
  if (ptr.length > 0) report({ source: 'dns', ip: device.ip, mac: device.mac, hostnames: ptr });
}

/** The configured resolvers that sit inside the scanned ranges ("10.0.0.1", "[fd00::1]:53"…). */
export function lanResolvers(ctx: Pick<PluginContext, 'targets'>, servers: readonly string[]): string[] {
  return servers.filter((server) => {
    const host = server.startsWith('[') ? server.slice(1, server.indexOf(']')) : isIPv6(server) ? server : server.replace(/:\d+$/, '');
    return (isIPv4(host) || isIPv6(host)) && inScope(ctx, host);
  });
}
