// One run of Mamori's CLI inside the lab's scanner namespace, measured from the outside.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lab.js';
import { lineAt, runTimed, type TimedRun } from '../proc.js';

export interface ScanJson {
  scan: { stats: { durationMs: number; devicesFound: number }; status?: string };
  devices: Array<{ ip: string; mac: string | null; vendor: string | null; services: Array<{ port: number; transport: string; service: string }> }>;
  findings: Array<{ family: string; service: string; ip: string; port: number; transport: string }>;
}

export interface MamoriRun {
  run: TimedRun;
  result: ScanJson | null;
  /** ms since spawn when each stage began (from the progress lines on stderr). */
  stages: Record<string, number | null>;
}

const STAGES = ['discovery', 'identification', 'probing', 'checks', 'done'];

export async function mamoriScan(namespace: string, args: string[], timeoutMs: number, nodeArgs: string[] = []): Promise<MamoriRun> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-cli-'));
  try {
    const out = join(dir, 'result.json');
    // Progress stays on (no --quiet): its stage lines are the timestamps; a private data dir keeps
    // the audit trail of login attempts out of the repository's ./data.
    const run = await runTimed(process.execPath, [...nodeArgs, join(ROOT, 'backend/dist/cli.js'), 'scan', ...args, '--json', out], {
      namespace, timeoutMs, cwd: ROOT, env: { MAMORI_DATA_DIR: dir },
    });
    let result: ScanJson | null = null;
    try { result = JSON.parse(readFileSync(out, 'utf8')) as ScanJson; } catch { /* failed run: reported as such */ }
    const stages = Object.fromEntries(STAGES.map((s) => [s, lineAt(run, new RegExp(`^\\[\\s*\\d+%\\] ${s}$`))]));
    return { run, result, stages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time of the span between two stage lines, or null if either is missing. */
export function stageSpan(m: MamoriRun, from: string, to: string): number | null {
  const a = m.stages[from];
  const b = m.stages[to];
  return a != null && b != null ? b - a : null;
}
