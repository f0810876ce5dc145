// Turns requested ranges into an approved scan plan: scope policy first, then the interface that
// reaches each range. Both happen before any packet is sent; a refusal carries every reason at once.
// Ranges are grouped by interface (a network): discovery (ARP, mDNS, SSDP) runs on each with that
// interface's own address, so a second range on eth1 or on a VLAN (eth0.20) is swept where it lives.
import type { ScanNetwork } from '../core/types.js';
import type { Cidr } from './cidr.js';
import { decideScope, type ScopeOptions } from './policy.js';
import { interfaceFor, listInterfaces, type LocalInterface } from './interfaces.js';

export type ScanPlan =
  | {
    ok: true; targets: string[];
    /** The first network's interface (scan.interface in the contract). */
    interfaceName: string; interfaceAddress: string | null;
    /** Every network: the ranges each interface reaches, in the order first asked (planScan always sets it; absent: one, interfaceName's). */
    networks?: ScanNetwork[];
  }
  | { ok: false; errors: string[] };

export function planScan(cidrs: readonly string[], interfaceName: string | null, options: ScopeOptions, interfaces: LocalInterface[] = listInterfaces()): ScanPlan {
  const decision = decideScope(cidrs, options);
  if (!decision.ok) return decision;
  let chosen: LocalInterface | null = null;
  if (interfaceName) {
    chosen = interfaces.find((i) => i.name === interfaceName) ?? null;
    if (!chosen) return { ok: false, errors: [`no interface named "${interfaceName}" (have: ${interfaces.map((i) => i.name).join(', ') || 'none'})`] };
  }
  const errors: string[] = [];
  const networks = new Map<string, ScanNetwork>();
  for (const cidr of decision.cidrs) {
    const reached = reachOf(cidr, chosen, interfaces);
    if (typeof reached === 'string') {
      errors.push(reached);
      continue;
    }
    const network = networks.get(reached.name) ?? { name: reached.name, address: reached.ipv4, targets: [] };
    network.targets.push(cidr.text);
    networks.set(reached.name, network);
  }
  if (errors.length > 0) return { ok: false, errors };
  const all = [...networks.values()];
  return { ok: true, targets: decision.cidrs.map((c) => c.text), interfaceName: all[0]!.name, interfaceAddress: all[0]!.address, networks: all };
}

/** The interface a range is scanned through, or why it cannot be. */
function reachOf(cidr: Cidr, chosen: LocalInterface | null, interfaces: LocalInterface[]): LocalInterface | string {
  if (chosen) {
    if (interfaceFor(cidr, [chosen])) return chosen;
    // Another interface is on it: sweeping it from the chosen one would find nothing, silently.
    const other = interfaceFor(cidr, interfaces);
    if (other) return `${cidr.text} is on interface ${other.name}, not on ${chosen.name}: leave out --interface to scan each range on its own interface`;
    return chosen; // the owner's explicit choice for a range no interface is on (as before)
  }
  return interfaceFor(cidr, interfaces)
    ?? `no local interface is on ${cidr.text} (none has an address in it), so it cannot be reached; nothing was sent. Add the range of a network this box is on, or pass --interface NAME to choose one`;
}
