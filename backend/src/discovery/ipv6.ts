// IPv6 neighbours (link-local and global) of the devices found over IPv4, joined by MAC.
// First pass: one echo request to all nodes (ff02::1) on the scanned link, from each of our own
// IPv6 addresses there — every host that answers must first learn our MAC, and its neighbour
// solicitation puts its own address and MAC in our table (from its global address too, when we
// ask from ours). Node has no ICMP socket, so the system's ping does it (iputils, else busybox).
// Every address that answered then gets one empty UDP datagram, so that our kernel resolves it
// (neighbour solicitation) even when the host already knew our MAC and solicited nothing.
// Second pass: read `ip -6 -j neigh` and report the addresses of MACs already found.
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { defineDiscoverer, type Discoverer, type PluginContext } from '../core/plugins.js';
import { runCommand } from './exec.js';
import { readIpNeigh, type NeighbourStateReader } from './neighbours.js';

/** Pings ff02::1 from each source; returns the addresses that answered. */
export type AllNodesPinger = (ctx: PluginContext, sources: readonly string[]) => Promise<string[]>;

export interface Ipv6Deps {
  ping?: AllNodesPinger;
  readStates?: NeighbourStateReader;
  /** Our own IPv6 addresses on the interface (tests pass a list). */
  ownAddresses?: (interfaceName: string) => string[];
  /** Makes the kernel resolve these addresses (tests pass a recorder). */
  resolve?: (ctx: PluginContext, addresses: readonly string[]) => Promise<void>;
}

const USABLE = new Set(['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT']);
const MAX_PER_DEVICE = 16;
const MAX_RESPONDERS = 512;
const RESOLVE_WAIT_MS = 100;
const DISCARD_PORT = 9;

export function createIpv6Discoverer(deps: Ipv6Deps = {}): Discoverer {
  const ping = deps.ping ?? pingAllNodes;
  const readStates = deps.readStates ?? readIpNeigh;
  const ownAddresses = deps.ownAddresses ?? interfaceIpv6;
  const resolve = deps.resolve ?? resolveNeighbours;
  return defineDiscoverer({
    id: 'ipv6-neighbours',
    description: 'IPv6 neighbours (link-local and global) of the devices found, joined by MAC, after an all-nodes ping',
    async run(ctx) {
      const sources = ownAddresses(ctx.interfaceName);
      if (sources.length === 0) return void ctx.log.debug('ipv6: no IPv6 address on the interface, nothing to ask');
      ctx.progress('IPv6 all-nodes');
      const responders = [...new Set(await ping(ctx, sources))].filter((a) => isIPv6(a) && !sources.includes(a)).slice(0, MAX_RESPONDERS);
      if (responders.length > 0) await resolve(ctx, responders);
    },

    async enrich(devices, ctx, report) {
      const states = await readStates(6, ctx.interfaceName).catch(() => null);
      if (states === null) return void ctx.log.debug('ipv6: `ip -6 -j neigh` unavailable');
      const byMac = new Map<string, string[]>();
      for (const s of states) {
        if (!s.mac || !USABLE.has(s.state) || s.ip.startsWith('ff')) continue;
        const list = byMac.get(s.mac) ?? [];
        if (list.length < MAX_PER_DEVICE && !list.includes(s.ip)) list.push(s.ip);
        byMac.set(s.mac, list);
      }
      // Only devices already found in scope: a neighbour we cannot tie to one is not reported.
      for (const device of devices) {
        const addresses = device.mac ? byMac.get(device.mac) : undefined;
        if (addresses) report({ source: 'ipv6-neighbours', ip: device.ip, mac: device.mac, ipv6: addresses.sort(compareScope) });
      }
    },
  });
}

/** Link-local first, then the rest in text order (stable output). */
function compareScope(a: string, b: string): number {
  const la = a.startsWith('fe80:') ? 0 : 1;
  const lb = b.startsWith('fe80:') ? 0 : 1;
  return la - lb || a.localeCompare(b);
}

function interfaceIpv6(interfaceName: string): string[] {
  return (networkInterfaces()[interfaceName] ?? []).filter((a) => a.family === 'IPv6').map((a) => a.address.split('%')[0]!);
}

/** One ping to ff02::1 per source address, all at once, each bounded to ~1 s. */
export const pingAllNodes: AllNodesPinger = async (ctx, sources) => {
  const answered = await Promise.all(sources.map(async (source) => {
    const linkLocal = source.startsWith('fe80:');
    // iputils: -I takes the interface for link-local sources, the address for global ones.
    const iputils = ['-6', '-n', '-c', '2', '-i', '0.2', '-w', '1', '-I', linkLocal ? ctx.interfaceName : source, `ff02::1%${ctx.interfaceName}`];
    const busybox = ['ping6', '-c', '2', '-w', '1', '-I', linkLocal ? ctx.interfaceName : source, `ff02::1%${ctx.interfaceName}`];
    const first = await runCommand('ping', iputils, { timeoutMs: 3000, signal: ctx.signal, maxBytes: 256 * 1024 });
    if (first.error !== 'not installed') return parsePingReplies(first.stdout);
    const second = await runCommand('busybox', busybox, { timeoutMs: 3000, signal: ctx.signal, maxBytes: 256 * 1024 });
    if (second.error === 'not installed') ctx.log.debug('ipv6: no ping program; only neighbours the kernel already knows are reported');
    return parsePingReplies(second.stdout);
  }));
  return answered.flat();
};

/** "64 bytes from fd77::1: icmp_seq=1 …" (iputils) or "…from fe80::1%eth0: seq=0 …" (busybox). */
export function parsePingReplies(output: string): string[] {
  return [...output.matchAll(/ bytes from ([0-9a-f:.]+)(?:%[\w.-]+)?:/gi)].map((m) => m[1]!.toLowerCase()).filter((a) => isIPv6(a));
}

/** One empty datagram to each address: the kernel solicits its MAC, the answer fills the table. */
async function resolveNeighbours(ctx: PluginContext, addresses: readonly string[]): Promise<void> {
  const socket = createSocket('udp6');
  socket.on('error', (error) => ctx.log.debug('ipv6 resolve socket error', { error: error.message }));
  try {
    await Promise.all(addresses.map((address) => new Promise<void>((done) => {
      const target = address.startsWith('fe80:') ? `${address}%${ctx.interfaceName}` : address;
      socket.send(Buffer.alloc(0), DISCARD_PORT, target, () => done());
    })));
    await new Promise((wait) => setTimeout(wait, RESOLVE_WAIT_MS));
  } finally {
    socket.close();
  }
}
