// The one contract between the appliance and the dashboard: REST payloads and socket.io events.
// Type-only: the frontend imports it too, so nothing here may pull in Node code.
import type {
  Device, Finding, ScanProgress, ScanStats, ScanStatus, Service,
} from '../core/types.js';

export type { Device, Finding, ScanProgress, Service } from '../core/types.js';
export type {
  DeviceType, Severity, FindingFamily, ResponsibleParty, ScanStage,
} from '../core/types.js';

/** A device as the appliance remembers it across scans. */
export interface StoredDevice extends Device {
  id: string;
  firstSeen: string;
  lastSeen: string;
}

export type FindingStatus = 'open' | 'resolved';

export interface StoredFinding extends Finding {
  deviceId: string;
  status: FindingStatus;
  firstSeen: string;
  lastSeen: string;
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
}

/** Everything the dashboard needs to draw itself; sent on connect and on every resync. */
export interface Snapshot {
  devices: StoredDevice[];
  findings: StoredFinding[];
  scans: ScanSummary[];
  running: ScanSummary | null;
  progress: ScanProgress | null;
  settings: PublicSettings;
}

export interface PublicSettings {
  targets: string[];
  loginChecks: boolean;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

export interface ServerToClientEvents {
  'snapshot': (snapshot: Snapshot) => void;
  'scan:started': (scan: ScanSummary) => void;
  'scan:progress': (progress: ScanProgress) => void;
  'device:found': (device: StoredDevice) => void;
  'device:updated': (device: StoredDevice) => void;
  'service:found': (payload: { deviceId: string; ip: string; service: Service }) => void;
  'finding:raised': (finding: StoredFinding) => void;
  'scan:finished': (scan: ScanSummary) => void;
}

export interface ClientToServerEvents {
  'scan:start': (request: { targets?: string[] }, ack: (result: Ack<{ scanId: string }>) => void) => void;
  'scan:cancel': (request: Record<string, never>, ack: (result: Ack<{ cancelled: boolean }>) => void) => void;
  'state:get': (request: Record<string, never>, ack: (result: Ack<Snapshot>) => void) => void;
}

// ---- REST ----

export interface SessionInfo {
  authenticated: boolean;
  needsSetup: boolean;
}

export interface SetupRequest { token: string; password: string }
export interface LoginRequest { password: string }
export interface ApiError { error: string }

/** Minimum owner password length; checked by the server, shown by the dashboard. */
export const MIN_PASSWORD_LENGTH = 10;
