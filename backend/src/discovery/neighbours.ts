// Reads the kernel's neighbour tables. /proc/net/arp (IPv4) is per network namespace, needs no
// privilege and no child process: it is what the ARP sweep polls. It has no state column, so the
// sweep also asks `ip -j neigh` once before it starts (which entries were already cached) — and
// IPv6 neighbours only exist there (there is no /proc/net/ndisc).
import { readFile } from 'node:fs/promises';
import { runCommand } from './exec.js';

export interface NeighbourEntry {
  ip: string;
  mac: string;
  device: string;
}

const ATF_COM = 0x2; // entry complete: a reply was received

/** Parses /proc/net/arp: "IP address  HW type  Flags  HW address  Mask  Device". */
export function parseProcNetArp(text: string): NeighbourEntry[] {
  return text.split('\n').slice(1).flatMap((line) => {
    const [ip, , flags, mac, , device] = line.trim().split(/\s+/);
    if (!ip || !flags || !mac || !device) return [];
    if ((parseInt(flags, 16) & ATF_COM) === 0 || mac === '00:00:00:00:00:00') return [];
    return [{ ip, mac: mac.toLowerCase(), device }];
  });
}

export type NeighbourReader = () => Promise<NeighbourEntry[]>;

export const readProcNetArp: NeighbourReader = async () => parseProcNetArp(await readFile('/proc/net/arp', 'utf8'));

/** One row of `ip -j neigh`: state is e.g. ["REACHABLE"], ["STALE"], ["FAILED"], ["INCOMPLETE"]. */
export interface NeighbourState {
  ip: string;
  mac: string | null;
  state: string;
  /** Seconds since the kernel last had proof the neighbour was there (`ip -s`), when known. */
  confirmedAgo: number | null;
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** Parses `ip -j neigh` output; anything that is not the documented shape is skipped. */
export function parseIpNeighJson(text: string): NeighbourState[] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row: unknown) => {
    if (typeof row !== 'object' || row === null) return [];
    const { dst, lladdr, state, confirmed } = row as { dst?: unknown; lladdr?: unknown; state?: unknown; confirmed?: unknown };
    if (typeof dst !== 'string') return [];
    const mac = typeof lladdr === 'string' && MAC.test(lladdr.toLowerCase()) ? lladdr.toLowerCase() : null;
    const first = Array.isArray(state) && typeof state[0] === 'string' ? state[0] : 'NONE';
    return [{ ip: dst, mac, state: first, confirmedAgo: typeof confirmed === 'number' ? confirmed : null }];
  });
}

/** States in which the kernel holds a MAC it will use without asking again (for a while). */
export const CACHED_STATES: ReadonlySet<string> = new Set(['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT', 'NOARP']);

export type NeighbourStateReader = (family: 4 | 6, device: string) => Promise<NeighbourState[] | null>;

/** `ip -4|-6 -s -j neigh show dev IF`; null when iproute2 is missing or fails (the caller degrades). */
export const readIpNeigh: NeighbourStateReader = async (family, device) => {
  const result = await runCommand('ip', [`-${family}`, '-s', '-j', 'neigh', 'show', 'dev', device], { timeoutMs: 2000 });
  return result.ok ? parseIpNeighJson(result.stdout) : null;
};
