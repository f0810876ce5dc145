// Finds the local interface that reaches a range: the one whose own subnet overlaps it.
import { networkInterfaces } from 'node:os';
import { cidrContains, parseCidr, type Cidr } from './cidr.js';
import { localBlockOf } from './policy.js';

export interface LocalInterface {
  name: string;
  ipv4: string | null;
  mac: string | null;
  /** Every address of the interface with its prefix, e.g. "10.77.0.2/24". */
  cidrs: string[];
}

type InterfaceTable = ReturnType<typeof networkInterfaces>;

export function listInterfaces(table: InterfaceTable = networkInterfaces()): LocalInterface[] {
  return Object.entries(table).flatMap(([name, addresses]) => {
    if (!addresses || addresses.every((a) => a.internal)) return [];
    const v4 = addresses.find((a) => a.family === 'IPv4' && !a.internal);
    const mac = addresses.find((a) => a.mac && a.mac !== '00:00:00:00:00:00')?.mac ?? null;
    const cidrs = addresses.flatMap((a) => (a.cidr ? [a.cidr] : []));
    return [{ name, ipv4: v4?.address ?? null, mac, cidrs }];
  });
}

/** The interface whose subnet overlaps the target range (either contains the other's network address). */
export function interfaceFor(target: Cidr, interfaces: LocalInterface[]): LocalInterface | null {
  const targetNetwork = target.text.split('/')[0]!;
  return interfaces.find((candidate) => candidate.cidrs.some((text) => {
    const own = parseCidr(text);
    const ownAddress = text.split('/')[0]!;
    return own.family === target.family && (cidrContains(target, ownAddress) || cidrContains(own, targetNetwork));
  })) ?? null;
}

/** Private IPv4 subnets of this machine's interfaces: what a household means by "my network". */
export function defaultTargets(interfaces: LocalInterface[] = listInterfaces()): string[] {
  return interfaces.flatMap((i) => i.cidrs).filter((text) => {
    const cidr = parseCidr(text);
    return cidr.family === 4 && cidr.prefix >= 22 && localBlockOf(cidr) !== null;
  }).map((text) => parseCidr(text).text);
}
