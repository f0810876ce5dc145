// The one contract between the appliance and the dashboard: REST payloads and socket.io events.
// Type-only: the frontend imports it too, so nothing here may pull in Node code.
import type { ScanProgress, Service } from '../core/types.js';

export type { Device, Finding, ScanProgress, Service } from '../core/types.js';
export type {
  DeviceType, Severity, FindingFamily, ResponsibleParty, ScanStage,
} from '../core/types.js';
export type { FindingRisk, FindingVendorFix } from '../core/types.js';
/** GET /api/knowledge: titles, explanations, fix steps, who acts, vendor steps, risk sentences (en + ja). */
export type {
  FamilyGuidance, KnowledgeBase, KnowledgeEntry, Language, Localized, Standards, VendorFix, VendorGuideView,
} from '../knowledge/types.js';

/** The appliance's records (kept in core so the event maps can name them); re-exported here for the dashboard. */
export type {
  DeviceCorrection, DeviceCorrectionRequest, DeviceForgottenPayload, DeviceScanState, DeviceStatePayload, FindingStatus, FindingStatusChange, QueuedScan, ScanSummary, StoredDevice, StoredFinding,
} from '../core/records.js';
export { DEVICE_SCAN_STATES } from '../core/records.js';
import type { DeviceForgottenPayload, DeviceScanState, DeviceStatePayload, QueuedScan, ScanSummary, StoredDevice, StoredFinding } from '../core/records.js';

/** Body of POST /api/findings/:key/accept. */
export interface AcceptRiskRequest {
  reason: string;
  until: string;
  /** Who accepts the risk (≤ 100 characters, no control characters); kept in the history and the audit trail. */
  person?: string;
}
/** Body of POST /api/findings/:key/false-positive. */
export interface FalsePositiveRequest { reason: string }
/** Answer of POST /api/findings/:key/retest. */
export interface RetestResult {
  outcome: 'still-raised' | 'not-raised' | 'unreachable';
  finding: StoredFinding;
}

/** Everything the dashboard needs to draw itself; sent on connect and on every resync. */
export interface Snapshot {
  devices: StoredDevice[];
  findings: StoredFinding[];
  scans: ScanSummary[];
  running: ScanSummary | null;
  progress: ScanProgress | null;
  settings: PublicSettings;
  /** Scans waiting to run, oldest first. */
  queued?: QueuedScan[];
  /** Where each device is in the running scan, by device id (absent when none runs). */
  deviceStates?: Record<string, DeviceScanState>;
}

export interface PublicSettings {
  targets: string[];
  /** Added: each range of the settings and of the scan with the interface that reaches it (and the router, when routed). */
  networks?: Array<{ cidr: string; interface: string | null; via?: string }>;
  loginChecks: boolean;
  /** When the next scheduled scan starts (ISO time), or null without an enabled schedule. */
  nextScheduledScan?: string | null;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

export interface ServerToClientEvents {
  'snapshot': (snapshot: Snapshot) => void;
  'scan:started': (scan: ScanSummary) => void;
  'scan:progress': (progress: ScanProgress) => void;
  'device:found': (device: StoredDevice) => void;
  'device:updated': (device: StoredDevice) => void;
  'service:found': (payload: { deviceId: string; ip: string; service: Service }) => void;
  /** Where a device is in the running scan (found → probing → checking → done). */
  'device:state': (payload: DeviceStatePayload) => void;
  /** A scan raised (or raised again) this finding. */
  'finding:raised': (finding: StoredFinding) => void;
  /** A stored finding's status changed (accepted, false positive, reopened, fixed by a re-test, an acceptance expired). */
  'finding:changed': (finding: StoredFinding) => void;
  'scan:finished': (scan: ScanSummary) => void;
  /** The owner forgot a device: drop it from the list; its findings (resolved) come along. */
  'device:forgotten': (payload: DeviceForgottenPayload) => void;
}

/** Further server events, sent to every dashboard; a client listens if it wants them. */
export interface QueueEvents {
  /** The waiting scans, after every change of the queue. */
  'scan:queue': (queued: QueuedScan[]) => void;
}

export interface ClientToServerEvents {
  'scan:start': (request: { targets?: string[] }, ack: (result: Ack<{ scanId: string; queued?: boolean }>) => void) => void;
  /** Without scanId: stop the running scan and empty the queue; with it: that scan only. */
  'scan:cancel': (request: { scanId?: string }, ack: (result: Ack<{ cancelled: boolean }>) => void) => void;
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
