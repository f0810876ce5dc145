// Progress that means something: the percent counts units of work done (a discoverer's pass, a
// device's probe, a service named, a check run) against the work known so far, never stages; it
// never goes back. The stage says what most of the scan is doing now.
import type { EventBus } from '../core/events.js';
import type { ScanStage } from '../core/types.js';

/** At most ~10 progress events a second: enough for a live bar, cheap for the socket. */
const MIN_INTERVAL_MS = 100;

export class ProgressMeter {
  #planned = 0;
  #done = 0;
  #percent = 0;
  #stage: ScanStage = 'discovery';
  #current: string | null = null;
  #last = 0;

  constructor(private readonly bus: EventBus, private readonly scanId: string) {}

  get stage(): ScanStage { return this.#stage; }

  /** More work became known (a device found, a service open, a check due). */
  plan(units = 1): void { this.#planned += units; }

  /** Work finished; the percent moves on. */
  finish(units = 1): void {
    this.#done += units;
    this.#emit(false);
  }

  /** What is looked at right now (shown live). */
  current(what: string): void {
    this.#current = what;
    this.#emit(false);
  }

  stageIs(stage: ScanStage): void {
    if (stage === this.#stage) return;
    this.#stage = stage;
    if (stage === 'done') this.#percent = 100;
    this.#emit(true);
  }

  #emit(force: boolean): void {
    if (this.#stage !== 'done' && this.#planned > 0) {
      // Never 100 before the end: work may still become known (a late device, a late service).
      this.#percent = Math.max(this.#percent, Math.min(99, Math.floor((100 * this.#done) / this.#planned)));
    }
    if (!force && Date.now() - this.#last < MIN_INTERVAL_MS) return;
    this.#last = Date.now();
    this.bus.emit('scan:progress', { scanId: this.scanId, stage: this.#stage, percent: this.#percent, current: this.#current });
  }
}
