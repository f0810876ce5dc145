// The Overview's risk matrix and the Findings screen's filter and grouping, as pure functions
// (tested in test/frontend/findings-logic.test.ts).
import { SEVERITIES } from '../api/contract';
import type { Severity, StoredFinding } from '../api/contract';
import type { FindingsQuery, StatusFilter } from './route';
import { dangerLevel } from '../../../backend/src/findings/danger';

export const SCORES = [1, 2, 3, 4, 5] as const;

export interface RiskMatrix {
  /** counts[likelihood - 1][impact - 1]: open findings in that cell. */
  counts: number[][];
  /** Open findings without a risk rating (stored by an older version). */
  unrated: number;
  total: number;
}

/** Open findings counted by likelihood × impact (each 1–5, from knowledge/risk.ts). */
export function riskMatrix(findings: readonly StoredFinding[]): RiskMatrix {
  const counts = SCORES.map(() => SCORES.map(() => 0));
  let unrated = 0;
  let total = 0;
  for (const f of findings) {
    if (f.status !== 'open') continue;
    total += 1;
    const l = f.risk?.likelihood;
    const i = f.risk?.impact;
    if (l === undefined || i === undefined || l < 1 || l > 5 || i < 1 || i > 5) unrated += 1;
    else counts[Math.round(l) - 1]![Math.round(i) - 1]! += 1;
  }
  return { counts, unrated, total };
}

/** The level of a cell, by the same thresholds as knowledge/risk.ts riskLevel(). */
export function cellLevel(likelihood: number, impact: number): 'critical' | 'high' | 'medium' | 'low' {
  const score = likelihood * impact;
  if (score >= 20) return 'critical';
  if (score >= 12) return 'high';
  if (score >= 6) return 'medium';
  return 'low';
}

export function statusMatches(finding: StoredFinding, status: StatusFilter): boolean {
  return status === 'all' || finding.status === status;
}

/** The findings a Findings-screen query selects. */
export function filterFindings(findings: readonly StoredFinding[], query: FindingsQuery): StoredFinding[] {
  return findings.filter((f) => statusMatches(f, query.status)
    && (query.device === undefined || f.deviceId === query.device)
    && (query.likelihood === undefined || (f.risk?.likelihood === query.likelihood && f.risk.impact === query.impact)));
}

export interface SeverityGroup {
  severity: Severity;
  findings: StoredFinding[];
}

/** By the one danger word (findings/danger.ts), critical → info, empty groups left out; highest risk first, then IP and port. */
export function groupBySeverity(findings: readonly StoredFinding[]): SeverityGroup[] {
  return SEVERITIES.map((severity) => ({
    severity,
    findings: findings.filter((f) => dangerLevel(f) === severity).sort((a, b) =>
      (b.risk?.score ?? 0) - (a.risk?.score ?? 0) || a.ip.localeCompare(b.ip, undefined, { numeric: true }) || a.port - b.port),
  })).filter((g) => g.findings.length > 0);
}

/** How many findings each status filter would show (for the filter's labels). */
export function statusCounts(findings: readonly StoredFinding[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { open: 0, accepted: 0, 'false-positive': 0, fixed: 0, resolved: 0, all: findings.length };
  for (const f of findings) counts[f.status] += 1;
  return counts;
}
