// One run of Mamori's CLI inside the lab's scanner namespace, measured from the outside.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../lab.js';
import { lineAt, runTimed, type TimedRun } from '../proc.js';

export interface ScanJson {
  scan: { startedAt?: string; stats: { durationMs: number; devicesFound: number }; status?: string };
  devices: Array<{ ip: string; mac: string | null; vendor: string | null; services: Array<{ port: number; transport: string; service: string }> }>;
  findings: Array<{ key?: string; family: string; service: string; ip: string; port: number; transport: string }>;
}

export interface MamoriRun {
  run: TimedRun;
  result: ScanJson | null;
  /** ms since spawn when each stage began (from the progress lines on stderr). */
  stages: Record<string, number | null>;
  /** ms from the scan's start (its first progress line) to the first device / the first finding on stderr. */
  firstDeviceMs: number | null;
  firstFindingMs: number | null;
  /** The longest serial chain of login tries on one service (from the audit trail), when login checks ran. */
  longestChain: SerialChain | null;
}

/** One check's tries on one service, one after the other: what no parallelism can shorten. */
export interface SerialChain {
  where: string;
  checkId: string;
  tries: number;
  /** From the scan's start to the first try, and from the first try to the last answer. */
  startMs: number;
  spanMs: number;
}

export interface ScanOptions {
  nodeArgs?: string[];
  /** Another build's CLI (the baseline); the current backend/dist by default. */
  cli?: string;
}

const STAGES = ['discovery', 'identification', 'probing', 'checks', 'done'];

/**
 * The node options a build ships its command with: what `npm run <script>` of that build's
 * package.json puts between `node` and the entry (`--max-semi-space-size=4` since the young
 * generation was capped; nothing before). Each build is measured the way its users run it.
 */
export function shippedNodeFlags(root: string, script: 'mamori' | 'start'): string[] {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    const m = /^node\s+((?:--[\w-]+(?:=\S+)?\s+)*)backend\/dist\/\w+\.js\b/.exec(pkg.scripts?.[script] ?? '');
    return m ? m[1]!.trim().split(/\s+/).filter(Boolean) : [];
  } catch {
    return [];
  }
}

export async function mamoriScan(namespace: string, args: string[], timeoutMs: number, options: ScanOptions = {}): Promise<MamoriRun> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-cli-'));
  try {
    const out = join(dir, 'result.json');
    const cli = options.cli ?? join(ROOT, 'backend/dist/cli.js');
    const shipped = shippedNodeFlags(dirname(dirname(dirname(cli))), 'mamori');
    // Progress stays on (no --quiet): its stage lines are the timestamps; a private data dir keeps
    // the audit trail of login attempts out of the repository's ./data.
    const run = await runTimed(process.execPath, [...shipped, ...(options.nodeArgs ?? []), cli, 'scan', ...args, '--json', out], {
      namespace, timeoutMs, cwd: ROOT, env: { MAMORI_DATA_DIR: dir },
    });
    let result: ScanJson | null = null;
    try { result = JSON.parse(readFileSync(out, 'utf8')) as ScanJson; } catch { /* failed run: reported as such */ }
    const stages = Object.fromEntries(STAGES.map((s) => [s, lineAt(run, new RegExp(`^\\[\\s*\\d+%\\] ${s}$`))]));
    const start = lineAt(run, /^\[\s*\d+%\] /);
    const since = (at: number | null): number | null => (at === null || start === null ? null : at - start);
    return {
      run, result, stages,
      firstDeviceMs: since(lineAt(run, /^\s+found \S+/)),
      firstFindingMs: since(lineAt(run, /^\s+(critical|high|medium|low|info): /)),
      longestChain: longestChain(join(dir, 'audit.jsonl'), result),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface AuditAttempt { details?: { checkId?: string; ip?: string; port?: number; at?: string } ; at?: string }

/** The service whose tries took longest, first try to last answer (the audit entry is written when the answer came). */
function longestChain(auditFile: string, result: ScanJson | null): SerialChain | null {
  if (!existsSync(auditFile) || !result) return null;
  const startedAt = Date.parse(result.scan.startedAt ?? '');
  const chains = new Map<string, { checkId: string; where: string; times: number[] }>();
  for (const line of readFileSync(auditFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as AuditAttempt;
    const d = entry.details;
    const at = d?.at ?? entry.at;
    if (!d?.checkId || !d.ip || d.port === undefined || !at) continue;
    const key = `${d.checkId} ${d.ip}:${d.port}`;
    const chain = chains.get(key) ?? { checkId: d.checkId, where: `${d.ip}:${d.port}`, times: [] };
    chain.times.push(Date.parse(at));
    chains.set(key, chain);
  }
  let best: SerialChain | null = null;
  for (const chain of chains.values()) {
    const first = Math.min(...chain.times);
    const last = Math.max(...chain.times);
    // A try's answer is logged when it comes: the first one's own duration is estimated as the mean gap.
    const perTry = chain.times.length > 1 ? (last - first) / (chain.times.length - 1) : 0;
    const spanMs = last - first + perTry;
    if (!best || spanMs > best.spanMs) {
      best = { where: chain.where, checkId: chain.checkId, tries: chain.times.length, startMs: first - perTry - startedAt, spanMs };
    }
  }
  return best;
}

/** Wall time of the span between two stage lines, or null if either is missing. */
export function stageSpan(m: MamoriRun, from: string, to: string): number | null {
  const a = m.stages[from];
  const b = m.stages[to];
  return a != null && b != null ? b - a : null;
}
