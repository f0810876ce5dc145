// What the appliance keeps across scans: devices, findings and scans as stored. Type-only, shared by
// the event maps (core/events.ts), storage, the API contract and the dashboard (through api/contract.ts).
import type { Device, DeviceType, Finding, ScanFailure, ScanStats, ScanStatus } from './types.js';

/** A device as the appliance remembers it across scans. */
export interface StoredDevice extends Device {
  id: string;
  firstSeen: string;
  lastSeen: string;
  /** The owner's correction (PATCH /api/devices/:id): wins over Mamori's guesses in later scans. */
  correction?: DeviceCorrection;
}

export interface DeviceCorrection {
  /** The name the owner gave the device, or null. */
  name: string | null;
  /** The type the owner set, or null (then Mamori's guess stands). */
  type: DeviceType | null;
  /** What Mamori guessed in the last scan, shown beside the owner's choice. */
  guessedType: DeviceType;
  at: string;
  /** The owner marked the device as known (no longer highlighted as new); absent: never marked. */
  known?: boolean;
}

/** A change to the owner's correction (PATCH /api/devices/:id): a field left out keeps its value; null clears it. */
export interface DeviceCorrectionRequest {
  name?: string | null;
  type?: DeviceType | null;
  /** Mark the device as known (true) or as not yet known (false). */
  known?: boolean;
}

/**
 * open → fixed (verified by a re-test) · accepted (a risk the owner accepts until a date) ·
 * false-positive (the owner says it is wrong) · resolved (not seen by a later full scan).
 */
export type FindingStatus = 'open' | 'resolved' | 'fixed' | 'accepted' | 'false-positive';

/** One step in a finding's life, with the evidence at that moment (before/after a fix). */
export interface FindingStatusChange {
  status: FindingStatus;
  at: string;
  /** 'owner' (dashboard) or 'system' (scan, re-test, expiry). */
  by: string;
  reason?: string;
  evidence?: string;
  /** For 'accepted': when the acceptance expires (ISO date). */
  until?: string;
  /** For 'accepted': who accepted the risk (a name the owner typed), when given. */
  person?: string;
}

export interface StoredFinding extends Finding {
  deviceId: string;
  status: FindingStatus;
  firstSeen: string;
  lastSeen: string;
  /** Every status change, oldest first (absent on findings stored by versions that kept none). */
  history?: FindingStatusChange[];
  /** For an accepted risk: when it comes back as open. */
  acceptedUntil?: string;
}

export interface ScanSummary {
  id: string;
  status: ScanStatus | 'running';
  startedAt: string;
  finishedAt: string | null;
  targets: string[];
  loginChecks: boolean;
  stats: ScanStats | null;
  error: string | null;
  /** Who asked for it: the owner, or a schedule. */
  trigger?: 'manual' | 'schedule';
  /** Why a failed scan stopped early (its isolated worker died); `error` holds its sentence. */
  failureReason?: ScanFailure;
}

/** A scan waiting behind the running one (at most a few). */
export interface QueuedScan {
  id: string;
  requestedAt: string;
  trigger: 'manual' | 'schedule';
  requestedTargets: string[] | null;
}

/** Where one device is in a scan: found, its ports and services being probed, checks running, done. */
export const DEVICE_SCAN_STATES = ['found', 'probing', 'checking', 'done'] as const;
export type DeviceScanState = (typeof DEVICE_SCAN_STATES)[number];

/**
 * The owner forgot a device ("Forget this device", POST /api/devices/:id/forget): it left the
 * inventory and these findings of it were resolved (reason in their history). Sent to every dashboard.
 */
export interface DeviceForgottenPayload {
  deviceId: string;
  ip: string;
  mac: string | null;
  at: string;
  /** Its findings as now stored, resolved because the device was forgotten (open or accepted before). */
  findings: StoredFinding[];
}

/** A device's state in the running scan, as the dashboard sees it (by its stored id). */
export interface DeviceStatePayload { scanId: string; deviceId: string; ip: string; state: DeviceScanState }
