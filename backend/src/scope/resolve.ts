// Turns requested ranges into an approved scan plan: scope policy first, then the interface that
// reaches each range. Both happen before any packet is sent; a refusal carries every reason at once.
// Ranges are grouped by interface (a network): discovery (ARP, mDNS, SSDP) runs on each with that
// interface's own address, so a second range on eth1 or on a VLAN (eth0.20) is swept where it lives.
// A range no interface is on but an explicit route leads to (behind a router) is a routed network.
import type { ScanNetwork } from '../core/types.js';
import { parseCidr, type Cidr } from './cidr.js';
import { decideScope, type ScopeOptions } from './policy.js';
import { interfaceFor, listInterfaces, type LocalInterface } from './interfaces.js';
import { listGatewayRoutes, routeTo, type GatewayRoute } from './routes.js';

export type ScanPlan =
  | {
    ok: true; targets: string[];
    /** The first network's interface (scan.interface in the contract). */
    interfaceName: string; interfaceAddress: string | null;
    /** Every network: the ranges each interface reaches, in the order first asked (planScan always sets it; absent: one, interfaceName's). */
    networks?: ScanNetwork[];
  }
  | { ok: false; errors: string[] };

export function planScan(cidrs: readonly string[], interfaceName: string | null, options: ScopeOptions, interfaces: LocalInterface[] = listInterfaces(),
  routes: readonly GatewayRoute[] = listGatewayRoutes()): ScanPlan {
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
    const reached = reachOf(cidr, chosen, interfaces, routes);
    if (typeof reached === 'string') {
      errors.push(reached);
      continue;
    }
    const key = `${reached.through.name} ${reached.via ?? ''}`;
    const network = networks.get(key) ?? { name: reached.through.name, address: reached.through.ipv4, targets: [], ...(reached.via ? { via: reached.via } : {}) };
    network.targets.push(cidr.text);
    networks.set(key, network);
  }
  if (errors.length > 0) return { ok: false, errors };
  const all = [...networks.values()];
  return { ok: true, targets: decision.cidrs.map((c) => c.text), interfaceName: all[0]!.name, interfaceAddress: all[0]!.address, networks: all };
}

/** Where one range is reached from, as the settings page shows it. */
export interface RangeReach {
  cidr: string;
  /** The interface it is scanned through; null: nothing reaches it (a scan would be refused). */
  interface: string | null;
  /** The router it lies behind, when routed. */
  via?: string;
}

/** How each range would be reached, without a packet: for the settings' list of networks. */
export function reachOfRanges(cidrs: readonly string[], interfaces: LocalInterface[] = listInterfaces(), routes: readonly GatewayRoute[] = listGatewayRoutes()): RangeReach[] {
  return cidrs.map((cidr) => {
    let reached: Reach | string;
    try {
      reached = reachOf(parseCidr(cidr), null, interfaces, routes);
    } catch {
      reached = 'not a range';
    }
    return typeof reached === 'string' ? { cidr, interface: null } : { cidr, interface: reached.through.name, ...(reached.via ? { via: reached.via } : {}) };
  });
}

interface Reach { through: LocalInterface; via?: string }

/** The interface a range is scanned through (and the router, when it lies behind one), or why it cannot be. */
function reachOf(cidr: Cidr, chosen: LocalInterface | null, interfaces: LocalInterface[], routes: readonly GatewayRoute[]): Reach | string {
  const onLink = interfaceFor(cidr, chosen ? [chosen] : interfaces);
  if (onLink) return { through: onLink };
  // Another interface is on it: sweeping it from the chosen one would find nothing, silently.
  const other = chosen ? interfaceFor(cidr, interfaces) : null;
  if (other) return `${cidr.text} is on interface ${other.name}, not on ${chosen!.name}: leave out --interface to scan each range on its own interface`;
  const route = routeTo(cidr, routes);
  const routedThrough = route ? interfaces.find((i) => i.name === route.interfaceName && (!chosen || i === chosen)) : undefined;
  if (route && routedThrough) return { through: routedThrough, via: route.gateway };
  if (chosen) return { through: chosen }; // the owner's explicit choice for a range no interface is on (as before)
  return `no local interface is on ${cidr.text} (none has an address in it) and no route leads to it (the default route does not count), so it cannot be reached; nothing was sent. Add the range of a network this box is on or a route to it, or pass --interface NAME to choose one`;
}
