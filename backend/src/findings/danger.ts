// One vocabulary of danger. A finding carries two gradings: `severity`, fixed per check (how bad
// this kind of problem is anywhere), and `risk.level`, likelihood × impact for this device on this
// network (knowledge/risk.ts). People see ONE word everywhere — the risk level, because it is the
// one that weighs the device and its exposure; the severity is only its stand-in for a finding
// recorded before risks were computed. No imports at run time: the dashboard bundles this file.
import type { Severity } from '../core/types.js';

export const DANGER_LEVELS = ['critical', 'high', 'medium', 'low', 'info'] as const satisfies readonly Severity[];
export type DangerLevel = (typeof DANGER_LEVELS)[number];

interface Graded { severity: Severity; risk?: { level: Exclude<Severity, 'info'>; score: number } | undefined }

/** The one word shown for a finding, on every screen, in the report and in alerts. */
export function dangerLevel(finding: Graded): DangerLevel {
  return finding.risk?.level ?? finding.severity;
}

/** Most dangerous first; within a level, the higher likelihood × impact first. */
export function compareDanger(a: Graded, b: Graded): number {
  return DANGER_LEVELS.indexOf(dangerLevel(a)) - DANGER_LEVELS.indexOf(dangerLevel(b)) || (b.risk?.score ?? 0) - (a.risk?.score ?? 0);
}
