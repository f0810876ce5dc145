// The cron parser and next-run computation, in UTC, in the box's local zone, and across DST changes.
import { afterEach, describe, expect, it } from 'vitest';
import { CronError, nextCronRun, parseCron } from '../../../backend/src/core/cron.js';

const ORIGINAL_TZ = process.env['TZ'];
afterEach(() => {
  if (ORIGINAL_TZ === undefined) delete process.env['TZ']; else process.env['TZ'] = ORIGINAL_TZ;
});

const utc = (text: string) => new Date(`${text}Z`);
const next = (expr: string, after: Date, zone: 'utc' | 'local' = 'utc') => nextCronRun(parseCron(expr), after, zone)?.toISOString() ?? null;

describe('parseCron', () => {
  it('reads numbers, names, ranges, steps and lists', () => {
    const cron = parseCron('*/15 1-3,22 * jan-mar mon-fri');
    expect(cron.minutes).toEqual([0, 15, 30, 45]);
    expect(cron.hours).toEqual([1, 2, 3, 22]);
    expect([...cron.months].sort()).toEqual([1, 2, 3]);
    expect([...cron.daysOfWeek].sort()).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron('0 0 * * 7').daysOfWeek]).toEqual([0]); // 7 is Sunday
    expect(parseCron('5/20 * * * *').minutes).toEqual([5, 25, 45]);
  });

  it('refuses malformed expressions with a message naming the field', () => {
    expect(() => parseCron('* * * *')).toThrow(/5 fields/);
    expect(() => parseCron('60 * * * *')).toThrow(/minute: "60"/);
    expect(() => parseCron('* 5-2 * * *')).toThrow(/hour: range 5-2 runs backwards/);
    expect(() => parseCron('* * 0 * *')).toThrow(CronError);
    expect(() => parseCron('*/0 * * * *')).toThrow(/step/);
    expect(() => parseCron('* * * foo *')).toThrow(/month/);
  });
});

describe('nextCronRun in UTC', () => {
  it('finds the next minute, hour, day and month', () => {
    expect(next('*/15 * * * *', utc('2026-11-24T10:07:30'))).toBe('2026-11-24T10:15:00.000Z');
    expect(next('0 3 * * *', utc('2026-11-24T03:00:00'))).toBe('2026-11-25T03:00:00.000Z'); // strictly after
    expect(next('30 23 31 12 *', utc('2026-11-24T00:00:00'))).toBe('2026-12-31T23:30:00.000Z');
    expect(next('0 0 29 2 *', utc('2026-03-01T00:00:00'))).toBe('2028-02-29T00:00:00.000Z'); // leap day
    expect(next('0 9 * * mon', utc('2026-11-24T12:00:00'))).toBe('2026-11-30T09:00:00.000Z'); // 24th is a Tuesday
  });

  it('day of month OR day of week when both are given (Vixie cron)', () => {
    // The 1st of the month or any Friday: after Tue 24 Nov 2026 comes Fri 27 Nov.
    expect(next('0 12 1 * fri', utc('2026-11-24T00:00:00'))).toBe('2026-11-27T12:00:00.000Z');
    expect(next('0 12 1 * fri', utc('2026-11-28T00:00:00'))).toBe('2026-12-01T12:00:00.000Z');
  });

  it('never matches an impossible date', () => {
    expect(next('0 0 31 2 *', utc('2026-01-01T00:00:00'))).toBeNull();
  });
});

describe('nextCronRun in the local time zone', () => {
  it('follows the box zone (Asia/Tokyo, UTC+9, no DST)', () => {
    process.env['TZ'] = 'Asia/Tokyo';
    // 03:00 in Tokyo is 18:00 UTC the day before.
    expect(next('0 3 * * *', utc('2026-11-24T12:00:00'), 'local')).toBe('2026-11-24T18:00:00.000Z');
    expect(next('0 3 * * *', utc('2026-11-24T12:00:00'), 'utc')).toBe('2026-11-25T03:00:00.000Z');
  });

  it('skips a time that does not exist when clocks go forward, runs a repeated hour once', () => {
    process.env['TZ'] = 'America/New_York';
    // 8 Mar 2026: 02:00 → 03:00 local. 02:30 does not exist that day: next is 9 Mar 02:30 (06:30Z, EDT).
    expect(next('30 2 * * *', utc('2026-03-08T05:00:00'), 'local')).toBe('2026-03-09T06:30:00.000Z');
    // 1 Nov 2026: 02:00 → 01:00 local. 01:30 happens twice; it runs at the first (05:30Z) only.
    const first = next('30 1 * * *', utc('2026-11-01T04:00:00'), 'local');
    expect(first).toBe('2026-11-01T05:30:00.000Z');
    expect(next('30 1 * * *', new Date(first!), 'local')).toBe('2026-11-02T06:30:00.000Z');
  });
});
