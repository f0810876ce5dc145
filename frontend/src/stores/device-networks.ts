// Which network (scanned range) a device sits on, for the Devices screen: the list of networks the
// filter offers, their order, and whether the screen shows them at all. A home with one network
// gets no network column or filter: it would say the same thing on every row. Pure functions,
// tested in test/frontend/device-networks.test.ts.
import type { PublicSettings, StoredDevice } from '../api/contract';
import { compareIp } from './snapshot';

/** Network order: by the range's first address (10.0.9.0/24 before 10.0.10.0/24), then the longer prefix first; unknown last. */
export function compareNetwork(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const [addressA = a, prefixA = '0'] = a.split('/');
  const [addressB = b, prefixB = '0'] = b.split('/');
  return compareIp(addressA, addressB) || Number(prefixB) - Number(prefixA) || a.localeCompare(b);
}

/**
 * Every network the screen can name: the ranges the settings and the scan cover (each with how it
 * is reached) and any range a stored device was found in, in network order.
 */
export function knownNetworks(devices: readonly StoredDevice[], settings: Pick<PublicSettings, 'targets' | 'networks'>): string[] {
  const ranges = new Set<string>([...settings.targets, ...(settings.networks ?? []).map((n) => n.cidr)]);
  for (const device of devices) if (device.network) ranges.add(device.network);
  return [...ranges].sort(compareNetwork);
}

/** A network column and filter only help when there is more than one network to tell apart. */
export const showsNetworks = (networks: readonly string[]): boolean => networks.length > 1;
