// ARP discovery without raw sockets: a UDP datagram to each address makes the kernel resolve it
// by ARP; the answers land in the neighbour table, which we read. ARP sits below any host
// firewall, so hosts that drop all IP traffic are found too. No privilege needed.
//
// The kernel only asks for addresses it does not already hold. An entry cached before the sweep
// (REACHABLE, STALE…) proves nothing about now: the host may have left or moved. Those few are
// re-asked with raw ARP when we may (arp-confirm.ts); otherwise they are reported as unconfirmed,
// and the merger lets a fresh answer for the same MAC win.
import { createSocket, type Socket } from 'node:dgram';
import { defineDiscoverer, type Discoverer, type Observation, type PluginContext } from '../core/plugins.js';
import { ipv4Hosts, parseCidr } from '../scope/cidr.js';
import { arpScanConfirmer, type ArpConfirmer, type ArpReply } from './arp-confirm.js';
import { CACHED_STATES, readIpNeigh, readProcNetArp, type NeighbourReader, type NeighbourStateReader } from './neighbours.js';

/** The kernel's neighbour table holds 1024 entries by default (gc_thresh3): sweep a /24 at a time. */
const CHUNK = 256;
const POLL_MS = 50;
/** Port 9 (discard): nothing should answer, we only need the ARP resolution it triggers. */
const DISCARD_PORT = 9;

export interface ArpDeps {
  readNeighbours?: NeighbourReader;
  readStates?: NeighbourStateReader;
  confirm?: ArpConfirmer;
}

export function createArpDiscoverer(deps: ArpDeps = {}): Discoverer {
  const readNeighbours = deps.readNeighbours ?? readProcNetArp;
  const readStates = deps.readStates ?? readIpNeigh;
  const confirm = deps.confirm ?? arpScanConfirmer;
  return defineDiscoverer({
    id: 'arp',
    description: 'ARP sweep of each IPv4 range through the kernel neighbour table; cached entries re-confirmed',
    findsOnly: true,
    async run(ctx, report) {
      const hosts = ctx.targets.map((t) => parseCidr(t)).filter((c) => c.family === 4).flatMap((c) => ipv4Hosts(c))
        .filter((ip) => ip !== ctx.interfaceAddress);
      const wanted = new Set(hosts);
      const cached = await cachedBefore(ctx, readStates, wanted);
      // Ask raw ARP about the cached ones while the sweep runs: both take about half a second.
      const confirming = cached.size > 0 ? confirm(ctx.interfaceName, [...cached.keys()], ctx.signal).catch(() => null) : Promise.resolve(null);
      const seen = new Set<string>();
      const held = new Map<string, string>();
      const collect = async (): Promise<void> => {
        for (const entry of await readNeighbours()) {
          if (entry.device !== ctx.interfaceName || !wanted.has(entry.ip) || seen.has(entry.ip)) continue;
          seen.add(entry.ip);
          if (cached.has(entry.ip)) held.set(entry.ip, entry.mac);
          else report({ source: 'arp', ip: entry.ip, mac: entry.mac });
        }
      };
      // A fresh socket per /24: datagrams queued on unresolved addresses hold a socket's send
      // buffer until ARP gives up (~3 s), which would stall the next chunk on a shared socket.
      const sockets: Socket[] = [];
      try {
        for (let start = 0; start < hosts.length && !ctx.signal.aborted; start += CHUNK) {
          const chunk = hosts.slice(start, start + CHUNK);
          ctx.progress(`ARP ${chunk[0]} – ${chunk.at(-1)}`);
          const socket = await openSocket(ctx);
          sockets.push(socket);
          await Promise.all(chunk.map((ip) => send(socket, ip)));
          // Let this chunk's answers arrive (and its failed entries age out) before the next one.
          await pollFor(hosts.length > CHUNK ? ctx.tuning.arpSettleMs : 0, ctx, collect);
        }
        await pollFor(ctx.tuning.arpSettleMs, ctx, collect);
      } finally {
        for (const socket of sockets) socket.close();
      }
      for (const observation of settleCached(ctx, cached, held, await confirming)) report(observation);
      ctx.log.debug('arp sweep done', { addresses: hosts.length, found: seen.size, cachedBefore: cached.size });
    },
  });
}

interface Cached { mac: string; confirmedAgo: number }

/** In-scope addresses the kernel already held a MAC for before the sweep. */
async function cachedBefore(ctx: PluginContext, readStates: NeighbourStateReader, wanted: Set<string>): Promise<Map<string, Cached>> {
  const states = await readStates(4, ctx.interfaceName).catch(() => null);
  if (states === null) {
    ctx.log.debug('arp: `ip -j neigh` unavailable: cached entries cannot be told from fresh ones');
    return new Map();
  }
  return new Map(states.filter((s) => s.mac && wanted.has(s.ip) && CACHED_STATES.has(s.state))
    .map((s) => [s.ip, { mac: s.mac!, confirmedAgo: s.confirmedAgo ?? Number.MAX_SAFE_INTEGER }]));
}

/** Decides about the cached entries: confirmed by raw ARP, dropped, or reported as unconfirmed. */
export function settleCached(ctx: Pick<PluginContext, 'log'>, cached: Map<string, Cached>, held: Map<string, string>, replies: ArpReply[] | null): Observation[] {
  if (cached.size === 0) return [];
  if (replies === null) {
    ctx.log.debug('arp: raw ARP unavailable; cached entries reported as unconfirmed', { count: held.size });
    // One MAC cached at two addresses (a host that moved): the address confirmed last is the current one.
    const freshest = new Map<string, string>();
    for (const [ip, mac] of held) {
      const other = freshest.get(mac);
      if (other === undefined || cached.get(ip)!.confirmedAgo < cached.get(other)!.confirmedAgo) freshest.set(mac, ip);
    }
    return [...freshest].map(([mac, ip]) => ({ source: 'arp', ip, mac, confirmed: false }));
  }
  const answered = new Map(replies.map((r) => [r.ip, r.mac]));
  for (const [ip, entry] of cached) {
    if (!answered.has(ip)) ctx.log.info('arp: cached neighbour entry not confirmed by raw ARP: host gone or moved', { ip, mac: entry.mac });
  }
  return [...answered].filter(([ip]) => cached.has(ip)).map(([ip, mac]) => ({ source: 'arp', ip, mac }));
}

function openSocket(ctx: PluginContext): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    // Sending errors (EHOSTUNREACH once ARP fails) are expected and carry no information here.
    socket.bind({ address: ctx.interfaceAddress ?? undefined, port: 0 }, () => {
      socket.removeListener('error', reject);
      socket.on('error', (error) => ctx.log.debug('arp sweep socket error', { error: error.message }));
      resolve(socket);
    });
  });
}

function send(socket: Socket, ip: string): Promise<void> {
  return new Promise((resolve) => socket.send(Buffer.alloc(0), DISCARD_PORT, ip, () => resolve()));
}

async function pollFor(ms: number, ctx: PluginContext, collect: () => Promise<void>): Promise<void> {
  const until = Date.now() + ms;
  do {
    await collect();
    if (ctx.signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, until - Date.now()))));
  } while (Date.now() < until);
  await collect();
}
