// Watches the box itself: a scan that failed, a scheduled scan that did not start or is overdue,
// and the optional heartbeat (a GET to the owner's monitoring address after every completed scan,
// Uptime Kuma push or Healthchecks.io style: when the pings stop — box off, process hung, scans
// failing — the monitor, which runs elsewhere, tells the owner). Nothing here throws.
import type { Logger } from '../core/logger.js';
import type { BoxEvent } from './box-message.js';
import { safeTarget } from './channels.js';

const HEARTBEAT_TIMEOUT_MS = 8000;
/** A scheduled scan that has not started this long after it was due is overdue. */
const DEFAULT_GRACE_MS = 30 * 60_000;
const CHECK_EVERY_MS = 60_000;

export interface FinishedScan { id: string; status: string; error: string | null }

export interface BoxWatchDeps {
  /** When the next scheduled scan is due (null: no schedule). */
  nextScheduledScan: () => Date | null;
  /** When the last scan started (null: never). */
  lastScanAt: () => Date | null;
  /** Whether a scan runs now (an overdue check waits for it). */
  scanRunning: () => boolean;
  /** The owner wants alerts about scan problems (settings: notifications.events.scanProblems). */
  enabled: () => boolean;
  /** The heartbeat address, when the heartbeat is on. */
  heartbeatUrl: () => string | null;
  notify: (event: BoxEvent) => void;
  log: Logger;
  now?: () => Date;
  graceMs?: number;
}

export class BoxWatch {
  readonly #now: () => Date;
  readonly #graceMs: number;
  /** The scheduled start being waited for, and whether its overdue alert went out. */
  #expected: Date | null = null;
  #reported = false;
  /** The last scan's start when #expected was taken: any scan since makes it stale. */
  #lastSeen: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  readonly #pings = new Set<Promise<void>>();

  constructor(private readonly deps: BoxWatchDeps) {
    this.#now = deps.now ?? (() => new Date());
    this.#graceMs = deps.graceMs ?? DEFAULT_GRACE_MS;
  }

  start(): void {
    this.stop();
    this.check();
    this.#timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Resolves when every heartbeat under way is done. */
  async idle(): Promise<void> {
    while (this.#pings.size > 0) await Promise.allSettled([...this.#pings]);
  }

  scanFinished(scan: FinishedScan): void {
    if (scan.status === 'failed') {
      if (this.deps.enabled()) this.deps.notify({ kind: 'scan-failed', scanId: scan.id, reason: scan.error ?? 'unknown error' });
      return;
    }
    if (scan.status === 'completed') this.#heartbeat();
  }

  /** The scheduler could not start a due scan (no network to scan, queue full…). */
  scheduledScanRefused(reason: string): void {
    if (this.deps.enabled()) this.deps.notify({ kind: 'scan-failed', scanId: null, reason });
  }

  /** Overdue: a scheduled start passed more than the grace period ago and no scan started since. */
  check(): void {
    const now = this.#now();
    const last = this.deps.lastScanAt();
    const next = this.deps.nextScheduledScan();
    // Waited for afresh when a scan started since, the schedule went, or it now comes earlier. A
    // scheduler that skipped a due start moves its next run later: the old one stays expected.
    const stale = !this.#expected || (last?.getTime() ?? null) !== this.#lastSeen || next === null || next < this.#expected;
    if (stale) {
      this.#expected = next;
      this.#lastSeen = last?.getTime() ?? null;
      this.#reported = false;
      return;
    }
    if (!this.#expected) return;
    if (this.#reported || this.deps.scanRunning() || now.getTime() - this.#expected.getTime() < this.#graceMs) return;
    this.#reported = true;
    if (this.deps.enabled()) {
      this.deps.notify({ kind: 'scan-overdue', lastScanAt: last?.toISOString() ?? null, dueSince: this.#expected.toISOString() });
    }
    this.deps.log.warn(`a scheduled scan due at ${this.#expected.toISOString()} has not started`);
  }

  #heartbeat(): void {
    const url = this.deps.heartbeatUrl();
    if (!url) return;
    const ping = fetch(url, { method: 'GET', redirect: 'manual', headers: { 'user-agent': 'mamori' }, signal: AbortSignal.timeout(HEARTBEAT_TIMEOUT_MS) })
      .then(async (response) => {
        await response.body?.cancel().catch(() => undefined);
        if (response.status >= 400) this.deps.log.warn(`heartbeat: ${safeTarget(url)} answered HTTP ${response.status}`);
      }, () => this.deps.log.warn(`heartbeat: could not reach ${safeTarget(url)}`));
    this.#pings.add(ping);
    void ping.finally(() => this.#pings.delete(ping));
  }
}
