// Runs one fuzz target: fast-check feeds it its seeds first (so the reproducers always run),
// then mutated inputs; every case is timed and its heap growth measured. A crash stops the target
// and is shrunk by fast-check to a small input that still crashes.
import fc from 'fast-check';
import { hostileInputs } from './mutate.js';
import type { FuzzTarget } from './targets.js';

export interface FuzzReport {
  name: string;
  cases: number;
  crashes: number;
  /** The shrunk crashing input (hex, cut at 512 bytes) and what it threw. */
  crash?: { input: string; error: string };
  slowest: { ms: number; bytes: number };
  /** Largest heap growth across one case (MB): what that case allocated and still held. */
  maxCaseHeapMb: number;
  durationMs: number;
}

export interface FuzzOptions {
  runs: number;
  seed: number;
}

const MB = 1024 * 1024;
const RETIME_MS = 5;

export function fuzz(target: FuzzTarget, options: FuzzOptions): FuzzReport {
  let cases = 0;
  const slowest = { ms: 0, bytes: 0 };
  let maxCaseHeap = 0;
  const started = performance.now();
  const once = (input: Buffer): number => {
    const t0 = performance.now();
    try {
      target.run(input);
    } catch (error) {
      if (!target.refuses?.(error)) throw error;
    }
    return performance.now() - t0;
  };
  const property = fc.property(hostileInputs(target.seeds), (input) => {
    const heapBefore = process.memoryUsage().heapUsed;
    let ms = once(input);
    const grown = process.memoryUsage().heapUsed - heapBefore;
    // A slow case is timed twice more and keeps its fastest time: a GC pause or another process
    // on the CPU does not repeat on cue, work that grows with the input does.
    for (let again = 0; again < 2 && ms >= RETIME_MS; again++) ms = Math.min(ms, once(input));
    cases += 1;
    if (ms > slowest.ms) Object.assign(slowest, { ms, bytes: input.length });
    if (grown > maxCaseHeap) maxCaseHeap = grown;
  });
  const result = fc.check(property, { seed: options.seed, numRuns: options.runs, examples: target.seeds.map((seed) => [seed]) });
  const report: FuzzReport = {
    name: target.name, cases, crashes: result.failed ? 1 : 0, slowest, maxCaseHeapMb: maxCaseHeap / MB, durationMs: performance.now() - started,
  };
  if (result.failed) {
    const input = result.counterexample?.[0];
    const error = result.errorInstance;
    report.crash = {
      input: Buffer.isBuffer(input) ? input.subarray(0, 512).toString('hex') : String(input),
      error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error),
    };
  }
  return report;
}
