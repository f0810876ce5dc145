// When the first-run wizard shows. Decision: it shows while the appliance has never run a scan
// (no scan in the history, none running) and this browser has not skipped it. No new setting is
// needed: the scan history lives on the appliance, is never emptied (retention keeps at least one
// scan) and is exactly what "first run" means — the wizard ends by starting the first scan, so once
// done it can never come back, in any browser. A skip is remembered per browser (localStorage):
// skipping decides nothing about the appliance, so another browser may still offer the wizard
// until a first scan has run.
import type { Snapshot } from '../../api/contract';

export const SKIP_KEY = 'mamori.firstRunSkipped';

export function needsFirstRun(snapshot: Snapshot, loaded: boolean, skipped: boolean): boolean {
  return loaded && !skipped && snapshot.scans.length === 0 && snapshot.running === null;
}

export function readSkipped(): boolean {
  try {
    return globalThis.localStorage?.getItem(SKIP_KEY) === 'yes';
  } catch {
    return false;
  }
}

export function rememberSkip(): void {
  try {
    globalThis.localStorage?.setItem(SKIP_KEY, 'yes');
  } catch {
    // not saved: the wizard is hidden for this page only
  }
}
