// The household plan: open problems grouped into "fix today", "this week" and "when convenient",
// by their risk (likelihood × impact), most urgent first. Pure, unit-tested.
import type { Severity, StoredDevice, StoredFinding } from '../../api/contract';
import { dangerLevel } from '../../../../backend/src/findings/danger';

export type Urgency = 'today' | 'soon' | 'later';

export interface PlanItem {
  finding: StoredFinding;
  device: StoredDevice | null;
  urgency: Urgency;
  /** Risk score 1–25; without a risk (an older finding), derived from the severity. */
  score: number;
}

export interface HouseholdPlan {
  today: PlanItem[];
  soon: PlanItem[];
  later: PlanItem[];
}

const SCORE_OF_SEVERITY: Record<Severity, number> = { critical: 20, high: 12, medium: 6, low: 2, info: 1 };

/** Critical and high risks are for today; medium this week; the rest when convenient. */
export function urgencyOf(finding: StoredFinding): Urgency {
  const level = dangerLevel(finding);
  if (level === 'critical' || level === 'high') return 'today';
  return level === 'medium' ? 'soon' : 'later';
}

export function householdPlan(findings: readonly StoredFinding[], devices: readonly StoredDevice[]): HouseholdPlan {
  const byId = new Map(devices.map((d) => [d.id, d]));
  const items = findings
    .filter((f) => f.status === 'open')
    .map((finding): PlanItem => ({
      finding,
      device: byId.get(finding.deviceId) ?? null,
      urgency: urgencyOf(finding),
      score: finding.risk?.score ?? SCORE_OF_SEVERITY[finding.severity],
    }))
    .sort((a, b) => b.score - a.score || a.finding.key.localeCompare(b.finding.key));
  return {
    today: items.filter((i) => i.urgency === 'today'),
    soon: items.filter((i) => i.urgency === 'soon'),
    later: items.filter((i) => i.urgency === 'later'),
  };
}
