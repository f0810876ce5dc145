// The report's results: findings grouped as fixed (with before/after evidence), open (with fix steps
// and who acts, from the knowledge base), accepted risks and false positives (reason, who, expiry).
import type { FindingStatusChange, StoredDevice, StoredFinding } from '../core/records.js';
import type { ResponsibleParty } from '../core/types.js';
import { compareDanger, dangerLevel } from '../findings/danger.js';
import { externalPortOf, fitSteps, type FitContext } from '../knowledge/fit.js';
import { guidanceFor } from '../knowledge/guidance.js';
import { knowledgeFor } from '../knowledge/index.js';
import { vendorFixFor, vendorGuideFor } from '../knowledge/vendors/index.js';
import { historyOf } from '../storage/finding-lifecycle.js';
import { findingPlace, type Formatter } from './format.js';
import type { AcceptedRow, FindingHeading, FixedRow, OpenRow, ReportLanguage } from './model-types.js';
import { fill } from './strings/index.js';
import type { ReportStrings } from './strings/types.js';

export interface ResultsInput {
  findings: StoredFinding[];
  devices: ReadonlyMap<string, StoredDevice>;
  lang: ReportLanguage;
  strings: ReportStrings;
  format: Formatter;
}

export interface Results {
  fixed: FixedRow[];
  open: OpenRow[];
  accepted: AcceptedRow[];
  falsePositives: AcceptedRow[];
}

/** The finding's title in the reader's language (knowledge base), else the stored English title. */
export function localTitle(finding: StoredFinding, lang: ReportLanguage): string {
  return knowledgeFor(finding.family, finding.service)?.title[lang] ?? finding.title;
}

function heading(finding: StoredFinding, input: ResultsInput): FindingHeading {
  return {
    key: finding.key,
    title: localTitle(finding, input.lang),
    // The one danger word the dashboard shows (findings/danger.ts), not the check's fixed severity.
    severity: dangerLevel(finding),
    severityLabel: input.strings.severities[dangerLevel(finding)],
    where: findingPlace(finding, input.devices.get(finding.deviceId)),
  };
}

/** The last change that put the finding in its current status. */
function lastChange(finding: StoredFinding): FindingStatusChange | undefined {
  return historyOf(finding).filter((c) => c.status === finding.status).at(-1);
}

/** Who made a change: the named person when the dashboard recorded one, and the role. */
export function actorLabel(change: FindingStatusChange | undefined, strings: ReportStrings): string {
  if (!change) return strings.inventory.unknown;
  const role = (strings.actors as Record<string, string>)[change.by] ?? change.by;
  const person = change.person?.trim();
  return person ? `${person} · ${role}` : role;
}

function fixedRow(finding: StoredFinding, input: ResultsInput): FixedRow {
  const history = historyOf(finding);
  const change = lastChange(finding);
  const at = change ? history.lastIndexOf(change) : history.length;
  // Before: the evidence of the last sighting before the fix; after: what the re-test saw.
  const before = history.slice(0, at).reverse().find((c) => c.evidence)?.evidence ?? finding.evidence;
  const retested = finding.status === 'fixed';
  return {
    ...heading(finding, input),
    verifiedBy: retested ? input.strings.results.verifiedByRetest : input.strings.results.verifiedByScan,
    at: change ? input.format.date(change.at) : input.format.date(finding.lastSeen),
    before,
    after: (retested ? change?.evidence : undefined) ?? input.strings.statuses[finding.status],
  };
}

function openRow(finding: StoredFinding, input: ResultsInput): OpenRow {
  const { lang, strings } = input;
  const entry = knowledgeFor(finding.family, finding.service);
  const device = input.devices.get(finding.deviceId);
  const guide = device ? vendorGuideFor(device) : null;
  const vendorFix = guide ? vendorFixFor(guide, finding.family, finding.service) : null;
  const guidance = guidanceFor(finding.family);
  // Steps that fit this finding on this device (knowledge/fit.ts), as on the dashboard.
  const ctx: FitContext = {
    family: finding.family, service: finding.service, port: finding.port, deviceType: device?.correction?.type ?? device?.type ?? 'unknown',
    model: device?.model ?? device?.upnp.find((u) => u.modelName)?.modelName ?? null, externalPort: externalPortOf(finding.evidence),
  };
  let vendorSteps: OpenRow['vendorSteps'] = null;
  if (guide && vendorFix) {
    const brand = guide.name[lang] + (vendorFix.product ? ` — ${vendorFix.product[lang]}` : '');
    const path = vendorFix.source === 'menu-path' ? ` (${vendorFix.menuPath[lang]})` : '';
    vendorSteps = { title: fill(strings.results.vendorSteps, { brand }) + path, steps: fitSteps(vendorFix.steps[lang], ctx, lang) };
  }
  return {
    ...heading(finding, input),
    explanation: entry?.explanation[lang] ?? '',
    fix: fitSteps(entry?.fix[lang] ?? finding.fix, ctx, lang),
    vendorSteps,
    whoActs: finding.responsible.map((party: ResponsibleParty) => ({
      party: strings.parties[party],
      what: guidance?.roles[party][lang] ?? '',
    })),
  };
}

function decisionRow(finding: StoredFinding, input: ResultsInput): AcceptedRow {
  const change = lastChange(finding);
  const until = finding.acceptedUntil ?? change?.until;
  return {
    ...heading(finding, input),
    reason: change?.reason ?? input.strings.inventory.unknown,
    acceptedBy: actorLabel(change, input.strings),
    at: change ? input.format.date(change.at) : input.strings.inventory.unknown,
    until: until ? input.format.date(until) : input.strings.results.noExpiry,
  };
}

const bySeriousness = (a: StoredFinding, b: StoredFinding): number =>
  compareDanger(a, b) || a.ip.localeCompare(b.ip) || a.port - b.port;

export function groupResults(input: ResultsInput): Results {
  const sorted = [...input.findings].sort(bySeriousness);
  const of = (...statuses: StoredFinding['status'][]): StoredFinding[] => sorted.filter((f) => statuses.includes(f.status));
  return {
    fixed: of('fixed', 'resolved').map((f) => fixedRow(f, input)),
    open: of('open').map((f) => openRow(f, input)),
    accepted: of('accepted').map((f) => decisionRow(f, input)),
    falsePositives: of('false-positive').map((f) => decisionRow(f, input)),
  };
}
