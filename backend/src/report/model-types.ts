// The installer's handover report as data: what every renderer (HTML, PDF) draws, already in the
// reader's language. Built by model.ts from the store, the settings and the knowledge base.
import type { ScanSummary, StoredDevice, StoredFinding } from '../core/records.js';
import type { Severity } from '../core/types.js';
import type { Settings } from '../storage/settings.js';
import type { ReportLanguage, ReportStrings } from './strings/types.js';

export type { ReportLanguage, ReportStrings } from './strings/types.js';

export interface ReportSource {
  devices: StoredDevice[];
  findings: StoredFinding[];
  scans: ScanSummary[];
  settings: Settings;
  version: string;
  generatedAt: Date;
  /** The scan the report is about; default: the last completed scan. */
  scanId?: string;
  /**
   * The fingerprint of the key that signs this appliance's evidence packs (evidence/key.ts), shown
   * at the sign-off so the customer keeps it on paper; absent when there is no key yet.
   */
  evidenceFingerprint?: string;
}

export interface ReportCover {
  siteName: string | null;
  /** The site's id (settings.site.id): how MQTT topics, metrics and scan JSON name this installation. */
  siteId: string;
  customerName: string | null;
  installerName: string | null;
  installerCompany: string | null;
  /** data: URL (PNG or JPEG, checked by the settings schema), or null. */
  logo: string | null;
  /** Date of the report, formatted for the reader (e.g. "2026-11-24" / "2026年11月24日"). */
  date: string;
  networks: string[];
  version: string;
  scanId: string | null;
  /** When the scan ran, formatted, or null without a scan. */
  scanTime: string | null;
  /** The evidence-signing key's fingerprint ("3f2a-9c01-…"), or null when none is known. */
  evidenceFingerprint: string | null;
}

export interface InventoryRow {
  /** The owner's name for the device, else its host name, else its IP. */
  name: string;
  /** True when `name` is the owner's correction (a label), not a guess. */
  labelled: boolean;
  type: string;
  vendor: string;
  model: string;
  ip: string;
  mac: string;
}

/** Added (#16): one announced component of one device (Device.software). */
export interface SoftwareRow {
  device: string;
  product: string;
  /** The version, with the distribution build noted when it back-ports fixes. */
  version: string;
  /** Where it was said and the exact string: "SSH greeting 22/tcp: SSH-2.0-dropbear_2014.63". */
  where: string;
}

export interface CheckRow {
  family: string;
  services: string[];
  /** Tries a credential: only with the owner's consent to login checks. */
  intrusive: boolean;
  ran: boolean;
}

export interface ScopeSummary {
  networks: string[];
  loginChecks: boolean;
  devicesFound: number | null;
  addressesProbed: number | null;
  duration: string | null;
  status: string | null;
  checks: CheckRow[];
}

export interface FindingHeading {
  key: string;
  title: string;
  severity: Severity;
  severityLabel: string;
  /** "camera (10.77.0.11) port 23/tcp". */
  where: string;
}

export interface FixedRow extends FindingHeading {
  /** How it was verified: a re-test or a later full scan. */
  verifiedBy: string;
  at: string;
  before: string;
  after: string;
}

export interface OpenRow extends FindingHeading {
  explanation: string;
  fix: string[];
  /** The brand's own steps (knowledge/vendors), with the menu path when known. */
  vendorSteps: { title: string; steps: string[] } | null;
  whoActs: { party: string; what: string }[];
}

export interface AcceptedRow extends FindingHeading {
  reason: string;
  acceptedBy: string;
  at: string;
  until: string;
}

export interface ResponsibilityTable {
  customer: string[];
  installer: string[];
  external: string[];
}

export interface ReportModel {
  lang: ReportLanguage;
  strings: ReportStrings;
  cover: ReportCover;
  inventory: InventoryRow[];
  /** Added (#16): the software inventory, and its intro naming the catalogue's date. */
  software: SoftwareRow[];
  softwareIntro: string;
  scope: ScopeSummary;
  fixed: FixedRow[];
  open: OpenRow[];
  accepted: AcceptedRow[];
  falsePositives: AcceptedRow[];
  responsibilities: ResponsibilityTable;
}
