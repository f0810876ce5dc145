// Scheduled scans: every N minutes or on a cron expression, never starting inside quiet hours.
// Time comes from an injected clock, so tests move time instead of waiting for it.
import type { Logger } from '../core/logger.js';
import { fromWallClock, nextCronRun, parseCron, wallClock, type CronExpression, type TimeZoneMode } from '../core/cron.js';

export type ScheduleEntry =
  | { kind: 'interval'; enabled: boolean; everyMinutes: number }
  | { kind: 'cron'; enabled: boolean; cron: string };

export interface QuietHours { enabled: boolean; start: string; end: string }

export interface ScheduleSettings {
  entries: readonly ScheduleEntry[];
  timeZone: TimeZoneMode;
  quietHours: QuietHours;
}

export interface Clock {
  now(): Date;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => new Date(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerDeps {
  settings: () => ScheduleSettings;
  /** When the last scan (of any kind) started: an interval counts from there. */
  lastScanAt: () => Date | null;
  /** Starts (or queues) a scan; an error is logged and the schedule moves on. */
  startScan: () => { ok: true; scanId: string } | { ok: false; error: string };
  log: Logger;
  clock?: Clock;
}

/** Longest sleep between checks: settings and the wall clock may change under us. */
const MAX_SLEEP_MS = 60_000;

export class Scheduler {
  readonly #clock: Clock;
  #cursor: Date;
  #timer: unknown = null;

  constructor(private readonly deps: SchedulerDeps) {
    this.#clock = deps.clock ?? SYSTEM_CLOCK;
    this.#cursor = this.#clock.now();
  }

  /** When the next scheduled scan will start, or null when no schedule is enabled. */
  nextRun(): Date | null {
    const settings = this.deps.settings();
    let next: Date | null = null;
    for (const entry of settings.entries) {
      if (!entry.enabled) continue;
      const due = this.#due(entry, settings.timeZone);
      if (!due) continue;
      const allowed = afterQuietHours(due, settings.quietHours, settings.timeZone);
      if (!next || allowed < next) next = allowed;
    }
    return next;
  }

  /** Starts a scan if one is due now (and now is not quiet); returns whether it did. */
  tick(): boolean {
    const now = this.#clock.now();
    const settings = this.deps.settings();
    const next = this.nextRun();
    if (!next || next > now || inQuietHours(now, settings.quietHours, settings.timeZone)) return false;
    this.#cursor = now;
    const started = this.deps.startScan();
    if (started.ok) this.deps.log.info(`scheduled scan ${started.scanId.slice(0, 8)} started`);
    else this.deps.log.warn(`scheduled scan not started: ${started.error}`);
    return started.ok;
  }

  /** Arms the timer; it re-arms itself after every check. */
  start(): void {
    this.stop();
    const next = this.nextRun();
    const wait = next ? Math.max(0, next.getTime() - this.#clock.now().getTime()) : MAX_SLEEP_MS;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      try { this.tick(); } catch (error) { this.deps.log.error('scheduler check failed', { error: String(error) }); }
      this.start();
    }, Math.min(wait, MAX_SLEEP_MS));
  }

  stop(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #due(entry: ScheduleEntry, zone: TimeZoneMode): Date | null {
    if (entry.kind === 'interval') {
      const last = this.deps.lastScanAt();
      const anchor = last && last > this.#cursor ? last : this.#cursor;
      return new Date(anchor.getTime() + entry.everyMinutes * 60_000);
    }
    return nextCronRun(compiled(entry.cron), this.#cursor, zone);
  }
}

const cache = new Map<string, CronExpression>();
function compiled(source: string): CronExpression {
  let cron = cache.get(source);
  if (!cron) {
    cron = parseCron(source);
    if (cache.size > 64) cache.clear();
    cache.set(source, cron);
  }
  return cron;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Quiet hours may wrap midnight (22:00–07:00); start equal to end means none. */
export function inQuietHours(at: Date, quiet: QuietHours, zone: TimeZoneMode): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const wall = wallClock(at, zone);
  const now = wall.hour * 60 + wall.minute;
  return start < end ? now >= start && now < end : start > end ? now >= start || now < end : false;
}

/** `at`, or the end of the quiet hours it falls in. */
export function afterQuietHours(at: Date, quiet: QuietHours, zone: TimeZoneMode): Date {
  if (!inQuietHours(at, quiet, zone)) return at;
  const end = minutesOf(quiet.end);
  const wall = wallClock(at, zone);
  for (let day = 0; day <= 2; day++) {
    const candidate = fromWallClock(wall.year, wall.month, wall.day + day, Math.floor(end / 60), end % 60, zone);
    if (candidate > at && !inQuietHours(candidate, quiet, zone)) return candidate;
  }
  return at;
}
