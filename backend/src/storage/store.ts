// The appliance's memory: devices across scans, findings with their status, scan history.
// The only module (with json-file.ts) that knows lowdb exists.
import { join } from 'node:path';
import type { DeviceCorrection, DeviceCorrectionRequest, FindingStatusChange, ScanSummary, StoredDevice, StoredFinding } from '../core/records.js';
import { deviceIdOf } from '../core/device-id.js';
import type { Device, Finding, ScanResult } from '../core/types.js';
import { afterSighting, closeForForgottenDevice, reopenIfExpired, withStatus } from './finding-lifecycle.js';
import { JsonStore } from './json-file.js';
import { CURRENT_SCHEMA_VERSION, migrateDataDir, type MigrationOutcome } from './migrations.js';

interface StateFile {
  schemaVersion: number;
  devices: StoredDevice[];
  findings: StoredFinding[];
  scans: ScanSummary[];
}

const SCHEMA_VERSION = CURRENT_SCHEMA_VERSION;
const MAX_SCANS_KEPT = 200;

export class Store {
  /** What opening did to an older data directory (backup + migrations), for the start-up log. */
  readonly migration: MigrationOutcome;

  private constructor(private readonly state: JsonStore<StateFile>, migration: MigrationOutcome) {
    this.migration = migration;
  }

  static async open(dataDir: string): Promise<Store> {
    // Data from an older version is backed up and migrated before lowdb reads it.
    const migration = await migrateDataDir(dataDir);
    const state = await JsonStore.open<StateFile>(join(dataDir, 'state.json'), {
      schemaVersion: SCHEMA_VERSION, devices: [], findings: [], scans: [],
    });
    return new Store(state, migration);
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
      stored = withCorrection({ ...structuredClone(device), id, firstSeen: previous?.firstSeen ?? seenAt, lastSeen: seenAt }, previous?.correction);
      if (previous) data.devices[index] = stored; else data.devices.push(stored);
    });
    return stored!;
  }

  /** The stored id of the device with this MAC (or IP), whatever identity it is kept under. */
  idFor(ref: Pick<Device, 'mac' | 'ip'>): string {
    const known = ref.mac ? this.state.data.devices.find((d) => d.mac === ref.mac) : undefined;
    return known?.id ?? deviceIdOf(ref);
  }

  /** The owner's correction of a device's name, type and "known" mark: kept, and winning over every later guess. */
  correctDevice(id: string, request: DeviceCorrectionRequest, at: string): StoredDevice | null {
    let stored: StoredDevice | null = null;
    this.state.update((data) => {
      const index = data.devices.findIndex((d) => d.id === id);
      const previous = data.devices[index];
      if (!previous) return;
      const before = previous.correction;
      const correction: DeviceCorrection = {
        name: request.name !== undefined ? request.name : before?.name ?? null,
        type: request.type !== undefined ? request.type : before?.type ?? null,
        guessedType: before?.guessedType ?? previous.type,
        at,
      };
      const known = request.known ?? before?.known;
      if (known !== undefined) correction.known = known;
      stored = withCorrection({ ...previous, type: correction.guessedType }, correction);
      data.devices[index] = stored;
    });
    return stored;
  }

  /**
   * "Forget this device": it leaves the inventory (its name and "known" mark with it) and its open or
   * accepted findings are resolved with the reason kept in their history. Past scans and the audit
   * trail are not touched. Seen by a later scan, it comes back as a new device and its findings
   * reopen. Null if there is no such device.
   */
  forgetDevice(id: string, at: Date, by: string): { device: StoredDevice; closed: StoredFinding[] } | null {
    let forgotten: { device: StoredDevice; closed: StoredFinding[] } | null = null;
    this.state.update((data) => {
      const device = data.devices.find((d) => d.id === id);
      if (!device) return;
      const closed: StoredFinding[] = [];
      data.devices = data.devices.filter((d) => d.id !== id);
      data.findings = data.findings.map((finding) => {
        const next = finding.deviceId === id ? closeForForgottenDevice(finding, at, by) : null;
        if (next) closed.push(next);
        return next ?? finding;
      });
      forgotten = { device, closed };
    });
    return forgotten;
  }

  upsertFinding(finding: Finding, seenAt: string): StoredFinding {
    let stored: StoredFinding | undefined;
    this.state.update((data) => {
      const index = data.findings.findIndex((f) => f.key === finding.key);
      const previous = data.findings[index];
      const seen: StoredFinding = {
        ...finding,
        deviceId: this.idFor(finding),
        status: 'open',
        firstSeen: previous?.firstSeen ?? seenAt,
        lastSeen: seenAt,
      };
      // The owner's accepted risk or false positive survives a rescan (until it expires).
      stored = afterSighting(previous, seen, new Date(seenAt));
      if (previous) data.findings[index] = stored; else data.findings.push(stored);
    });
    return stored!;
  }

  /** Moves one finding to a new status (history kept); null if there is no such finding. */
  changeFindingStatus(key: string, change: FindingStatusChange, evidence?: string): StoredFinding | null {
    let stored: StoredFinding | null = null;
    this.state.update((data) => {
      const index = data.findings.findIndex((f) => f.key === key);
      const previous = data.findings[index];
      if (!previous) return;
      stored = withStatus(evidence === undefined ? previous : { ...previous, evidence }, change);
      data.findings[index] = stored;
    });
    return stored;
  }

  /** Accepted risks whose expiry has passed at `now` come back as open; returns those that did. */
  reopenExpired(now: Date): StoredFinding[] {
    const reopened: StoredFinding[] = [];
    if (!this.state.data.findings.some((f) => reopenIfExpired(f, now))) return reopened;
    this.state.update((data) => {
      data.findings = data.findings.map((finding) => {
        const next = reopenIfExpired(finding, now);
        if (next) reopened.push(next);
        return next ?? finding;
      });
    });
    return reopened;
  }

  recordScan(summary: ScanSummary): void {
    this.state.update((data) => {
      const index = data.scans.findIndex((s) => s.id === summary.id);
      if (index === -1) data.scans.unshift(summary); else data.scans[index] = summary;
      data.scans.splice(MAX_SCANS_KEPT);
    });
  }

  /** Retention: keeps at most `keep` scans and none finished before `olderThan` (a running scan stays). */
  pruneScans(keep: number, olderThan: Date): number {
    const cutoff = olderThan.toISOString();
    let removed = 0;
    this.state.update((data) => {
      const kept = data.scans.filter((s, index) => s.status === 'running' || (index < keep && (s.finishedAt ?? s.startedAt) >= cutoff));
      removed = data.scans.length - kept.length;
      data.scans = kept;
    });
    return removed;
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
          const index = data.findings.indexOf(finding);
          data.findings[index] = withStatus(finding, { status: 'resolved', at: result.scan.finishedAt, by: 'system', reason: 'not seen by a full scan' });
          changed.push(data.findings[index]!);
        }
      }
    });
    return changed;
  }

  flush(): Promise<void> {
    return this.state.flush();
  }
}

/** Applies the owner's correction (if any) over what this scan guessed; the guess is kept beside it. */
function withCorrection(device: StoredDevice, correction: DeviceCorrection | undefined): StoredDevice {
  if (!correction) return device;
  const guessedType = device.type;
  const evidence = device.evidence.filter((e) => e.source !== 'owner');
  if (correction.type) evidence.push({ source: 'owner', detail: `type set by the owner: ${correction.type}`, detailJa: `所有者が種類を指定: ${correction.type}` });
  return {
    ...device,
    type: correction.type ?? guessedType,
    evidence,
    correction: { ...correction, guessedType },
  };
}
