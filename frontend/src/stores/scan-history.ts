// The record of due care: every finished scan, newest first, with what changed during it (new
// devices, new problems, problems fixed or gone, problems back again) and how many stayed open
// after it. Pure; tested in test/frontend/scan-history.test.ts.
import type { FindingStatus, FindingStatusChange, ScanSummary, StoredDevice, StoredFinding } from '../api/contract';

export interface ScanChanges {
  scan: ScanSummary;
  newDevices: number;
  newProblems: number;
  /** Fixed (re-test) or no longer seen during this scan. */
  fixed: number;
  /** Back to open after having been fixed, gone or accepted. */
  reopened: number;
  /** Open when the scan ended. */
  openAfter: number;
}

const historyOf = (f: StoredFinding): FindingStatusChange[] =>
  f.history ?? [{ status: 'open', at: f.firstSeen, by: 'system' }];

/** The finding's status at a moment (null: not known yet then). */
export function statusAt(f: StoredFinding, at: number): FindingStatus | null {
  let status: FindingStatus | null = null;
  for (const change of historyOf(f)) if (Date.parse(change.at) <= at) status = change.status;
  return status;
}

export function scanHistory(
  scans: readonly ScanSummary[], devices: readonly StoredDevice[], findings: readonly StoredFinding[], limit = 10,
): ScanChanges[] {
  const finished = scans.filter((s) => s.finishedAt !== null && s.status !== 'running')
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt)).slice(0, limit);
  return finished.map((scan) => {
    const from = Date.parse(scan.startedAt);
    const to = Date.parse(scan.finishedAt!);
    const inside = (iso: string) => { const t = Date.parse(iso); return t >= from && t <= to; };
    let newProblems = 0; let fixed = 0; let reopened = 0; let openAfter = 0;
    for (const f of findings) {
      const history = historyOf(f);
      if (inside(history[0]!.at)) newProblems += 1;
      history.forEach((change, i) => {
        if (!inside(change.at)) return;
        if (change.status === 'fixed' || change.status === 'resolved') fixed += 1;
        if (change.status === 'open' && i > 0) reopened += 1;
      });
      if (statusAt(f, to) === 'open') openAfter += 1;
    }
    return { scan, newDevices: devices.filter((d) => inside(d.firstSeen)).length, newProblems, fixed, reopened, openAfter };
  });
}
