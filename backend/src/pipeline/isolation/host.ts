// Runs one scan or re-test in a worker thread, so that a hostile answer from a device — a parser
// that throws inside a socket handler, or one that allocates until the heap is full — ends that
// worker and never the appliance (its dashboard, schedule and store live in the main thread).
//
// Why a worker thread and not a child process: `resourceLimits` gives each scan a hard heap cap of
// its own (V8 ends only that isolate with ERR_WORKER_OUT_OF_MEMORY, the main heap is untouched);
// an uncaught exception, an unhandled rejection or process.exit() inside it ends only the thread;
// it starts in tens of milliseconds and costs no second Node.js process (~45 MB RSS) on a
// Raspberry Pi whose unit has MemoryMax=512M; messages are structured clones, no JSON framing. What
// it does not contain is a crash in native code (a segfault would still end the process): the code
// that reads device input is JavaScript (our protocol clients, dns-packet, net-snmp, ssh2's parser).
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ScanTuning } from '../../core/plugins.js';
import { createBreadcrumb, readBreadcrumb, type LastAnswer } from './breadcrumb.js';
import type { Death } from './failure.js';
import type { EngineModule, HostMessage, WorkerInput, WorkerJob, WorkerMessage } from './messages.js';

/**
 * One scan's heap cap. A /22 scale-lab audit (260 hosts) peaks at ~135 MB RSS for the whole CLI
 * process, most of it code; the worker's own heap stays far below this (figures in README). The
 * cap still ends a runaway parser (the mDNS reproducer of issue 21 grows past 2 GB) in seconds.
 */
export const SCAN_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256 };

export interface IsolationOptions {
  /** The module whose export builds the plug-ins inside the worker. */
  engine: EngineModule;
  resourceLimits?: ResourceLimits;
  /** After a cancel, how long the worker may take to wind down before it is terminated. */
  cancelGraceMs?: number;
  /** A worker that sends nothing for this long (its event loop stuck in a parser) is ended. */
  stallMs?: number;
  /** Keeps the next worker started, its plug-ins loaded, so a scan does not wait for that. */
  standby?: StandbyWorker;
}

/** A started worker and the memory it notes answers in. */
interface Started {
  worker: Worker;
  breadcrumb: SharedArrayBuffer;
  /** What it was started with (engine, tuning, limits): a standby is used only for the same. */
  key: string;
  gone: boolean;
}

function spawn(options: IsolationOptions, tuning: ScanTuning): Started {
  const breadcrumb = createBreadcrumb();
  const worker = startWorker({ engine: options.engine, tuning, breadcrumb }, options.resourceLimits ?? SCAN_RESOURCE_LIMITS);
  const started: Started = { worker, breadcrumb, key: keyOf(options, tuning), gone: false };
  worker.once('exit', () => { started.gone = true; });
  return started;
}

const keyOf = (options: IsolationOptions, tuning: ScanTuning): string => JSON.stringify([options.engine, tuning, options.resourceLimits ?? null]);

/**
 * One worker kept ready for the next scan or re-test: loading the plug-ins takes 0.4–1 s on a
 * small box, which would otherwise come before the first device on the dashboard. Each worker still
 * runs one job only; the next one is started when a job ends. Idle, it does not keep the process up.
 */
export class StandbyWorker {
  #spare: Started | null = null;
  #closed = false;

  get ready(): boolean { return this.#spare !== null && !this.#spare.gone; }

  /** Starts the spare worker now if there is none. */
  prepare(options: IsolationOptions, tuning: ScanTuning): void {
    if (this.#closed || (this.#spare && !this.#spare.gone)) return;
    const spare = spawn(options, tuning);
    spare.worker.unref();
    // An idle worker that fails is simply not used (a job's own listeners report its failures).
    spare.worker.on('error', () => undefined);
    this.#spare = spare;
  }

  take(options: IsolationOptions, tuning: ScanTuning): Started | null {
    const spare = this.#spare;
    this.#spare = null;
    if (spare && !spare.gone && spare.key === keyOf(options, tuning)) return spare;
    if (spare) void spare.worker.terminate();
    return null;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const spare = this.#spare;
    this.#spare = null;
    if (spare) await spare.worker.terminate();
  }
}

export type WorkerOutcome =
  | { kind: 'done'; result: unknown; heapPeak: number }
  | { kind: 'cancelled' }
  | { kind: 'died'; death: Death; answer: LastAnswer | null };

const ALIVE_CHECK_MS = 1000;

/** Where the worker's entry is: next to this file, compiled (.js) or, under the tests, source (.ts). */
function startWorker(input: WorkerInput, resourceLimits: ResourceLimits): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
  const options = { workerData: input, resourceLimits, execArgv: inheritableExecArgv(process.execArgv) };
  if (!fromSource) return new Worker(entry, options);
  // Running from TypeScript sources (vitest): the worker loads them through tsx, a dev dependency.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * The parent's Node options, less those about the parent's own script: a worker given
 * `--input-type` (from `node --input-type=module -e …`) refuses to start.
 */
export function inheritableExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (['-e', '--eval', '-p', '--print'].includes(arg)) { i += 1; continue; }
    if (/^(--input-type|--eval|--print)=/.test(arg)) continue;
    kept.push(arg);
  }
  return kept;
}

/**
 * Runs the job; every message but the last goes to `onMessage` as it arrives. Resolves (never
 * rejects) when the worker is gone: with its result, cancelled, or dead and why.
 */
export function runInWorker(
  job: WorkerJob, tuning: ScanTuning, options: IsolationOptions, signal: AbortSignal, onMessage: (message: WorkerMessage) => void,
): Promise<WorkerOutcome> {
  const resourceLimits = options.resourceLimits ?? SCAN_RESOURCE_LIMITS;
  const stallMs = options.stallMs ?? 60_000;
  const { worker, breadcrumb } = options.standby?.take(options, tuning) ?? spawn(options, tuning);
  worker.ref();
  worker.postMessage({ type: 'job', job } satisfies HostMessage);
  return new Promise((resolve) => {
    let outcome: WorkerOutcome | null = null;
    let uncaught: (Error & { code?: string }) | null = null;
    let stalled = false;
    let cancelTimer: NodeJS.Timeout | undefined;
    let lastHeard = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastHeard < stallMs) return;
      stalled = true;
      void worker.terminate();
    }, Math.min(ALIVE_CHECK_MS, stallMs));
    const onAbort = (): void => {
      worker.postMessage({ type: 'abort' } satisfies HostMessage);
      cancelTimer = setTimeout(() => { outcome ??= { kind: 'cancelled' }; void worker.terminate(); }, options.cancelGraceMs ?? 750);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage) => {
      lastHeard = Date.now();
      if (outcome) return;
      if (message.type === 'alive') return;
      if (message.type === 'done') {
        outcome = { kind: 'done', result: message.result, heapPeak: message.heapPeak };
        // Its sockets are closed; whatever timer it still holds must not keep it alive.
        void worker.terminate();
        return;
      }
      if (message.type === 'error') {
        outcome = { kind: 'died', death: { kind: 'crashed', error: { message: message.message } }, answer: null };
        void worker.terminate();
        return;
      }
      onMessage(message);
    });
    worker.on('error', (error: Error & { code?: string }) => { uncaught ??= error; });
    worker.on('exit', (exitCode) => {
      clearInterval(watchdog);
      clearTimeout(cancelTimer);
      signal.removeEventListener('abort', onAbort);
      if (!outcome && signal.aborted && !uncaught) outcome = { kind: 'cancelled' };
      outcome ??= { kind: 'died', death: deathOf(uncaught, exitCode, stalled, resourceLimits, stallMs), answer: readBreadcrumb(breadcrumb) };
      options.standby?.prepare(options, tuning);
      resolve(outcome);
    });
  });
}

function deathOf(uncaught: (Error & { code?: string }) | null, exitCode: number, stalled: boolean, limits: ResourceLimits, stallMs: number): Death {
  if (uncaught?.code === 'ERR_WORKER_OUT_OF_MEMORY') return { kind: 'out-of-memory', heapLimitMb: limits.maxOldGenerationSizeMb ?? null };
  if (stalled) return { kind: 'stalled', stalledSeconds: Math.round(stallMs / 1000) };
  if (uncaught instanceof Error) return { kind: 'crashed', error: { message: `${uncaught.name}: ${uncaught.message}`, ...(uncaught.stack ? { stack: uncaught.stack } : {}) } };
  // A worker may throw anything, not only an Error.
  if (uncaught !== null) return { kind: 'crashed', error: { message: String(uncaught) } };
  return { kind: 'exited', exitCode };
}
