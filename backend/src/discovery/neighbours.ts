// Reads the kernel's IPv4 neighbour (ARP) table. /proc/net/arp is per network namespace, needs no
// privilege and no child process, which is why we prefer it to spawning `ip neigh` or `arp`.
import { readFile } from 'node:fs/promises';

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
