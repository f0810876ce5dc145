// Version strings of embedded software, compared the way their projects number releases:
// "2016.74", "8.5p1" (OpenSSH portable), "1.3.5a" (ProFTPD letter releases), "1.3.2rc3",
// "0.94.14rc21". Pure; no guessing: a string it cannot read gives null, and null never matches.

type Segment = number | string;

/** Suffixes that come BEFORE the release they name (1.3.2rc3 < 1.3.2). */
const PRE_RELEASE = new Set(['rc', 'alpha', 'beta', 'pre', 'a0', 'dev']);

/** Splits "8.5p1" into [8, 5, "p", 1]; null when the string is not a version at all. */
export function parseVersion(text: string): Segment[] | null {
  const trimmed = text.trim().toLowerCase();
  if (!/^\d+([._-]?[a-z]*\d*)*$/.test(trimmed)) return null;
  const segments: Segment[] = [];
  for (const [token] of trimmed.matchAll(/\d+|[a-z]+/g)) {
    segments.push(/^\d/.test(token) ? Number(token) : token);
  }
  return segments.length > 0 ? segments : null;
}

function rank(segment: Segment | undefined): number {
  if (segment === undefined) return 0;
  if (typeof segment === 'number') return 1;
  return PRE_RELEASE.has(segment) ? -1 : 2;
}

/** -1, 0 or 1; null when either side is not a version. */
export function compareVersions(left: string, right: string): -1 | 0 | 1 | null {
  const a = parseVersion(left);
  const b = parseVersion(right);
  if (!a || !b) return null;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    const rx = rank(x);
    const ry = rank(y);
    // A number beats a letter suffix and the end; a post-release letter (p, a, b) beats the end;
    // a pre-release (rc, beta) comes before the end.
    if (rx !== ry) {
      if (x === undefined) return ry === -1 ? 1 : -1;
      if (y === undefined) return rx === -1 ? -1 : 1;
      return rx < ry ? -1 : 1;
    }
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** One affected range, as in OSV: from `introduced` (inclusive) to `fixed` (exclusive) or `lastAffected` (inclusive), or exact versions. */
export interface VersionRange {
  introduced?: string;
  fixed?: string;
  lastAffected?: string;
  equals?: string[];
}

/**
 * Whether `version` is less precise than `bound` and agrees with it as far as it goes: "1.4" against
 * "1.4.50" could be 1.4.0 or 1.4.99 (a server that announces only "lighttpd/1.4"), so no comparison
 * with that bound can be decided.
 */
function vaguerThan(version: string, bound: string): boolean {
  const a = parseVersion(version);
  const b = parseVersion(bound);
  // Only a missing NUMBER makes it vague: "1.3.5" against "1.3.5b" or "1.0.1" against "1.0.1g" is
  // a release of its own, placed before the letter release.
  return a !== null && b !== null && a.length < b.length && typeof b[a.length] === 'number'
    && a.every((segment, i) => segment === b[i]);
}

export function inRange(version: string, range: VersionRange): boolean {
  if (parseVersion(version) === null) return false;
  const bounds = [range.introduced, range.fixed, range.lastAffected, ...(range.equals ?? [])];
  // Prefer silence to a guess: a version too vague to place against a bound never matches.
  if (bounds.some((bound) => bound !== undefined && vaguerThan(version, bound))) return false;
  if (range.equals) return range.equals.some((v) => compareVersions(version, v) === 0);
  if (range.introduced !== undefined && (compareVersions(version, range.introduced) ?? -1) < 0) return false;
  if (range.fixed !== undefined && (compareVersions(version, range.fixed) ?? 1) >= 0) return false;
  if (range.lastAffected !== undefined && (compareVersions(version, range.lastAffected) ?? 1) > 0) return false;
  return range.introduced !== undefined || range.fixed !== undefined || range.lastAffected !== undefined;
}
