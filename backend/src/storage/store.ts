// The appliance's memory: devices across scans, findings with their status, scan history.
// The only module (with json-file.ts) that knows lowdb exists.
import { join } from 'node:path';
import type { ScanSummary, StoredDevice, StoredFinding } from '../api/contract.js';
import type { Device, Finding, ScanResult } from '../core/types.js';
import { JsonStore } from './json-file.js';

interface StateFile {
  schemaVersion: number;
  devices: StoredDevice[];
  findings: StoredFinding[];
  scans: ScanSummary[];
}

const SCHEMA_VERSION = 1;
const MAX_SCANS_KEPT = 200;

export function deviceIdOf(device: Pick<Device, 'mac' | 'ip'>): string {
  return device.mac ? `mac-${device.mac.replace(/:/g, '')}` : `ip-${device.ip}`;
}

export class Store {
  private constructor(private readonly state: JsonStore<StateFile>) {}

  static async open(dataDir: string): Promise<Store> {
    const state = await JsonStore.open<StateFile>(join(dataDir, 'state.json'), {
      schemaVersion: SCHEMA_VERSION, devices: [], findings: [], scans: [],
    });
    return new Store(state);
  }

  devices(): StoredDevice[] { return this.state.data.devices; }
  findings(): StoredFinding[] { return this.state.data.findings; }
  scans(): ScanSummary[] { return this.state.data.scans; }

  upsertDevice(device: Device, seenAt: string): StoredDevice {
    const id = deviceIdOf(device);
    let stored: StoredDevice | undefined;
    this.state.update((data) => {
      const index = data.devices.findIndex((d) => d.id === id);
      const previous = data.devices[index];
      stored = { ...structuredClone(device), id, firstSeen: previous?.firstSeen ?? seenAt, lastSeen: seenAt };
      if (previous) data.devices[index] = stored; else data.devices.push(stored);
    });
    return stored!;
  }

  upsertFinding(finding: Finding, seenAt: string): StoredFinding {
    let stored: StoredFinding | undefined;
    this.state.update((data) => {
      const index = data.findings.findIndex((f) => f.key === finding.key);
      const previous = data.findings[index];
      stored = {
        ...finding,
        deviceId: deviceIdOf(finding),
        status: 'open',
        firstSeen: previous?.firstSeen ?? seenAt,
        lastSeen: seenAt,
      };
      if (previous) data.findings[index] = stored; else data.findings.push(stored);
    });
    return stored!;
  }

  recordScan(summary: ScanSummary): void {
    this.state.update((data) => {
      const index = data.scans.findIndex((s) => s.id === summary.id);
      if (index === -1) data.scans.unshift(summary); else data.scans[index] = summary;
      data.scans.splice(MAX_SCANS_KEPT);
    });
  }

  /**
   * After a completed scan: an open finding on a device this scan examined, that the scan did not
   * raise again, is resolved (not seen) — provided its check ran (login checks may have been off).
   * Returns the findings that changed.
   */
  resolveUnseen(result: ScanResult, checkRan: (checkId: string) => boolean): StoredFinding[] {
    if (result.scan.status !== 'completed') return [];
    const examined = new Set(result.devices.map(deviceIdOf));
    const raised = new Set(result.findings.map((f) => f.key));
    const changed: StoredFinding[] = [];
    this.state.update((data) => {
      for (const finding of data.findings) {
        if (finding.status === 'open' && examined.has(finding.deviceId) && !raised.has(finding.key) && checkRan(finding.checkId)) {
          finding.status = 'resolved';
          changed.push(finding);
        }
      }
    });
    return changed;
  }

  flush(): Promise<void> {
    return this.state.flush();
  }
}
