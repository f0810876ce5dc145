// Small formatting helpers shared by the report model and the CSV exports: dates in the reader's
// locale and the box's clock, device names, and where a finding is.
import type { ScanSummary, StoredDevice, StoredFinding } from '../core/records.js';
import { chooseDeviceName, englishDisplayName } from '../identify/display-name.js';
import type { Settings } from '../storage/settings.js';
import { fill } from './strings/index.js';
import type { ReportStrings } from './strings/types.js';

export interface Formatter {
  date(iso: string | Date): string;
  dateTime(iso: string | Date): string;
  duration(ms: number): string;
}

export function formatter(strings: ReportStrings, settings: Settings): Formatter {
  // The schedule's clock setting is the box's idea of "local or UTC": the report follows it.
  const timeZone = settings.schedule.timeZone === 'utc' ? 'UTC' : undefined;
  const day = new Intl.DateTimeFormat(strings.locale, { dateStyle: 'long', timeZone });
  const moment = new Intl.DateTimeFormat(strings.locale, { dateStyle: 'long', timeStyle: 'short', timeZone });
  const toDate = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));
  const safe = (f: Intl.DateTimeFormat, value: string | Date): string => {
    const date = toDate(value);
    return Number.isNaN(date.getTime()) ? String(value) : f.format(date);
  };
  return {
    date: (value) => safe(day, value),
    dateTime: (value) => safe(moment, value),
    duration(ms) {
      const total = Math.max(0, Math.round(ms / 1000));
      const m = Math.floor(total / 60);
      return m > 0 ? fill(strings.scope.durationMinutes, { m, s: total % 60 }) : fill(strings.scope.durationSeconds, { s: total });
    },
  };
}

/**
 * The one display name (identify/display-name.ts), as the dashboard shows it: the owner's name,
 * the device's own name, "<Brand> <type>" (in the report's language when its strings are given),
 * else the address.
 */
export function deviceName(device: StoredDevice | undefined, fallbackIp: string, strings?: ReportStrings): string {
  if (!device) return fallbackIp;
  const naming = chooseDeviceName(device);
  if (naming.ownName) return naming.ownName;
  if (!strings || naming.source === 'ip') return englishDisplayName(device);
  if (naming.type === 'unknown') return strings.locale.startsWith('ja') ? `${naming.brand} の機器` : `${naming.brand} device`;
  return naming.brand ? `${naming.brand} ${strings.deviceTypes[naming.type]}` : strings.deviceTypes[naming.type];
}

/** "cam-frontdoor · 10.77.0.11:23/tcp" — the same in every language. */
export function findingPlace(finding: StoredFinding, device: StoredDevice | undefined): string {
  const name = deviceName(device, finding.ip);
  const where = `${finding.ip}:${finding.port}/${finding.transport}`;
  return name === finding.ip ? where : `${name} · ${where}`;
}

/** Sorts IPv4 numerically (10.77.0.2 before 10.77.0.11), anything else after, by text. */
export function compareIp(a: string, b: string): number {
  const key = (ip: string): string => (/^\d+\.\d+\.\d+\.\d+$/.test(ip) ? ip.split('.').map((n) => n.padStart(3, '0')).join('.') : `~${ip}`);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/**
 * The scan a report is about: the one asked for, else the last completed one (scans are kept
 * newest first). Undefined when the id is unknown; null when nothing has completed yet.
 */
export function findScan(scans: readonly ScanSummary[], scanId: string | undefined): ScanSummary | null | undefined {
  if (scanId !== undefined) return scans.find((s) => s.id === scanId);
  return scans.find((s) => s.status === 'completed') ?? null;
}
