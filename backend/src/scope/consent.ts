// Consent per range: a scan may only cover ranges the owner confirmed (the settings' consent boxes,
// or the operator's configured targets). Ranges named in a request are held to the same rule.
import { parseCidr, type Cidr } from './cidr.js';
import { decideScope, type ScopeOptions } from './policy.js';

function covers(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.prefix <= inner.prefix
    && inner.network >= outer.network && inner.network + inner.size <= outer.network + outer.size;
}

/**
 * Why `requested` may not be scanned for want of consent, or null when every range lies inside a
 * consented one. Ranges the scope policy refuses anyway (public, too large, malformed) are left to
 * its own, clearer message.
 */
export function withoutConsent(requested: readonly string[], consented: readonly string[], scope: ScopeOptions): string | null {
  const decision = decideScope(requested, scope);
  if (!decision.ok) return null;
  const allowed = consented.flatMap((text) => { try { return [parseCidr(text)]; } catch { return []; } });
  const missing = decision.cidrs.filter((cidr) => !allowed.some((outer) => covers(outer, cidr))).map((c) => c.text);
  if (missing.length === 0) return null;
  return `no consent to scan ${missing.join(', ')}: add the range in the settings and confirm you may scan it`;
}
