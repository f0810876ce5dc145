// Pure functions over the Snapshot: apply one live event, and derive what the screens show.
// Nothing here touches Vue, the network or the DOM, so every rule is unit-tested on its own.
import { DEVICE_SCAN_STATES, SEVERITIES } from '../api/contract';
import type {
  DeviceScanState, ScanSummary, Severity, Snapshot, StoredDevice, StoredFinding,
} from '../api/contract';
import type { LiveEvent } from '../api/client';
import { compareDanger, dangerLevel } from '../../../backend/src/findings/danger';

export function emptySnapshot(): Snapshot {
  return {
    devices: [], findings: [], scans: [], running: null, progress: null,
    settings: { targets: [], loginChecks: false },
  };
}

/** Replaces the item with the same key, or appends it; never duplicates. */
export function upsert<T>(items: readonly T[], item: T, keyOf: (item: T) => string): T[] {
  const key = keyOf(item);
  const index = items.findIndex((existing) => keyOf(existing) === key);
  if (index === -1) return [...items, item];
  const next = items.slice();
  next[index] = item;
  return next;
}

const scanId = (scan: ScanSummary) => scan.id;

/** The next snapshot after one live event. The input is never modified. */
export function applyEvent(state: Snapshot, event: LiveEvent): Snapshot {
  switch (event.type) {
    case 'snapshot':
      return event.payload;
    case 'scan:started': {
      const scan = event.payload;
      return {
        ...state,
        running: scan,
        progress: { scanId: scan.id, stage: 'discovery', percent: 0, current: null },
        deviceStates: {},
        scans: upsert(state.scans, scan, scanId),
      };
    }
    case 'scan:progress': {
      const progress = event.payload;
      // Progress of a scan we do not see running (late packet after scan:finished) is dropped.
      if (state.running?.id !== progress.scanId) return state;
      return { ...state, progress };
    }
    case 'scan:finished': {
      const scan = event.payload;
      const stillRunning = state.running && state.running.id !== scan.id;
      return {
        ...state,
        running: stillRunning ? state.running : null,
        progress: stillRunning ? state.progress : null,
        deviceStates: stillRunning ? state.deviceStates : undefined,
        scans: upsert(state.scans, scan, scanId),
      };
    }
    case 'device:found':
    case 'device:updated':
      return { ...state, devices: upsert(state.devices, event.payload, (d) => d.id) };
    case 'service:found': {
      const { deviceId, service } = event.payload;
      const device = state.devices.find((d) => d.id === deviceId);
      if (!device) return state; // device:found always comes first; a resync will bring it
      const services = upsert(device.services, service, (s) => `${s.transport}/${s.port}`)
        .sort((a, b) => a.port - b.port);
      return { ...state, devices: upsert(state.devices, { ...device, services }, (d) => d.id) };
    }
    case 'finding:raised':
    case 'finding:changed':
      return { ...state, findings: upsert(state.findings, event.payload, (f) => f.key) };
    case 'device:forgotten': {
      // The owner forgot it (here or in another tab): it leaves the list, its closed findings stay.
      const { deviceId, findings } = event.payload;
      const devices = state.devices.filter((d) => d.id !== deviceId);
      const next = findings.reduce((list, finding) => upsert(list, finding, (f) => f.key), state.findings);
      const deviceStates = state.deviceStates && deviceId in state.deviceStates
        ? Object.fromEntries(Object.entries(state.deviceStates).filter(([id]) => id !== deviceId))
        : state.deviceStates;
      return { ...state, devices, findings: next, deviceStates };
    }
    case 'device:state': {
      const { scanId: id, deviceId, state: deviceState } = event.payload;
      // A late state of a scan we no longer see running is dropped, like its progress.
      if (state.running?.id !== id) return state;
      return { ...state, deviceStates: { ...state.deviceStates, [deviceId]: deviceState } };
    }
  }
}

/** How many devices of the running scan are in each state (found → probing → checking → done). */
export function deviceStateCounts(states: Readonly<Record<string, DeviceScanState>> | undefined): Record<DeviceScanState, number> {
  const counts = Object.fromEntries(DEVICE_SCAN_STATES.map((s) => [s, 0])) as Record<DeviceScanState, number>;
  for (const state of Object.values(states ?? {})) counts[state] += 1;
  return counts;
}

// ---- derived views ----

/** Numeric IPv4 order (10.0.0.9 before 10.0.0.10); anything else after, alphabetically. */
export function compareIp(a: string, b: string): number {
  const parse = (ip: string) => {
    const parts = ip.split('.').map(Number);
    return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)
      ? parts.reduce((sum, n) => sum * 256 + n, 0)
      : null;
  };
  const x = parse(a);
  const y = parse(b);
  if (x !== null && y !== null) return x - y;
  if (x !== null) return -1;
  if (y !== null) return 1;
  return a.localeCompare(b);
}

export function sortedDevices(devices: readonly StoredDevice[]): StoredDevice[] {
  return [...devices].sort((a, b) => compareIp(a.ip, b.ip));
}

/** Open findings per device id, most dangerous first (findings/danger.ts: one word everywhere). */
export function openFindingsByDevice(findings: readonly StoredFinding[]): Map<string, StoredFinding[]> {
  const byDevice = new Map<string, StoredFinding[]>();
  for (const finding of findings) {
    if (finding.status !== 'open') continue;
    const list = byDevice.get(finding.deviceId) ?? [];
    list.push(finding);
    byDevice.set(finding.deviceId, list);
  }
  for (const list of byDevice.values()) {
    list.sort((a, b) => compareDanger(a, b) || a.port - b.port);
  }
  return byDevice;
}

export function openCountsBySeverity(findings: readonly StoredFinding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) {
    if (finding.status === 'open') counts[dangerLevel(finding)] += 1;
  }
  return counts;
}

/** The most recently started scan that has finished (whatever order the server lists them in). */
export function lastFinishedScan(scans: readonly ScanSummary[]): ScanSummary | null {
  let latest: ScanSummary | null = null;
  for (const scan of scans) {
    if (scan.status === 'running') continue;
    if (!latest || Date.parse(scan.startedAt) > Date.parse(latest.startedAt)) latest = scan;
  }
  return latest;
}
