// Runs one scan or re-test in a child process of its own, so that a hostile answer from a device —
// a parser that throws inside a socket handler, one that allocates until the heap is full, or one
// that never returns — ends that process and never the appliance (its dashboard, schedule and
// store live in this one).
//
// Why a child process and not a worker thread (as before): a worker's `resourceLimits` is only
// best-effort. With some allocation shapes (one array grown by push) V8 does not end the worker's
// isolate but aborts the WHOLE process ("FATAL ERROR: Reached heap limit Allocation failed"):
// nodejs/node#47224, still open, and nodejs/node PR #65019; we saw it on Node 24 with the test
// fixture. Node's docs call terminating a worker best-effort as well. A process is ended by the
// kernel: `--max-old-space-size` caps its heap, a fatal OOM aborts only it (SIGABRT, "heap out of
// memory" on its stderr), and a stuck or cancelled one is killed by its PID. The cost is a second
// Node.js process per running scan (start-up and memory figures in README), paid before the scan
// by the one standby process.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NODE_MEMORY_FLAGS } from '../../config/node-flags.js';
import type { ScanTuning } from '../../core/plugins.js';
import { lastAnswerOf, type AnswerNote, type LastAnswer } from './breadcrumb.js';
import { deathOfProcess } from './exit.js';
import type { Death } from './failure.js';
import type { EngineModule, HostMessage, WorkerJob, WorkerMessage } from './messages.js';

/** The heap cap of a scan process, as `--max-old-space-size`. */
export interface ScanLimits { maxOldGenerationSizeMb?: number }

/**
 * One scan's heap cap. A /22 scale-lab audit (260 hosts) peaks at ~135 MB RSS for the whole CLI
 * process, most of it code; the scan's own heap stays far below this (figures in README). The
 * cap still ends a runaway parser (the mDNS reproducer of issue 21 grows past 2 GB) in seconds.
 */
export const SCAN_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 256 } as const satisfies ScanLimits;

export interface IsolationOptions {
  /** The module whose export builds the plug-ins inside the scan process. */
  engine: EngineModule;
  resourceLimits?: ScanLimits;
  /** After a cancel, how long the process may take to wind down before it is killed. */
  cancelGraceMs?: number;
  /** A process that sends nothing for this long (its event loop stuck in a parser) is killed. */
  stallMs?: number;
  /** Keeps the next process started, its plug-ins loaded, so a scan does not wait for that. */
  standby?: StandbyProcess;
}

/** A started scan process. */
export interface Started {
  child: ChildProcess;
  /** What it was started with (engine, tuning, limits): a standby is used only for the same. */
  key: string;
  gone: boolean;
  /** The last lines of its stderr (bounded), to tell a V8 out-of-memory abort. */
  stderrTail: string;
  /** Where its stderr lines go: kept until a job listens. */
  onStderrLine: ((line: string) => void) | null;
  pendingLines: string[];
  /** Ends it by its PID (SIGKILL): no code of it needs to run. */
  kill(): void;
}

const STDERR_TAIL_CHARS = 8192;
const PENDING_LINES = 50;
/** Every scan process alive, killed if this process exits (a scan nobody hears is not kept). */
const alive = new Set<Started>();
let exitHookSet = false;

function spawn(options: IsolationOptions, tuning: ScanTuning): Started {
  const child = forkScanProcess(heapLimitOf(options));
  const started: Started = {
    child, key: keyOf(options, tuning), gone: false, stderrTail: '', onStderrLine: null, pendingLines: [],
    kill: () => { if (!started.gone) child.kill('SIGKILL'); },
  };
  alive.add(started);
  if (!exitHookSet) {
    exitHookSet = true;
    process.once('exit', () => { for (const s of alive) s.kill(); });
  }
  child.once('exit', () => { started.gone = true; alive.delete(started); });
  // A failed fork (no memory for a process) is reported by 'exit'/'close' too.
  child.on('error', () => undefined);
  let partialLine = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    started.stderrTail = (started.stderrTail + text).slice(-STDERR_TAIL_CHARS);
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop()!.slice(-STDERR_TAIL_CHARS);
    for (const line of lines) emitLine(started, line);
  });
  child.stderr!.on('end', () => { if (partialLine) emitLine(started, partialLine); });
  child.send({ type: 'start', input: { engine: options.engine, tuning } } satisfies HostMessage);
  return started;
}

function emitLine(started: Started, line: string): void {
  if (!line.trim()) return;
  if (started.onStderrLine) started.onStderrLine(line);
  else if (started.pendingLines.push(line) > PENDING_LINES) started.pendingLines.shift();
}

const heapLimitOf = (options: IsolationOptions): number => options.resourceLimits?.maxOldGenerationSizeMb ?? SCAN_RESOURCE_LIMITS.maxOldGenerationSizeMb;
const keyOf = (options: IsolationOptions, tuning: ScanTuning): string => JSON.stringify([options.engine, tuning, heapLimitOf(options)]);

/** Neither the event loop nor stderr of an idle standby keeps this process up. */
function setRef(started: Started, ref: boolean): void {
  const { child } = started;
  const handles = [child, child.channel, child.stderr] as ({ ref(): void; unref(): void } | null | undefined)[];
  for (const handle of handles) {
    if (!handle) continue;
    if (ref) handle.ref();
    else handle.unref();
  }
}

/**
 * One process kept ready for the next scan or re-test: starting Node.js and loading the plug-ins
 * takes 0.3–1 s on a small box, which would otherwise come before the first device on the
 * dashboard. Each process still runs one job only; the next one is started when a job ends. At most
 * one is kept; idle, it does not keep the appliance up.
 */
export class StandbyProcess {
  #spare: Started | null = null;
  #closed = false;

  get ready(): boolean { return this.#spare !== null && !this.#spare.gone; }

  /** Starts the spare process now if there is none. */
  prepare(options: IsolationOptions, tuning: ScanTuning): void {
    if (this.#closed || (this.#spare && !this.#spare.gone)) return;
    const spare = spawn(options, tuning);
    setRef(spare, false);
    this.#spare = spare;
  }

  take(options: IsolationOptions, tuning: ScanTuning): Started | null {
    const spare = this.#spare;
    this.#spare = null;
    if (spare && !spare.gone && spare.key === keyOf(options, tuning)) return spare;
    spare?.kill();
    return null;
  }

  /** Replaces the spare with a fresh one: what a process read at start (the installed catalogue) changed. */
  renew(options: IsolationOptions, tuning: ScanTuning): void {
    this.#spare?.kill();
    this.#spare = null;
    this.prepare(options, tuning);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const spare = this.#spare;
    this.#spare = null;
    if (spare) await ended(spare);
  }
}

/** Kills it and resolves once it is gone. */
export function ended(started: Started): Promise<void> {
  if (started.gone) return Promise.resolve();
  return new Promise((resolve) => { started.child.once('exit', () => resolve()); started.kill(); });
}

export type WorkerOutcome =
  | { kind: 'done'; result: unknown; heapPeak: number; rssPeak: number }
  | { kind: 'cancelled' }
  | { kind: 'died'; death: Death; answer: LastAnswer | null };

const ALIVE_CHECK_MS = 1000;
const STARTUP_ALLOWANCE_MS = 60_000;

/**
 * Forks the entry next to this file, compiled (.js) or, under the tests, source (.ts, loaded
 * through tsx, a dev dependency). Its stderr is read here; stdout is the appliance's own.
 */
function forkScanProcess(heapLimitMb: number): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSource ? './child.ts' : './child.js', import.meta.url));
  const loader = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return fork(entry, [], {
    serialization: 'advanced',
    execArgv: [...inheritableExecArgv(process.execArgv), ...loader, ...NODE_MEMORY_FLAGS, `--max-old-space-size=${heapLimitMb}`],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    // Marks the process for test preloads (NODE_OPTIONS is inherited, as by any child).
    env: { ...process.env, MAMORI_SCAN_PROCESS: '1' },
  });
}

/**
 * The parent's Node options, less those about the parent's own script or debugger: a child given
 * `--input-type` (from `node --input-type=module -e …`) refuses a file entry, and an inherited
 * `--inspect` would fight the parent for its port; the heap limits are the child's own.
 */
export function inheritableExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (['-e', '--eval', '-p', '--print', '--input-type'].includes(arg)) { i += 1; continue; }
    if (/^(--input-type|--eval|--print|--max-old-space-size|--max-semi-space-size)=/.test(arg)) continue;
    if (/^--(inspect|debug)(-brk|-port|-wait|-publish-uid)?(=|$)/.test(arg)) continue;
    kept.push(arg);
  }
  return kept;
}

/**
 * Runs the job; every message but the last goes to `onMessage` as it arrives (the child's stderr
 * lines as warnings). Resolves (never rejects) when the process is gone: with its result,
 * cancelled, or dead and why.
 */
export function runInWorker(
  job: WorkerJob, tuning: ScanTuning, options: IsolationOptions, signal: AbortSignal, onMessage: (message: WorkerMessage) => void,
): Promise<WorkerOutcome> {
  const stallMs = options.stallMs ?? 60_000;
  const started = options.standby?.take(options, tuning) ?? spawn(options, tuning);
  const { child } = started;
  setRef(started, true);
  const relayLine = (line: string): void => onMessage({ type: 'log', level: 'warn', scope: 'scan process stderr', message: line });
  started.onStderrLine = relayLine;
  for (const line of started.pendingLines.splice(0)) relayLine(line);
  if (!started.gone) child.send({ type: 'job', job } satisfies HostMessage);
  return new Promise((resolve) => {
    let outcome: WorkerOutcome | null = null;
    let crashed: { message: string; stack?: string } | null = null;
    let answer: AnswerNote | null = null;
    let stalled = false;
    let cancelTimer: NodeJS.Timeout | undefined;
    let lastHeard = Date.now();
    // Until it first speaks, a fresh process is starting Node.js and loading plug-ins, which on a
    // loaded box may take longer than a short stall limit: that is not a stuck parser.
    let heard = false;
    const watchdog = setInterval(() => {
      if (Date.now() - lastHeard < (heard ? stallMs : Math.max(stallMs, STARTUP_ALLOWANCE_MS))) return;
      stalled = true;
      started.kill();
    }, Math.min(ALIVE_CHECK_MS, stallMs));
    const onAbort = (): void => {
      if (child.connected) child.send({ type: 'abort' } satisfies HostMessage);
      cancelTimer = setTimeout(() => { outcome ??= { kind: 'cancelled' }; started.kill(); }, options.cancelGraceMs ?? 750);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });

    child.on('message', (message: WorkerMessage) => {
      lastHeard = Date.now();
      heard = true;
      if (outcome) return;
      if (message.type === 'alive') return;
      if (message.type === 'answer') { answer = message; return; }
      if (message.type === 'crashed') { crashed ??= message.error; return; }
      if (message.type === 'done') {
        outcome = { kind: 'done', result: message.result, heapPeak: message.heapPeak, rssPeak: message.rssPeak };
        // Its sockets are closed; whatever timer it still holds must not keep it alive.
        started.kill();
        return;
      }
      if (message.type === 'error') {
        outcome = { kind: 'died', death: { kind: 'crashed', error: { message: message.message } }, answer: null };
        started.kill();
        return;
      }
      onMessage(message);
    });
    // 'close': exited AND its stderr read to the end (the OOM message is in the tail).
    const onClose = (exitCode: number | null, exitSignal: NodeJS.Signals | null): void => {
      clearInterval(watchdog);
      clearTimeout(cancelTimer);
      signal.removeEventListener('abort', onAbort);
      if (!outcome && signal.aborted && !crashed) outcome = { kind: 'cancelled' };
      outcome ??= {
        kind: 'died', answer: lastAnswerOf(answer),
        death: deathOfProcess({ crashed, exitCode, exitSignal, stderr: started.stderrTail, stalled, stallMs, heapLimitMb: heapLimitOf(options) }),
      };
      options.standby?.prepare(options, tuning);
      resolve(outcome);
    };
    if (child.exitCode !== null || child.signalCode !== null) setImmediate(() => onClose(child.exitCode, child.signalCode));
    else child.once('close', onClose);
  });
}
