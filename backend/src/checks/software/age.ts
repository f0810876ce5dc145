// Shared by known-vulnerability-software and outdated-software: the catalogue rows that apply to
// the software a service announced. Reads the inventory only; sends no packet of its own.
import type { CheckResult, CheckTarget } from '../../core/plugins.js';
import type { Severity, SoftwareItem } from '../../core/types.js';
import { softwareInventory } from '../../identify/software.js';
import {
  activeCatalogue, matchingEntries, severityOf, type CatalogueEntry, type CatalogueEntryKind,
} from '../../knowledge/software-catalogue.js';

const ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Items announced on this service's port (its greeting, its Server header, a UPnP SERVER header for it). */
export function itemsOn({ device, service }: CheckTarget): SoftwareItem[] {
  return softwareInventory(device).filter((item) => item.port === service.port && item.transport === service.transport);
}

export function hasItems(target: CheckTarget): boolean {
  return itemsOn(target).length > 0;
}

function ruleOf(entry: CatalogueEntry): string {
  if (entry.allVersions) return 'every version (end of life)';
  return entry.affected.map((r) => r.equals ? r.equals.join(' or ')
    : [r.introduced && `>= ${r.introduced}`, r.fixed && `< ${r.fixed}`, r.lastAffected && `<= ${r.lastAffected}`].filter(Boolean).join(' and ')).join('; ');
}

function describe(item: SoftwareItem, entry: CatalogueEntry): string {
  const score = entry.cvss !== null ? `CVSS ${entry.cvss.toFixed(1)} (v${entry.cvssVersion ?? '?'})` : entry.rating ? `rated ${entry.rating}` : '';
  const kev = entry.kev ? `on CISA KEV since ${entry.kevDateAdded ?? '?'}` : '';
  const what = [entry.cves.join(', '), score, kev].filter(Boolean).join(', ');
  const fixed = entry.fixedIn ? `; fixed in ${entry.fixedIn}` : '';
  return `${what ? `${what}: ` : ''}${entry.title} [rule ${entry.id}: ${item.name} ${ruleOf(entry)}${fixed}; source ${entry.sources[0]}]`;
}

/**
 * One result per service (a finding's key is per check and port): every matching row in the
 * evidence, the highest severity wins. Likely, never confirmed: only a version was seen.
 */
export function softwareAgeResults(target: CheckTarget, kind: CatalogueEntryKind): CheckResult[] {
  const catalogue = activeCatalogue();
  const lines: string[] = [];
  let severity: Severity | null = null;
  for (const item of itemsOn(target)) {
    const entries = matchingEntries(item, catalogue).filter((e) => e.kind === kind);
    if (entries.length === 0) continue;
    lines.push(`"${item.raw}" (${item.source}) → ${item.name} ${item.version ?? '(no version)'}: ${entries.map((e) => describe(item, e)).join(' | ')}`);
    for (const entry of entries) {
      const s = severityOf(entry);
      if (severity === null || ORDER.indexOf(s) > ORDER.indexOf(severity)) severity = s;
    }
  }
  if (lines.length === 0 || severity === null) return [];
  return [{ confidence: 'likely', severity, evidence: `${lines.join(' ; ')} (catalogue ${catalogue.date} v${catalogue.version})` }];
}
