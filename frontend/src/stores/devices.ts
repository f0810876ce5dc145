// The Devices screen's rules as pure functions (names are worded with the i18n labels): the name shown, what is "new", search, filter and
// sort. No Vue, no DOM: tested directly (test/frontend/devices-logic.test.ts).
import type { DeviceType, ScanSummary, StoredDevice, StoredFinding } from '../api/contract';
import { chooseDeviceName, deviceBrand as brandOf, ownNames } from '../../../backend/src/identify/display-name';
import { locale, t, typeLabel } from '../i18n';
import { compareIp } from './snapshot';
import { compareNetwork } from './device-networks';

export type DeviceSort = 'name' | 'ip' | 'findings' | 'lastSeen' | 'network';
/** 'network' is offered only when there are several networks (device-networks.ts). */
export const DEVICE_SORTS = ['name', 'ip', 'findings', 'lastSeen', 'network'] as const satisfies readonly DeviceSort[];

/** 'new': first seen in the latest scan and not marked known; 'unknown': not marked known; 'known': marked. */
export type Recognition = 'all' | 'new' | 'unknown' | 'known';

export interface DeviceFilter {
  query: string;
  type: DeviceType | 'all';
  withFindings: boolean;
  recognition: Recognition;
  /** A scanned range ("10.78.0.0/24"): only the devices found in it; 'all': every network. */
  network: string;
  sort: DeviceSort;
}

export const DEFAULT_FILTER: DeviceFilter = { query: '', type: 'all', withFindings: false, recognition: 'all', network: 'all', sort: 'ip' };

/**
 * The one display name (backend/src/identify/display-name.ts): the owner's name, the device's own
 * name (UPnP, mDNS, SNMP, banner, certificate, NetBIOS, host name), else "<Brand> <type>" in the
 * reader's language; null only when nothing but the IP is known (the IP is then the name).
 */
export function deviceName(device: StoredDevice): string | null {
  const naming = chooseDeviceName(device);
  if (naming.ownName) return naming.ownName;
  if (naming.source === 'ip') return null;
  if (!naming.brand) return typeLabel(naming.type);
  if (naming.type === 'unknown') return t('name.brandDevice', { brand: naming.brand });
  // After a brand, an English type reads in lower case ("Hikvision camera"); acronyms (TV, NAS) stay.
  const label = typeLabel(naming.type);
  const type = /^[A-Z][a-z]/.test(label) && locale.value === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
  return t('name.brandType', { brand: naming.brand, type });
}

/** The display name, or the IP when that is all Mamori knows. */
export const deviceTitle = (device: StoredDevice): string => deviceName(device) ?? device.ip;

/** The short brand ("Hikvision"); the registry's full name stays in `vendor`. */
export const deviceBrand = (device: StoredDevice): string | null => device.brand ?? brandOf(device);

/** The most recently started scan, running or finished (whatever order the list is in). */
export function latestScan(scans: readonly ScanSummary[]): ScanSummary | null {
  let latest: ScanSummary | null = null;
  for (const scan of scans) {
    if (!latest || Date.parse(scan.startedAt) > Date.parse(latest.startedAt)) latest = scan;
  }
  return latest;
}

/** New = first seen in the latest scan, and the owner has not marked it known. */
export function isNewDevice(device: StoredDevice, latest: ScanSummary | null): boolean {
  if (!latest || device.correction?.known) return false;
  return Date.parse(device.firstSeen) >= Date.parse(latest.startedAt);
}

/** Open findings per device id. */
export function openFindingCounts(findings: readonly StoredFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.status === 'open') counts.set(f.deviceId, (counts.get(f.deviceId) ?? 0) + 1);
  return counts;
}

const macDigits = (mac: string) => mac.toLowerCase().replace(/[^0-9a-f]/g, '');

/** Case-insensitive match on every name, brand, vendor, type, model, IP and MAC (with or without separators). */
export function matchesQuery(device: StoredDevice, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const fields = [
    deviceName(device), deviceBrand(device), device.vendor, device.model, device.ip, device.mac, ...device.hostnames,
    ...ownNames(device).map((n) => n.name), typeLabel(device.type), device.type,
    ...device.upnp.flatMap((u) => [u.modelName, u.manufacturer]),
  ];
  if (fields.some((f) => f?.toLowerCase().includes(q))) return true;
  const digits = macDigits(q);
  return digits.length >= 4 && digits.length === q.replace(/[\s:.-]/g, '').length && device.mac !== null && macDigits(device.mac).includes(digits);
}

function recognised(device: StoredDevice, recognition: Recognition, latest: ScanSummary | null): boolean {
  switch (recognition) {
    case 'all': return true;
    case 'new': return isNewDevice(device, latest);
    case 'known': return device.correction?.known === true;
    case 'unknown': return device.correction?.known !== true;
  }
}

const byName = (a: StoredDevice, b: StoredDevice) =>
  (deviceTitle(a)).localeCompare(deviceTitle(b), undefined, { numeric: true, sensitivity: 'base' });

/** The devices to show, filtered and sorted; ties are broken by IP so the order never jumps. */
export function visibleDevices(
  devices: readonly StoredDevice[], findings: readonly StoredFinding[], scans: readonly ScanSummary[], filter: DeviceFilter,
): StoredDevice[] {
  const counts = openFindingCounts(findings);
  const latest = latestScan(scans);
  const shown = devices.filter((d) => matchesQuery(d, filter.query)
    && (filter.type === 'all' || d.type === filter.type)
    && (!filter.withFindings || (counts.get(d.id) ?? 0) > 0)
    && recognised(d, filter.recognition, latest)
    && (filter.network === 'all' || d.network === filter.network));
  const compare: Record<DeviceSort, (a: StoredDevice, b: StoredDevice) => number> = {
    name: byName,
    ip: (a, b) => compareIp(a.ip, b.ip),
    findings: (a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0),
    lastSeen: (a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen),
    network: (a, b) => compareNetwork(a.network, b.network),
  };
  return shown.sort((a, b) => compare[filter.sort](a, b) || compareIp(a.ip, b.ip));
}
