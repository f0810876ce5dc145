// The two isolated jobs as the appliance calls them: a scan that reports on the caller's bus as
// runScan does (and returns a partial, failed result when its process dies), and a re-test.
import type { StoredDevice, StoredFinding } from '../../core/records.js';
import type { EventBus, ScanEvents } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import type { ScanTuning } from '../../core/plugins.js';
import type { CredentialAttempt, ScanProgress, ScanResult } from '../../core/types.js';
import type { RetestOutcome, RetestRefusal } from '../retest.js';
import type { ScanRequest } from '../runner.js';
import { describeFailure } from './failure.js';
import { runInWorker, SCAN_RESOURCE_LIMITS, type IsolationOptions } from './host.js';
import type { WorkerMessage } from './messages.js';
import { collectPartial } from './partial.js';

export interface IsolatedScanDeps {
  bus: EventBus;
  log: Logger;
  tuning: ScanTuning;
  isolation: IsolationOptions;
  now?: () => Date;
}

/** Like runScan, in a scan process: the same events on `deps.bus`; never rejects. */
export async function runScanIsolated(request: ScanRequest, deps: IsolatedScanDeps, signal: AbortSignal, scanId: string): Promise<ScanResult> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log.child(`scan ${scanId.slice(0, 8)}`);
  const partial = collectPartial(deps.bus, request, scanId, now(), now);
  let progress: ScanProgress | null = null;
  const stopProgress = deps.bus.on('scan:progress', (p) => { progress = p; });
  const outcome = await runInWorker({ kind: 'scan', scanId, request }, deps.tuning, deps.isolation, signal, (message) => {
    if (message.type === 'event') deps.bus.emit(message.name as keyof ScanEvents, message.payload as never);
    else relayLog(deps.log, message);
  });
  partial.stop();
  stopProgress();
  if (outcome.kind === 'done') {
    const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(1);
    const limit = deps.isolation.resourceLimits?.maxOldGenerationSizeMb ?? SCAN_RESOURCE_LIMITS.maxOldGenerationSizeMb;
    log.info(`scan process peak RSS ${mb(outcome.rssPeak)} MB, heap peak ${mb(outcome.heapPeak)} MB (heap limit ${limit} MB)`);
    return outcome.result as ScanResult;
  }
  if (outcome.kind === 'cancelled') {
    // The process did not wind down within the grace period: what it had reported is the result.
    const result = partial.result('cancelled', null);
    deps.bus.emit('scan:finished', { scanId, result });
    return result;
  }
  const failure = describeFailure(outcome.death, progress, outcome.answer);
  log.error(failure.message, { kind: failure.kind, ...(failure.ip ? { ip: failure.ip } : {}), ...(failure.protocol ? { protocol: failure.protocol } : {}) });
  const result = partial.result('failed', failure);
  deps.bus.emit('scan:finished', { scanId, result });
  return result;
}

export interface IsolatedRetestDeps {
  tuning: ScanTuning;
  log: Logger;
  isolation: IsolationOptions;
  loginChecks: boolean;
  loginChecksExcluded: readonly string[];
  /** The ranges the owner may scan now. */
  scope: readonly string[];
  devices: readonly StoredDevice[];
  recordAttempt: (attempt: CredentialAttempt) => void;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => Date;
}

/** Raised when the re-test's process died: the message says why, in the owner's terms. */
export class RetestStopped extends Error {}

/** retestFinding in a scan process. */
export async function retestIsolated(finding: StoredFinding, device: StoredDevice | undefined, deps: IsolatedRetestDeps): Promise<RetestOutcome | RetestRefusal> {
  const now = deps.now ?? (() => new Date());
  const job = {
    kind: 'retest' as const, finding, device, devices: [...deps.devices], loginChecks: deps.loginChecks,
    loginChecksExcluded: [...deps.loginChecksExcluded], scope: [...deps.scope], timeoutMs: deps.timeoutMs ?? 60_000,
  };
  const outcome = await runInWorker(job, deps.tuning, deps.isolation, deps.signal ?? new AbortController().signal, (message) => {
    if (message.type === 'attempt') deps.recordAttempt({ ...message.attempt, at: now().toISOString() });
    else relayLog(deps.log, message);
  });
  if (outcome.kind === 'done') return outcome.result as RetestOutcome | RetestRefusal;
  if (outcome.kind === 'cancelled') throw new RetestStopped('the re-test was cancelled');
  const failure = describeFailure(outcome.death, { scanId: '', stage: 'checks', percent: 0, current: `${finding.checkId} ${finding.ip}:${finding.port}` }, outcome.answer);
  deps.log.error(failure.message, { kind: failure.kind });
  throw new RetestStopped(failure.message.replace('The scan', 'The re-test').replace(' What it found until then is kept.', ''));
}

function relayLog(log: Logger, message: WorkerMessage): void {
  if (message.type !== 'log') return;
  (message.scope ? log.child(message.scope) : log)[message.level](message.message, message.fields);
}
