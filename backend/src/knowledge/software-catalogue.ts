// The offline catalogue of vulnerable and end-of-life software (data/vulnerable-software.json):
// its shape, its validation (a replacement must pass it too), and matching an inventory item.
import type { Severity, SoftwareItem } from '../core/types.js';
import builtIn from './data/vulnerable-software.json' with { type: 'json' };
import { inRange, parseVersion, type VersionRange } from './version.js';

export type CatalogueEntryKind = 'cve' | 'end-of-life';

export interface CatalogueEntry {
  id: string;
  kind: CatalogueEntryKind;
  product: string;
  cves: string[];
  title: string;
  /** CVSS base score as published (null for end-of-life rows), and which CVSS version it is. */
  cvss: number | null;
  cvssVersion: string | null;
  /** The qualitative rating as the source publishes it, for flaws scored only in CVSS v2 without a number at hand. */
  rating?: 'critical' | 'high' | 'medium' | 'low';
  /** On CISA's Known Exploited Vulnerabilities catalog. */
  kev: boolean;
  kevDateAdded?: string;
  affected: VersionRange[];
  /** End-of-life rows: every version of the product. */
  allVersions?: boolean;
  fixedIn: string | null;
  note?: string;
  sources: string[];
}

export interface SoftwareCatalogue {
  schema: 'mamori.software-catalogue/1';
  version: number;
  /** ISO date (YYYY-MM-DD) the facts were last checked. */
  date: string;
  notes?: string;
  entries: CatalogueEntry[];
}

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

/** Throws on anything a catalogue must not be; returns it typed. */
export function validateCatalogue(value: unknown): SoftwareCatalogue {
  const fail = (why: string): never => { throw new Error(`invalid software catalogue: ${why}`); };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const c = value as Partial<SoftwareCatalogue>;
  if (c.schema !== 'mamori.software-catalogue/1') fail('unknown schema');
  if (!Number.isInteger(c.version) || (c.version ?? 0) < 1) fail('version must be a positive integer');
  if (typeof c.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(c.date) || Number.isNaN(Date.parse(c.date))) fail('date must be YYYY-MM-DD');
  if (!Array.isArray(c.entries) || c.entries.length === 0) fail('no entries');
  const ids = new Set<string>();
  for (const e of c.entries ?? []) {
    if (typeof e.id !== 'string' || ids.has(e.id)) fail(`entry id missing or repeated: ${String(e.id)}`);
    ids.add(e.id);
    if (e.kind !== 'cve' && e.kind !== 'end-of-life') fail(`${e.id}: unknown kind`);
    if (!Array.isArray(e.sources) || e.sources.length === 0 || !e.sources.every((s) => /^https?:\/\//.test(s))) fail(`${e.id}: every row cites a public source`);
    if (!Array.isArray(e.cves) || !e.cves.every((id) => CVE_ID.test(id))) fail(`${e.id}: malformed CVE id`);
    const scored = typeof e.cvss === 'number' ? e.cvss >= 0 && e.cvss <= 10 : e.rating !== undefined && ['critical', 'high', 'medium', 'low'].includes(e.rating);
    if (e.kind === 'cve' && (e.cves.length === 0 || !scored)) fail(`${e.id}: a CVE row needs CVE ids and a CVSS score 0–10 (or the published rating)`);
    if (!Array.isArray(e.affected) || (e.affected.length === 0 && e.allVersions !== true)) fail(`${e.id}: no affected range`);
    for (const range of e.affected) {
      for (const v of [range.introduced, range.fixed, range.lastAffected, ...(range.equals ?? [])]) {
        if (v !== undefined && parseVersion(v) === null) fail(`${e.id}: unreadable version ${v}`);
      }
    }
  }
  return c as SoftwareCatalogue;
}

export const BUILT_IN_CATALOGUE: SoftwareCatalogue = validateCatalogue(builtIn);

let active: SoftwareCatalogue = BUILT_IN_CATALOGUE;

/** The catalogue checks use: the built-in one, or a newer signed one the owner installed. */
export function activeCatalogue(): SoftwareCatalogue {
  return active;
}

export function useCatalogue(catalogue: SoftwareCatalogue): void {
  active = validateCatalogue(catalogue);
}

/** Whether a catalogue row applies to an announced item (never to a distribution build or an unknown version). */
export function matchEntry(entry: CatalogueEntry, item: SoftwareItem): boolean {
  if (entry.product !== item.product) return false;
  // A distribution's build back-ports fixes: its version says nothing. Prefer silence to a guess.
  if (item.distroBuild !== null) return false;
  if (entry.allVersions) return true;
  if (item.version === null) return false;
  return entry.affected.some((range) => inRange(item.version!, range));
}

export function matchingEntries(item: SoftwareItem, catalogue: SoftwareCatalogue = active): CatalogueEntry[] {
  return catalogue.entries.filter((entry) => matchEntry(entry, item));
}

const LEVELS: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** CVSS qualitative rating (FIRST), raised one level when the flaw is known to be exploited (KEV). */
export function severityOf(entry: CatalogueEntry): Severity {
  if (entry.cvss === null && entry.kind === 'end-of-life') return 'medium';
  const base: Severity = entry.cvss === null ? entry.rating ?? 'medium' : entry.cvss >= 9 ? 'critical' : entry.cvss >= 7 ? 'high' : entry.cvss >= 4 ? 'medium' : entry.cvss > 0 ? 'low' : 'info';
  if (!entry.kev) return base;
  return LEVELS[Math.min(LEVELS.indexOf(base) + 1, LEVELS.length - 1)]!;
}

/** Age of the catalogue in whole days at `now`; the dashboard says so past 90. */
export function catalogueAgeDays(catalogue: Pick<SoftwareCatalogue, 'date'>, now: Date = new Date()): number {
  return Math.floor((now.getTime() - Date.parse(`${catalogue.date}T00:00:00Z`)) / 86_400_000);
}

export const CATALOGUE_STALE_DAYS = 90;
