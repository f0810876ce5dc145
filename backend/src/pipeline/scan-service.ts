// Runs scans for the appliance: one at a time, cancellable, every event stored and re-emitted as
// the dashboard sees it (stored devices and findings, with their ids and history).
import type { ScanSummary, ServerToClientEvents, StoredFinding } from '../api/contract.js';
import { EventBus } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { ScanTuning } from '../core/plugins.js';
import type { ScanProgress } from '../core/types.js';
import type { ScanEngine } from '../engine.js';
import type { ScanPlan } from '../scope/resolve.js';
import type { AuditLog } from '../storage/audit.js';
import { deviceIdOf, type Store } from '../storage/store.js';
import { runScan } from './runner.js';

export type ApplianceEvents = {
  [K in Exclude<keyof ServerToClientEvents, 'snapshot'>]: Parameters<ServerToClientEvents[K]>[0];
};

export interface ScanServiceDeps {
  engine: ScanEngine;
  store: Store;
  log: Logger;
  tuning: ScanTuning;
  /** Decides targets and interface at the moment a scan starts (settings may have changed). */
  plan: (targets?: string[]) => ScanPlan;
  loginChecks: () => boolean;
  /** The audit trail: scans and every login attempt are recorded there. */
  audit?: AuditLog;
  now?: () => Date;
}

export type StartResult = { ok: true; scanId: string } | { ok: false; error: string };

export class ScanService {
  readonly events = new EventBus<ApplianceEvents>();
  #running: ScanSummary | null = null;
  #progress: ScanProgress | null = null;
  #controller: AbortController | null = null;
  #done: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ScanServiceDeps) {}

  get running(): ScanSummary | null { return this.#running; }
  get progress(): ScanProgress | null { return this.#progress; }

  start(targets?: string[]): StartResult {
    if (this.#running) return { ok: false, error: 'a scan is already running' };
    const plan = this.deps.plan(targets);
    if (!plan.ok) return { ok: false, error: plan.errors.join('; ') };
    const now = this.deps.now ?? (() => new Date());
    const controller = new AbortController();
    const bus = new EventBus();
    const { store } = this.deps;
    const loginChecks = this.deps.loginChecks();
    const scanId = crypto.randomUUID();
    const summary: ScanSummary = {
      id: scanId, status: 'running', startedAt: now().toISOString(), finishedAt: null,
      targets: plan.targets, loginChecks, stats: null, error: null,
    };
    this.#running = summary;
    this.#controller = controller;
    store.recordScan(summary);

    bus.on('scan:progress', (progress) => { this.#progress = progress; this.events.emit('scan:progress', progress); });
    bus.on('device:found', ({ device }) => this.events.emit('device:found', store.upsertDevice(device, now().toISOString())));
    bus.on('device:updated', ({ device }) => this.events.emit('device:updated', store.upsertDevice(device, now().toISOString())));
    bus.on('service:found', ({ ip, mac, service }) => this.events.emit('service:found', { deviceId: deviceIdOf({ ip, mac }), ip, service }));
    bus.on('finding:raised', ({ finding }) => this.events.emit('finding:raised', store.upsertFinding(finding, now().toISOString())));
    this.events.emit('scan:started', summary);
    const audited = (action: string, details: Record<string, unknown>): void => {
      this.deps.audit?.append({ actor: 'system', action, details }).catch((error: unknown) => this.deps.log.error('audit trail write failed', { error: String(error) }));
    };
    audited('scan-started', { scanId, targets: plan.targets, interface: plan.interfaceName, loginChecks });
    bus.on('check:attempt', ({ attempt }) => audited('credential-attempt', { scanId, ...attempt }));

    const checks = this.deps.engine.plugins.checks;
    const checkRan = (id: string): boolean => {
      const check = checks.find((c) => c.id === id);
      return check !== undefined && (!check.intrusive || loginChecks);
    };
    this.#done = runScan({ targets: plan.targets, interfaceName: plan.interfaceName, interfaceAddress: plan.interfaceAddress, loginChecks },
      { plugins: this.deps.engine.plugins, bus, log: this.deps.log, tuning: this.deps.tuning, now }, controller.signal, scanId)
      .then((result) => {
        const resolved: StoredFinding[] = store.resolveUnseen(result, checkRan);
        for (const finding of resolved) this.events.emit('finding:raised', finding);
        return { ...summary, status: result.scan.status, finishedAt: result.scan.finishedAt, stats: result.scan.stats };
      }, (error: unknown) => ({ ...summary, status: 'failed' as const, finishedAt: now().toISOString(), error: String(error) }))
      .then(async (finished) => {
        store.recordScan(finished);
        audited('scan-finished', { scanId, status: finished.status, stats: finished.stats, error: finished.error });
        this.#running = null;
        this.#controller = null;
        this.#progress = null;
        await store.flush();
        this.events.emit('scan:finished', finished);
      });
    return { ok: true, scanId };
  }

  cancel(): boolean {
    if (!this.#controller) return false;
    this.#controller.abort();
    return true;
  }

  /** Resolves when the current scan (if any) has finished and been stored. */
  whenIdle(): Promise<void> {
    return this.#done;
  }
}
