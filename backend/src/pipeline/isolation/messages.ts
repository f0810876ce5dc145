// What the appliance and one scan worker say to each other. Everything here is plain data: it
// crosses a MessagePort by structured clone, so no function, class instance or closure.
import type { ScanTuning } from '../../core/plugins.js';
import type { StoredDevice, StoredFinding } from '../../core/records.js';
import type { CredentialAttempt, ScanResult } from '../../core/types.js';
import type { ScanRequest } from '../runner.js';

/**
 * Where the worker finds its plug-ins: a module (file URL) and the name of an export that builds
 * them, `(options) => { plugins }` (plugin-set.ts's `createPluginSet` for the appliance). The worker
 * builds its own set: plug-ins hold sockets and closures, which cannot cross a thread.
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

/** What a worker starts with: it loads its plug-ins at once, then waits for one job. */
export interface WorkerInput {
  engine: EngineModule;
  tuning: ScanTuning;
  /** The worker notes each answer it reads here (see breadcrumb.ts); the host reads it after a death. */
  breadcrumb: SharedArrayBuffer;
}

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

export type WorkerMessage =
  /** A bus event of the scan, relayed as emitted. */
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'log'; level: LogLevelName; scope: string | null; message: string; fields?: Record<string, unknown> }
  /** A login attempt of a re-test (a scan's attempts travel as `check:attempt` events). */
  | { type: 'attempt'; attempt: Omit<CredentialAttempt, 'at'> }
  /** Every second while the worker's event loop turns; with the heap in use, for the peak figure. */
  | { type: 'alive'; heapUsed: number }
  | { type: 'done'; result: ScanResult | unknown; heapPeak: number }
  /** The job threw an ordinary, caught error: not a crash, the worker is fine. */
  | { type: 'error'; message: string };

export type HostMessage = { type: 'job'; job: WorkerJob } | { type: 'abort' };
