// Re-confirms cached neighbour entries with raw ARP (Debian's arp-scan, which needs CAP_NET_RAW).
// The UDP sweep cannot do it: the kernel does not re-ask for an address it still holds (STALE or
// REACHABLE) and would report a host that has left, or the old address of a host that moved.
// Only the few cached in-scope addresses are asked — a /24 sweep with arp-scan is 3.5x slower than
// the UDP sweep (README, "Why not node-arp").
import { readFile } from 'node:fs/promises';
import { runCommand } from './exec.js';

export interface ArpReply { ip: string; mac: string }

/** Asks who has each address; null when raw ARP is not available (no privilege, no arp-scan). */
export type ArpConfirmer = (interfaceName: string, ips: readonly string[], signal: AbortSignal) => Promise<ArpReply[] | null>;

const CAP_NET_RAW = 13;
const MAX_ADDRESSES = 256;
const LINE = /^(\d{1,3}(?:\.\d{1,3}){3})\t([0-9a-f]{2}(?::[0-9a-f]{2}){5})\b/i;

/** Whether this process may open raw sockets: CAP_NET_RAW in its effective set (root has it). */
export async function hasNetRaw(): Promise<boolean> {
  return readFile('/proc/self/status', 'utf8').then(netRawIn, () => false);
}

/** Reads CAP_NET_RAW out of a /proc/PID/status text (the CapEff line, a hex bit set). */
export function netRawIn(status: string): boolean {
  const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  return hex !== undefined && (BigInt(`0x${hex}`) & (1n << BigInt(CAP_NET_RAW))) !== 0n;
}

/** Parses `arp-scan -q -x` lines: "10.77.0.11<TAB>a4:14:37:77:00:11". Duplicates keep the first. */
export function parseArpScan(text: string): ArpReply[] {
  const seen = new Set<string>();
  return text.split('\n').flatMap((line) => {
    const match = LINE.exec(line.trim());
    if (!match || seen.has(match[1]!)) return [];
    seen.add(match[1]!);
    return [{ ip: match[1]!, mac: match[2]!.toLowerCase() }];
  });
}

export const arpScanConfirmer: ArpConfirmer = async (interfaceName, ips, signal) => {
  if (ips.length === 0 || !(await hasNetRaw())) return null;
  const args = ['-q', '-x', `--interface=${interfaceName}`, '--retry=2', '--timeout=150', ...ips.slice(0, MAX_ADDRESSES)];
  for (const file of ['arp-scan', '/usr/sbin/arp-scan']) {
    const result = await runCommand(file, args, { timeoutMs: 3000, signal });
    if (result.ok) return parseArpScan(result.stdout);
    if (result.error !== 'not installed') return null;
  }
  return null;
};
