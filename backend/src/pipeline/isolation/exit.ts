// Why a scan process ended, from what the host saw: its last message, its exit code or signal, and
// the tail of its stderr.
import type { Death } from './failure.js';

export interface ProcessEnd {
  /** The uncaught error it reported before exiting. */
  crashed: { message: string; stack?: string } | null;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  stderr: string;
  /** The host killed it because it sent nothing for `stallMs`. */
  stalled: boolean;
  stallMs: number;
  heapLimitMb: number;
}

/** V8's fatal out-of-memory error calls abort(): SIGABRT (SIGTRAP on some builds), or 128+6 through a shell. */
const ABORT_SIGNALS = new Set<string>(['SIGABRT', 'SIGTRAP', 'SIGILL']);
const OOM_TEXT = /heap out of memory|Reached heap limit|Allocation failed/i;

export function isOutOfMemory(end: Pick<ProcessEnd, 'exitCode' | 'exitSignal' | 'stderr'>): boolean {
  const aborted = (end.exitSignal !== null && ABORT_SIGNALS.has(end.exitSignal)) || end.exitCode === 134 || end.exitCode === 133;
  return (OOM_TEXT.test(end.stderr) && (aborted || end.exitCode !== 0)) || (aborted && !end.stderr.trim());
}

export function deathOfProcess(end: ProcessEnd): Death {
  if (end.stalled) return { kind: 'stalled', stalledSeconds: Math.round(end.stallMs / 1000) };
  if (end.crashed) return { kind: 'crashed', error: end.crashed };
  if (isOutOfMemory(end)) return { kind: 'out-of-memory', heapLimitMb: end.heapLimitMb };
  return { kind: 'exited', exitCode: end.exitCode ?? (end.exitSignal ? 128 + signalNumber(end.exitSignal) : null) };
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 };
const signalNumber = (signal: string): number => SIGNAL_NUMBERS[signal] ?? 0;
