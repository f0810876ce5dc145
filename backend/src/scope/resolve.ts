// Turns requested ranges into an approved scan plan: scope policy first, then the interface.
// Both happen before any packet is sent; a refusal carries every reason at once.
import { decideScope, type ScopeOptions } from './policy.js';
import { interfaceFor, listInterfaces, type LocalInterface } from './interfaces.js';

export type ScanPlan =
  | { ok: true; targets: string[]; interfaceName: string; interfaceAddress: string | null }
  | { ok: false; errors: string[] };

export function planScan(cidrs: readonly string[], interfaceName: string | null, options: ScopeOptions, interfaces: LocalInterface[] = listInterfaces()): ScanPlan {
  const decision = decideScope(cidrs, options);
  if (!decision.ok) return decision;
  let chosen: LocalInterface | null;
  if (interfaceName) {
    chosen = interfaces.find((i) => i.name === interfaceName) ?? null;
    if (!chosen) return { ok: false, errors: [`no interface named "${interfaceName}" (have: ${interfaces.map((i) => i.name).join(', ') || 'none'})`] };
  } else {
    chosen = interfaceFor(decision.cidrs[0]!, interfaces);
    if (!chosen) {
      return { ok: false, errors: [`no local interface is on ${decision.cidrs[0]!.text}; pass --interface NAME to choose one`] };
    }
  }
  return { ok: true, targets: decision.cidrs.map((c) => c.text), interfaceName: chosen.name, interfaceAddress: chosen.ipv4 };
}
