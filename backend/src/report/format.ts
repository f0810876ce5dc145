// Small formatting helpers shared by the report model and the CSV exports: dates in the reader's
// locale and the box's clock, device names, and where a finding is.
import type { ScanSummary, StoredDevice, StoredFinding } from '../core/records.js';
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

/** The owner's name for a device, else the name it announces, else its address. */
export function deviceName(device: StoredDevice | undefined, fallbackIp: string): string {
  if (!device) return fallbackIp;
  return device.correction?.name ?? device.hostnames[0] ?? device.netbios?.name ?? device.upnp.find((u) => u.friendlyName)?.friendlyName ?? device.ip;
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
