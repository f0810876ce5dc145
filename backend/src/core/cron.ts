// A small 5-field cron parser (minute hour day-of-month month day-of-week), enough for scan
// schedules: numbers, names (jan, mon), "*", ranges, steps and lists. Day-of-month and day-of-week
// combine as in Vixie cron: when both are restricted, either may match.
export type TimeZoneMode = 'local' | 'utc';

export class CronError extends Error {}

interface Field { min: number; max: number; names?: readonly string[] }
const FIELDS: readonly Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];

export interface CronExpression {
  readonly source: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  readonly domRestricted: boolean;
  readonly dowRestricted: boolean;
}

export function parseCron(source: string): CronExpression {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError(`a cron expression has 5 fields (minute hour day month weekday), got ${parts.length}`);
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]!, FIELD_NAMES[i]!));
  const dow = new Set([...sets[4]!].map((d) => d % 7)); // 7 is Sunday too
  return {
    source: parts.join(' '),
    minutes: [...sets[0]!].sort((a, b) => a - b),
    hours: [...sets[1]!].sort((a, b) => a - b),
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek: dow,
    domRestricted: parts[2] !== '*',
    dowRestricted: parts[4] !== '*',
  };
}

function parseField(text: string, field: Field, label: string): Set<number> {
  const values = new Set<number>();
  for (const item of text.toLowerCase().split(',')) {
    const match = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw new CronError(`${label}: cannot read "${item}"`);
    const step = match[2] === undefined ? 1 : Number(match[2]);
    if (step < 1 || step > field.max) throw new CronError(`${label}: step ${match[2]} is out of range`);
    let from = field.min;
    let to = field.max;
    if (match[1] !== '*') {
      const [a, b] = match[1]!.split('-');
      from = value(a!, field, label);
      to = b === undefined ? (match[2] === undefined ? from : field.max) : value(b, field, label);
      if (to < from) throw new CronError(`${label}: range ${match[1]} runs backwards`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function value(text: string, field: Field, label: string): number {
  const named = field.names?.indexOf(text) ?? -1;
  const n = named >= 0 ? named + (field.min === 1 ? 1 : 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < field.min || n > field.max) throw new CronError(`${label}: "${text}" is not between ${field.min} and ${field.max}`);
  return n;
}

/** Wall-clock fields of an instant, in the box's local time zone or in UTC. */
export function wallClock(at: Date, zone: TimeZoneMode): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  return zone === 'utc'
    ? { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate(), hour: at.getUTCHours(), minute: at.getUTCMinutes(), weekday: at.getUTCDay() }
    : { year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate(), hour: at.getHours(), minute: at.getMinutes(), weekday: at.getDay() };
}

/** The instant of a wall-clock time (month 1-12; overflowing days roll over as in Date). */
export function fromWallClock(year: number, month: number, day: number, hour: number, minute: number, zone: TimeZoneMode): Date {
  return zone === 'utc' ? new Date(Date.UTC(year, month - 1, day, hour, minute)) : new Date(year, month - 1, day, hour, minute);
}

const MAX_DAYS = 366 * 5; // 29 February on a Monday can be years away; beyond this there is none.

/**
 * The first time strictly after `after` that the expression matches. A local time that does not
 * exist (the hour skipped when clocks go forward) is skipped; an hour that happens twice runs once.
 */
export function nextCronRun(cron: CronExpression, after: Date, zone: TimeZoneMode): Date | null {
  const start = wallClock(after, zone);
  for (let offset = 0; offset < MAX_DAYS; offset++) {
    const dayStart = fromWallClock(start.year, start.month, start.day + offset, 12, 0, zone);
    const { year, month, day, weekday } = wallClock(dayStart, zone);
    if (!cron.months.has(month) || !dayMatches(cron, day, weekday)) continue;
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        const candidate = fromWallClock(year, month, day, hour, minute, zone);
        if (candidate <= after) continue;
        const wall = wallClock(candidate, zone);
        if (wall.hour !== hour || wall.minute !== minute || wall.day !== day) continue; // skipped by a clock change
        // The second pass through a repeated hour: the same wall time an hour earlier already ran.
        const hourEarlier = new Date(candidate.getTime() - 3_600_000);
        const earlier = wallClock(hourEarlier, zone);
        if (earlier.hour === hour && earlier.minute === minute && earlier.day === day && hourEarlier > after) return hourEarlier;
        if (earlier.hour === hour && earlier.minute === minute && earlier.day === day) continue;
        return candidate;
      }
    }
  }
  return null;
}

function dayMatches(cron: CronExpression, day: number, weekday: number): boolean {
  const dom = cron.daysOfMonth.has(day);
  const dow = cron.daysOfWeek.has(weekday);
  if (cron.domRestricted && cron.dowRestricted) return dom || dow;
  return (!cron.domRestricted || dom) && (!cron.dowRestricted || dow);
}
