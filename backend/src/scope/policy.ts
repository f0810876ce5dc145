// Which ranges Mamori may touch. Checked before any packet is sent: a refusal is exit status 2.
import { parseCidr, type Cidr } from './cidr.js';

/** A /22 holds 1024 addresses: anything larger needs an explicit --allow-large. */
export const MAX_ADDRESSES_WITHOUT_ALLOW_LARGE = 1024n;

interface NamedBlock { cidr: Cidr; name: string }

const LOCAL_BLOCKS: NamedBlock[] = [
  { cidr: parseCidr('10.0.0.0/8'), name: 'private (RFC 1918)' },
  { cidr: parseCidr('172.16.0.0/12'), name: 'private (RFC 1918)' },
  { cidr: parseCidr('192.168.0.0/16'), name: 'private (RFC 1918)' },
  { cidr: parseCidr('169.254.0.0/16'), name: 'link-local' },
  { cidr: parseCidr('fc00::/7'), name: 'unique local (ULA)' },
  { cidr: parseCidr('fe80::/10'), name: 'link-local' },
];

export interface ScopeOptions {
  allowPublic: boolean;
  allowLarge: boolean;
}

export type ScopeDecision =
  | { ok: true; cidrs: Cidr[] }
  | { ok: false; errors: string[] };

function within(inner: Cidr, outer: Cidr): boolean {
  return inner.family === outer.family
    && inner.prefix >= outer.prefix
    && inner.network - outer.network >= 0n
    && inner.network - outer.network < outer.size;
}

/** The local block a range lies in entirely, or null for anything public, multicast, loopback… */
export function localBlockOf(cidr: Cidr): string | null {
  return LOCAL_BLOCKS.find((block) => within(cidr, block.cidr))?.name ?? null;
}

export function decideScope(texts: readonly string[], options: ScopeOptions): ScopeDecision {
  const errors: string[] = [];
  const cidrs: Cidr[] = [];
  if (texts.length === 0) errors.push('no range given: pass at least one --cidr, e.g. --cidr 192.168.1.0/24');
  for (const text of texts) {
    let cidr: Cidr;
    try {
      cidr = parseCidr(text);
    } catch (error) {
      errors.push((error as Error).message);
      continue;
    }
    if (!options.allowPublic && localBlockOf(cidr) === null) {
      errors.push(`${cidr.text} is not a private, link-local or unique-local range; `
        + 'Mamori only scans networks you own. Pass --allow-public if you really own this range and may scan it.');
      continue;
    }
    if (!options.allowLarge && cidr.size > MAX_ADDRESSES_WITHOUT_ALLOW_LARGE) {
      errors.push(`${cidr.text} has ${cidr.size} addresses, more than a /22 (1024); `
        + 'scan a smaller range or pass --allow-large.');
      continue;
    }
    if (!cidrs.some((c) => c.text === cidr.text)) cidrs.push(cidr);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, cidrs };
}
