// ARP discovery without raw sockets: a UDP datagram to each address makes the kernel resolve it
// by ARP; the answers land in the neighbour table, which we read. ARP sits below any host
// firewall, so hosts that drop all IP traffic are found too. No privilege needed.
import { createSocket, type Socket } from 'node:dgram';
import { defineDiscoverer, type Discoverer, type PluginContext } from '../core/plugins.js';
import { ipv4Hosts, parseCidr } from '../scope/cidr.js';
import { readProcNetArp, type NeighbourReader } from './neighbours.js';

/** The kernel's neighbour table holds 1024 entries by default (gc_thresh3): sweep a /24 at a time. */
const CHUNK = 256;
const POLL_MS = 50;
/** Port 9 (discard): nothing should answer, we only need the ARP resolution it triggers. */
const DISCARD_PORT = 9;

export function createArpDiscoverer(readNeighbours: NeighbourReader = readProcNetArp): Discoverer {
  return defineDiscoverer({
    id: 'arp',
    description: 'ARP sweep of each IPv4 range through the kernel neighbour table',
    async run(ctx, report) {
      const hosts = ctx.targets.map((t) => parseCidr(t)).filter((c) => c.family === 4).flatMap((c) => ipv4Hosts(c))
        .filter((ip) => ip !== ctx.interfaceAddress);
      const wanted = new Set(hosts);
      const seen = new Set<string>();
      const collect = async (): Promise<void> => {
        for (const entry of await readNeighbours()) {
          if (entry.device !== ctx.interfaceName || !wanted.has(entry.ip) || seen.has(entry.ip)) continue;
          seen.add(entry.ip);
          report({ source: 'arp', ip: entry.ip, mac: entry.mac });
        }
      };
      const socket = await openSocket(ctx);
      try {
        for (let start = 0; start < hosts.length && !ctx.signal.aborted; start += CHUNK) {
          const chunk = hosts.slice(start, start + CHUNK);
          ctx.progress(`ARP ${chunk[0]} – ${chunk.at(-1)}`);
          await Promise.all(chunk.map((ip) => send(socket, ip)));
          // Let this chunk's answers arrive (and its failed entries age out) before the next one.
          await pollFor(hosts.length > CHUNK ? ctx.tuning.arpSettleMs : 0, ctx, collect);
        }
        await pollFor(ctx.tuning.arpSettleMs, ctx, collect);
      } finally {
        socket.close();
      }
      ctx.log.debug('arp sweep done', { addresses: hosts.length, found: seen.size });
    },
  });
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
