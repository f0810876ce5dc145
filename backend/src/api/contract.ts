// The one contract between the appliance and the dashboard: REST payloads and socket.io events.
// Type-only: the frontend imports it too, so nothing here may pull in Node code.
import type {
  Device, DeviceType, Finding, ScanProgress, ScanStats, ScanStatus, Service,
} from '../core/types.js';

export type { Device, Finding, ScanProgress, Service } from '../core/types.js';
export type {
  DeviceType, Severity, FindingFamily, ResponsibleParty, ScanStage,
} from '../core/types.js';
export type { FindingRisk, FindingVendorFix } from '../core/types.js';
/** GET /api/knowledge: titles, explanations, fix steps, who acts, vendor steps, risk sentences (en + ja). */
export type {
  FamilyGuidance, KnowledgeBase, KnowledgeEntry, Language, Localized, Standards, VendorFix, VendorGuideView,
} from '../knowledge/types.js';

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
  /** Added: the owner marked the device as known (no longer highlighted as new). */
  known?: boolean;
}

/** Body of PATCH /api/devices/:id: a field left out keeps its value; null clears it. */
export interface DeviceCorrectionRequest {
  name?: string | null;
  type?: DeviceType | null;
  /** Added: mark the device as known (true) or as not yet known (false). */
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
  /** Added: for 'accepted', who accepted the risk (a name the owner typed), when given. */
  person?: string;
}

export interface StoredFinding extends Finding {
  deviceId: string;
  status: FindingStatus;
  firstSeen: string;
  lastSeen: string;
  /** Added: every status change, oldest first (absent on findings stored before it existed). */
  history?: FindingStatusChange[];
  /** Added: for an accepted risk, when it comes back as open. */
  acceptedUntil?: string;
}

/** Body of POST /api/findings/:key/accept. */
export interface AcceptRiskRequest {
  reason: string;
  until: string;
  /** Added: who accepts the risk (≤ 100 characters, no control characters); kept in the history and the audit trail. */
  person?: string;
}
/** Body of POST /api/findings/:key/false-positive. */
export interface FalsePositiveRequest { reason: string }
/** Answer of POST /api/findings/:key/retest. */
export interface RetestResult {
  outcome: 'still-raised' | 'not-raised' | 'unreachable';
  finding: StoredFinding;
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
}

/** A scan waiting behind the running one (at most a few). */
export interface QueuedScan {
  id: string;
  requestedAt: string;
  trigger: 'manual' | 'schedule';
  requestedTargets: string[] | null;
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
}

export interface PublicSettings {
  targets: string[];
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
  'finding:raised': (finding: StoredFinding) => void;
  'scan:finished': (scan: ScanSummary) => void;
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
