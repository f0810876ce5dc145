// The scheduler with an injected clock: interval and cron schedules, quiet hours, the next run,
// and the timer it arms — no real waiting.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../backend/src/core/logger.js';
import { afterQuietHours, inQuietHours, Scheduler, type Clock, type ScheduleSettings } from '../../../backend/src/pipeline/scheduler.js';

class FakeClock implements Clock {
  timers: Array<{ at: number; callback: () => void; id: number }> = [];
  #id = 0;
  constructor(public time: number) {}
  now = () => new Date(this.time);
  setTimeout = (callback: () => void, ms: number) => { const id = ++this.#id; this.timers.push({ at: this.time + ms, callback, id }); return id; };
  clearTimeout = (handle: unknown) => { this.timers = this.timers.filter((t) => t.id !== handle); };
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let guard = 0; guard < 100_000; guard++) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }
}

const log = createLogger({ level: 'silent' });
const NO_QUIET = { enabled: false, start: '22:00', end: '07:00' };

function setup(settings: ScheduleSettings, startIso: string) {
  const clock = new FakeClock(Date.parse(startIso));
  const starts: string[] = [];
  let last: Date | null = null;
  const scheduler = new Scheduler({
    settings: () => settings, clock, log, lastScanAt: () => last,
    startScan: () => { last = clock.now(); starts.push(clock.now().toISOString()); return { ok: true, scanId: `scan-${starts.length}-0000` }; },
  });
  return { clock, starts, scheduler };
}

describe('Scheduler', () => {
  it('runs an interval schedule every 6 h, counted from the last scan', () => {
    const { clock, starts, scheduler } = setup({ entries: [{ kind: 'interval', enabled: true, everyMinutes: 360 }], timeZone: 'utc', quietHours: NO_QUIET }, '2026-11-24T00:00:00Z');
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-11-24T06:00:00.000Z');
    scheduler.start();
    clock.advance(24 * 3_600_000);
    scheduler.stop();
    expect(starts).toEqual(['2026-11-24T06:00:00.000Z', '2026-11-24T12:00:00.000Z', '2026-11-24T18:00:00.000Z', '2026-11-25T00:00:00.000Z']);
    expect(clock.timers).toHaveLength(0);
  });

  it('runs a cron schedule and exposes the next run', () => {
    const { clock, starts, scheduler } = setup({ entries: [{ kind: 'cron', enabled: true, cron: '0 3 * * *' }], timeZone: 'utc', quietHours: NO_QUIET }, '2026-11-24T10:00:00Z');
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-11-25T03:00:00.000Z');
    expect(scheduler.tick()).toBe(false);
    scheduler.start();
    clock.advance(2 * 86_400_000);
    scheduler.stop();
    expect(starts).toEqual(['2026-11-25T03:00:00.000Z', '2026-11-26T03:00:00.000Z']);
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-11-27T03:00:00.000Z');
  });

  it('never starts inside quiet hours: a due scan waits for their end', () => {
    const quiet = { enabled: true, start: '22:00', end: '07:00' };
    const { clock, starts, scheduler } = setup({ entries: [{ kind: 'cron', enabled: true, cron: '0 23 * * *' }], timeZone: 'utc', quietHours: quiet }, '2026-11-24T10:00:00Z');
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    clock.time = Date.parse('2026-11-24T23:00:00Z');
    expect(scheduler.tick()).toBe(false); // due, but quiet
    scheduler.start();
    clock.advance(12 * 3_600_000);
    scheduler.stop();
    expect(starts).toEqual(['2026-11-25T07:00:00.000Z']);
    for (const at of starts) expect(inQuietHours(new Date(at), quiet, 'utc')).toBe(false);
  });

  it('has no next run without an enabled schedule', () => {
    const { scheduler, clock, starts } = setup({ entries: [{ kind: 'interval', enabled: false, everyMinutes: 60 }], timeZone: 'utc', quietHours: NO_QUIET }, '2026-11-24T00:00:00Z');
    expect(scheduler.nextRun()).toBeNull();
    scheduler.start();
    clock.advance(5 * 3_600_000);
    scheduler.stop();
    expect(starts).toEqual([]);
  });

  it('takes the earliest of several schedules and, after a refused start, waits a full interval', () => {
    const clock = new FakeClock(Date.parse('2026-11-24T00:00:00Z'));
    const attempts: string[] = [];
    const scheduler = new Scheduler({
      settings: () => ({ entries: [{ kind: 'interval', enabled: true, everyMinutes: 120 }, { kind: 'cron', enabled: true, cron: '30 0 * * *' }], timeZone: 'utc', quietHours: NO_QUIET }),
      clock, log, lastScanAt: () => null,
      startScan: () => { attempts.push(clock.now().toISOString()); return { ok: false, error: 'no network' }; },
    });
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-11-24T00:30:00.000Z');
    scheduler.start();
    clock.advance(3 * 3_600_000);
    scheduler.stop();
    expect(attempts).toEqual(['2026-11-24T00:30:00.000Z', '2026-11-24T02:30:00.000Z']);
  });
});

describe('quiet hours', () => {
  it('wrap midnight, and the end of them is the next allowed start', () => {
    const quiet = { enabled: true, start: '22:00', end: '07:00' };
    expect(inQuietHours(new Date('2026-11-24T21:59:00Z'), quiet, 'utc')).toBe(false);
    expect(inQuietHours(new Date('2026-11-24T22:00:00Z'), quiet, 'utc')).toBe(true);
    expect(inQuietHours(new Date('2026-11-25T06:59:00Z'), quiet, 'utc')).toBe(true);
    expect(inQuietHours(new Date('2026-11-25T07:00:00Z'), quiet, 'utc')).toBe(false);
    expect(afterQuietHours(new Date('2026-11-24T23:15:00Z'), quiet, 'utc').toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(afterQuietHours(new Date('2026-11-25T01:00:00Z'), quiet, 'utc').toISOString()).toBe('2026-11-25T07:00:00.000Z');
    const day = { enabled: true, start: '09:00', end: '17:00' };
    expect(afterQuietHours(new Date('2026-11-24T12:00:00Z'), day, 'utc').toISOString()).toBe('2026-11-24T17:00:00.000Z');
  });
});
