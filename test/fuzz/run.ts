// `npm run fuzz`: long fuzz runs over every parser of device input (test/fuzz/targets.ts).
//   npm run fuzz                          100,000 cases per parser, a fresh seed (printed)
//   npm run fuzz -- --runs 1000000 --only mdns,http --seed 42
// Per parser: cases run, crashes (the shrunk input), the slowest case, the largest heap growth of
// one case, and the heap left after the run (after a full GC). Exit status 1 when any parser
// crashed, took 100 ms or more on one case, or grew the heap by 50 MB or more in one case. Heap
// still held after the run is reported, not failed: Node 20's zlib keeps ~2 KB for every failing
// gunzipSync (the tar target's damaged archives), which is Node's, not a parser's.
import { fuzz, type FuzzReport } from './harness.js';
import { TARGETS } from './targets.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const SLOW_MS = 100;
const HEAP_MB = 50;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const runs = Number(option('runs') ?? 100_000);
const seed = Number(option('seed') ?? Date.now() % 2 ** 31);
const only = option('only')?.split(',');
const targets = TARGETS.filter((t) => !only || only.includes(t.name));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || targets.length === 0) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed N] [--only name,name]');
  console.error(`parsers: ${TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = (): number => { gc?.(); return process.memoryUsage().heapUsed / 2 ** 20; };

say(`fuzz: ${runs} cases per parser, seed ${seed}${gc ? '' : ' (no --expose-gc: heap after the run is approximate)'}`);
const header = ['parser', 'cases', 'crashes', 'slowest ms', 'at bytes', 'max case heap MB', 'heap after run MB', 'seconds'];
say(header.join('\t'));
let failed = false;
const rows: Array<FuzzReport & { leftMb: number }> = [];
for (const target of targets) {
  const before = heapMb();
  const report = fuzz(target, { runs, seed });
  const leftMb = heapMb() - before;
  rows.push({ ...report, leftMb });
  const bad = report.crashes > 0 || report.slowest.ms >= SLOW_MS || report.maxCaseHeapMb >= HEAP_MB;
  failed ||= bad;
  say([
    report.name, report.cases, report.crashes, report.slowest.ms.toFixed(1), report.slowest.bytes, report.maxCaseHeapMb.toFixed(1),
    leftMb.toFixed(1), (report.durationMs / 1000).toFixed(1), bad ? 'FAIL' : leftMb >= HEAP_MB ? 'ok (heap held after the run: see above)' : 'ok',
  ].join('\t'));
  if (report.crash) say(`  crash: ${report.crash.error}\n  input (hex): ${report.crash.input}`);
}
say(failed
  ? `fuzz: FAILED (a crash, a case of ${SLOW_MS} ms or more, or ${HEAP_MB} MB of heap or more); re-run with --seed ${seed}`
  : `fuzz: ${rows.reduce((n, r) => n + r.cases, 0)} cases, no crash, slowest case ${Math.max(...rows.map((r) => r.slowest.ms)).toFixed(1)} ms, largest case heap growth ${Math.max(...rows.map((r) => r.maxCaseHeapMb)).toFixed(1)} MB`);
process.exit(failed ? 1 : 0);
