// What the appliance and one scan process say to each other. Everything here is plain data: it
// crosses the IPC channel by structured clone (`serialization: 'advanced'`), so no function, class
// instance or closure.
import type { ScanTuning } from '../../core/plugins.js';
import type { StoredDevice, StoredFinding } from '../../core/records.js';
import type { CredentialAttempt, ScanResult } from '../../core/types.js';
import type { ScanRequest } from '../runner.js';
import type { AnswerNote } from './breadcrumb.js';

/**
 * Where the scan process finds its plug-ins: a module (file URL) and the name of an export that builds
 * them, `(options) => { plugins }` (plugin-set.ts's `createPluginSet` for the appliance). The scan
 * process builds its own set: plug-ins hold sockets and closures, which cannot cross processes.
 */
export interface EngineModule {
  url: string;
  exportName: string;
  /** Passed to the factory as is (must be cloneable). */
  options?: unknown;
}

/** Inputs of one isolated scan. */
export interface ScanJob {
  kind: 'scan';
  scanId: string;
  request: ScanRequest;
}

/** Inputs of one isolated re-test: what `retestFinding` needs, as data. */
export interface RetestJob {
  kind: 'retest';
  finding: StoredFinding;
  device: StoredDevice | undefined;
  /** Every device known now (a check whose findings land elsewhere re-tests on another one). */
  devices: StoredDevice[];
  loginChecks: boolean;
  loginChecksExcluded: string[];
  /** The ranges the owner may scan now: a device outside them is refused. */
  scope: string[];
  timeoutMs: number;
}

export type WorkerJob = ScanJob | RetestJob;

/** What a scan process starts with: it loads its plug-ins at once, then waits for one job. */
export interface WorkerInput {
  engine: EngineModule;
  tuning: ScanTuning;
}

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

export type WorkerMessage =
  /** A bus event of the scan, relayed as emitted. */
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'log'; level: LogLevelName; scope: string | null; message: string; fields?: Record<string, unknown> }
  /** A login attempt of a re-test (a scan's attempts travel as `check:attempt` events). */
  | { type: 'attempt'; attempt: Omit<CredentialAttempt, 'at'> }
  /** Every second while the process's event loop turns; with the heap in use, for the peak figure. */
  | { type: 'alive'; heapUsed: number }
  /** `rssPeak` in bytes, the process's maximum resident set size. */
  | { type: 'done'; result: ScanResult | unknown; heapPeak: number; rssPeak: number }
  /** The job threw an ordinary, caught error: not a crash, the process is fine. */
  | { type: 'error'; message: string }
  /** An uncaught exception or unhandled rejection: the process ends right after sending this. */
  | { type: 'crashed'; error: { message: string; stack?: string } }
  /** Whose answer the process is reading (breadcrumb.ts); sent only when it changes. */
  | AnswerNote;

export type HostMessage = { type: 'start'; input: WorkerInput } | { type: 'job'; job: WorkerJob } | { type: 'abort' };
