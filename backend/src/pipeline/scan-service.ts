// Runs scans for the appliance: one at a time, a short queue behind it, cancellable, every event
// stored and re-emitted as the dashboard sees it (stored devices and findings, with their ids).
import { deviceIdOf } from '../core/device-id.js';
import { EventBus, type ApplianceEvents, type ChangeEvents } from '../core/events.js';
import type { DeviceScanState, QueuedScan, ScanSummary, StoredFinding } from '../core/records.js';
import type { Logger } from '../core/logger.js';
import type { SiteIdentity } from '../core/site.js';
import type { ScanTuning } from '../core/plugins.js';
import type { ScanProgress, ScanResult } from '../core/types.js';
import type { ScanPlan } from '../scope/resolve.js';
import type { AuditLog } from '../storage/audit.js';
import type { Store } from '../storage/store.js';
import { runScanIsolated } from './isolation/run.js';
import type { IsolationOptions } from './isolation/host.js';
import { runScan } from './runner.js';
import type { ScanPlugins } from './scan-types.js';

export type ScanTrigger = 'manual' | 'schedule';

export interface ScanServiceDeps {
  /** The plug-in set (plugin-set.ts builds it in the composition root). */
  engine: { plugins: ScanPlugins };
  store: Store;
  log: Logger;
  tuning: ScanTuning;
  /** Decides targets and interface at the moment a scan starts (settings may have changed). */
  plan: (targets?: string[]) => ScanPlan;
  loginChecks: () => boolean;
  /** Ids of devices (core/device-id.ts) never sent a login attempt (the owner's per-device opt-out). */
  loginChecksExcluded?: () => readonly string[];
  /** The site each result is stamped with (scan.site), read when a scan starts. */
  site?: () => SiteIdentity;
  /** Called after each scan is stored: prunes old scans. */
  afterScan?: () => void;
  /** Keeps the scan's machine-readable result (contract JSON) for the evidence pack; failures are logged. */
  saveResult?: (result: ScanResult) => Promise<unknown>;
  /** The audit trail: scans and every login attempt are recorded there. */
  audit?: AuditLog;
  /**
   * Runs each scan in a child process built from this engine module, under a heap limit: a crash
   * or a heap blow-up ends that scan (failed, with the reason, partial results kept), never the
   * appliance. Without it the scan runs in this thread with `engine.plugins` (tests, tools).
   */
  isolation?: IsolationOptions;
  now?: () => Date;
}

export type StartResult = { ok: true; scanId: string; queued: boolean } | { ok: false; error: string };

/** Scans waiting behind the running one: enough for "scan again when done", not a backlog. */
export const MAX_QUEUED = 3;

interface Waiting extends QueuedScan { targets?: string[] }

export class ScanService {
  readonly events = new EventBus<ApplianceEvents>();
  readonly changes = new EventBus<ChangeEvents>();
  #running: ScanSummary | null = null;
  #progress: ScanProgress | null = null;
  #controller: AbortController | null = null;
  #done: Promise<void> = Promise.resolve();
  #queue: Waiting[] = [];
  #deviceStates: Record<string, DeviceScanState> = {};

  constructor(private readonly deps: ScanServiceDeps) {}

  get running(): ScanSummary | null { return this.#running; }
  get progress(): ScanProgress | null { return this.#progress; }
  /** Where each device is in the running scan, by device id (undefined when none runs). */
  get deviceStates(): Record<string, DeviceScanState> | undefined { return this.#running ? { ...this.#deviceStates } : undefined; }
  get queued(): QueuedScan[] { return this.#queue.map(({ id, requestedAt, trigger, requestedTargets }) => ({ id, requestedAt, trigger, requestedTargets })); }

  /** Starts a scan now, or queues it behind the running one. The plan is checked now and again at start. */
  start(targets?: string[], trigger: ScanTrigger = 'manual'): StartResult {
    const plan = this.deps.plan(targets);
    if (!plan.ok) return { ok: false, error: plan.errors.join('; ') };
    if (!this.#running) return { ok: true, scanId: this.#begin(plan, trigger, crypto.randomUUID()), queued: false };
    if (trigger === 'schedule' && this.#queue.some((q) => q.trigger === 'schedule')) return { ok: false, error: 'a scheduled scan is already waiting' };
    if (this.#queue.length >= MAX_QUEUED) return { ok: false, error: `a scan is running and ${MAX_QUEUED} are waiting; try again later` };
    const waiting: Waiting = {
      id: crypto.randomUUID(), requestedAt: this.#now().toISOString(), trigger, requestedTargets: targets ?? null,
      ...(targets ? { targets } : {}),
    };
    this.#queue.push(waiting);
    this.events.emit('scan:queue', this.queued);
    return { ok: true, scanId: waiting.id, queued: true };
  }

  /** Without an id: stops the running scan and empties the queue. With one: that scan only. */
  cancel(scanId?: string): boolean {
    if (scanId !== undefined && scanId !== this.#running?.id) {
      const before = this.#queue.length;
      this.#queue = this.#queue.filter((q) => q.id !== scanId);
      if (this.#queue.length === before) return false;
      this.events.emit('scan:queue', this.queued);
      return true;
    }
    const hadQueue = this.#queue.length > 0;
    if (scanId === undefined && hadQueue) {
      this.#queue = [];
      this.events.emit('scan:queue', []);
    }
    if (!this.#controller) return hadQueue;
    this.#controller.abort();
    return true;
  }

  /** Resolves when no scan is running and none is waiting. */
  async whenIdle(): Promise<void> {
    while (this.#running) await this.#done;
  }

  #now(): Date { return (this.deps.now ?? (() => new Date()))(); }

  #begin(plan: Extract<ScanPlan, { ok: true }>, trigger: ScanTrigger, scanId: string): string {
    const now = () => this.#now();
    const controller = new AbortController();
    const bus = new EventBus();
    const { store } = this.deps;
    const loginChecks = this.deps.loginChecks();
    const summary: ScanSummary = {
      id: scanId, status: 'running', startedAt: now().toISOString(), finishedAt: null,
      targets: plan.targets, loginChecks, stats: null, error: null, trigger,
    };
    this.#running = summary;
    this.#controller = controller;
    store.recordScan(summary);

    const known = (id: string) => store.devices().some((d) => d.id === id);
    bus.on('scan:progress', (progress) => { this.#progress = progress; this.events.emit('scan:progress', progress); });
    bus.on('device:found', ({ device }) => {
      const isNew = !known(deviceIdOf(device));
      const stored = store.upsertDevice(device, now().toISOString());
      this.events.emit('device:found', stored);
      if (isNew) this.changes.emit('device:new', { scanId, device: stored });
    });
    bus.on('device:updated', ({ device }) => this.events.emit('device:updated', store.upsertDevice(device, now().toISOString())));
    this.#deviceStates = {};
    bus.on('device:state', ({ ip, mac, state }) => {
      const deviceId = store.idFor({ ip, mac });
      this.#deviceStates[deviceId] = state;
      this.events.emit('device:state', { scanId, deviceId, ip, state });
    });
    bus.on('service:found', ({ ip, mac, service }) => this.events.emit('service:found', { deviceId: store.idFor({ ip, mac }), ip, service }));
    bus.on('finding:raised', ({ finding }) => {
      const previous = store.findings().find((f) => f.key === finding.key)?.status;
      const stored = store.upsertFinding(finding, now().toISOString());
      this.events.emit('finding:raised', stored);
      if (previous === undefined) this.changes.emit('finding:new', { scanId, finding: stored });
      else if (previous === 'resolved') this.changes.emit('finding:reopened', { scanId, finding: stored });
    });
    this.events.emit('scan:started', summary);
    const audited = (action: string, details: Record<string, unknown>): void => {
      this.deps.audit?.append({ actor: 'system', action, details }).catch((error: unknown) => this.deps.log.error('audit trail write failed', { error: String(error) }));
    };
    audited('scan-started', { scanId, targets: plan.targets, interface: plan.interfaceName, loginChecks, trigger });
    bus.on('check:attempt', ({ attempt }) => audited('credential-attempt', { scanId, ...attempt }));

    const checks = this.deps.engine.plugins.checks;
    const checkRan = (id: string): boolean => {
      const check = checks.find((c) => c.id === id);
      return check !== undefined && (!check.intrusive || loginChecks);
    };
    const request = {
      targets: plan.targets, interfaceName: plan.interfaceName, interfaceAddress: plan.interfaceAddress, networks: plan.networks, loginChecks,
      loginChecksExcluded: this.deps.loginChecksExcluded?.() ?? [],
      ...(this.deps.site ? { site: this.deps.site() } : {}),
    };
    const { isolation } = this.deps;
    const run = isolation
      ? runScanIsolated(request, { bus, log: this.deps.log, tuning: this.deps.tuning, isolation, now }, controller.signal, scanId)
      : runScan(request, { plugins: this.deps.engine.plugins, bus, log: this.deps.log, tuning: this.deps.tuning, now }, controller.signal, scanId as ReturnType<typeof crypto.randomUUID>);
    this.#done = run
      .then(async (result) => {
        // Never lets a storage failure stop the scan from being recorded as finished.
        await Promise.resolve().then(() => this.deps.saveResult?.(result))
          .catch((error: unknown) => this.deps.log.error('keeping the scan result failed', { error: String(error) }));
        const resolved: StoredFinding[] = store.resolveUnseen(result, checkRan);
        for (const finding of resolved) this.events.emit('finding:raised', finding);
        const failure = result.scan.failureReason;
        return { ...summary, status: result.scan.status, finishedAt: result.scan.finishedAt, stats: result.scan.stats, ...(failure ? { error: failure.message, failureReason: failure } : {}) };
      }, (error: unknown) => ({ ...summary, status: 'failed' as const, finishedAt: now().toISOString(), error: String(error) }))
      .then(async (finished) => {
        store.recordScan(finished);
        try { this.deps.afterScan?.(); } catch (error) { this.deps.log.warn('after-scan housekeeping failed', { error: String(error) }); }
        audited('scan-finished', { scanId, status: finished.status, stats: finished.stats, error: finished.error });
        await store.flush().catch((error: unknown) => this.deps.log.error('storing the scan failed', { error: String(error) }));
        this.#running = null;
        this.#controller = null;
        this.#progress = null;
        this.events.emit('scan:finished', finished);
        this.changes.emit('scan:done', finished);
        this.#startNext();
      });
    return scanId;
  }

  #startNext(): void {
    while (!this.#running && this.#queue.length > 0) {
      const next = this.#queue.shift()!;
      this.events.emit('scan:queue', this.queued);
      const plan = this.deps.plan(next.targets);
      if (plan.ok) { this.#begin(plan, next.trigger, next.id); return; }
      this.deps.log.warn(`queued scan ${next.id.slice(0, 8)} dropped: ${plan.errors.join('; ')}`);
    }
  }
}
