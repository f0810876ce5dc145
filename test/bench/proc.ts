// Runs one measured command: wall time from spawn to exit, peak RSS from /usr/bin/time, stderr
// lines timestamped as they arrive (the CLI prints its stage changes there), a hard timeout.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TimedRun {
  code: number;
  wallMs: number;
  /** Peak resident set of the measured program (not of `ip` or `time`), in KiB. */
  maxRssKiB: number | null;
  stdout: string;
  stderr: string;
  /** stderr lines with the ms since spawn at which each arrived. */
  lines: Array<{ atMs: number; line: string }>;
  /** 1-minute load average when the run started: the machine is shared, figures are noisy. */
  load1: number;
  timedOut: boolean;
}

export interface RunOptions {
  namespace?: string;
  env?: Record<string, string>;
  timeoutMs: number;
  cwd?: string;
}

/** `ip netns exec NS /usr/bin/time -f %M -o FILE cmd …`: every stage execs, so the group is ours. */
export function runTimed(command: string, args: string[], options: RunOptions): Promise<TimedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-time-'));
  const rssFile = join(dir, 'rss');
  const argv = ['/usr/bin/time', '-f', '%M', '-o', rssFile, command, ...args];
  const [file, ...rest] = options.namespace ? ['ip', 'netns', 'exec', options.namespace, ...argv] : argv;
  const load1 = loadavg()[0]!;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // detached: its own process group, so a timeout can stop the tool and its children by our PID.
    const child = spawn(file!, rest, { cwd: options.cwd, env: { ...process.env, ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const lines: TimedRun['lines'] = [];
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => {
      const atMs = performance.now() - started;
      stderr += d.toString();
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop()!;
      for (const line of parts) lines.push({ atMs, line });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, options.timeoutMs);
    child.on('error', (error) => { clearTimeout(timer); rmSync(dir, { recursive: true, force: true }); reject(error); });
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      let maxRssKiB: number | null = null;
      try {
        const m = /(\d+)\s*$/.exec(readFileSync(rssFile, 'utf8'));
        if (m) maxRssKiB = Number(m[1]);
      } catch { /* killed before time wrote it */ }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: code ?? -1, wallMs, maxRssKiB, stdout, stderr, lines, load1, timedOut });
    });
  });
}

/** Time (ms since spawn) of the first stderr line matching the pattern, or null. */
export function lineAt(run: TimedRun, pattern: RegExp): number | null {
  return run.lines.find((l) => pattern.test(l.line))?.atMs ?? null;
}

export function median(values: readonly number[]): number | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function maxOf(values: ReadonlyArray<number | null>): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length ? Math.max(...v) : null;
}

/** VmRSS and VmHWM (peak) of a live process, in KiB. */
export function processMemory(pid: number): { rssKiB: number; hwmKiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
  } catch {
    return null;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
