// Domain types of one scan. The JSON result (shared/contract/scan-result.md) is built from these;
// field names follow the contract so that serialising is a projection, not a translation.
import type { SiteIdentity } from './site.js';

import type { MdnsService, UpnpInfo, NetbiosInfo, MqttBrokerInfo, IppPrinterInfo, UnnamedService, SnmpSystemInfo, TlsInfo, HttpInfo } from './service-info.js';

export type { MdnsService, UpnpInfo, NetbiosInfo, MqttBrokerInfo, IppPrinterInfo, UnnamedService, SnmpSystemInfo, TlsInfo, TlsCertificateInfo, HttpInfo } from './service-info.js';

export const DEVICE_TYPES = [
  'router', 'camera', 'speaker', 'tv', 'media-player', 'printer', 'nas', 'plug', 'light', 'hub',
  'thermostat', 'appliance', 'phone', 'computer', 'unknown',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_FAMILIES = [
  'default-credentials', 'anonymous-access', 'cleartext-service', 'tls-weakness',
  // Added to the contract: a port the home router forwards from the internet (UPnP port mapping).
  'internet-exposure',
  // Added to the contract: a protocol version the vendor retired for its security flaws (SMBv1).
  'outdated-protocol',
  // Added to the contract: a component whose version has published flaws (CVE), or that no longer gets fixes.
  'known-vulnerability', 'outdated-software',
] as const;
export type FindingFamily = (typeof FINDING_FAMILIES)[number];

export const RESPONSIBLE_PARTIES = ['user', 'installer', 'manufacturer', 'provider'] as const;
export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

export type Confidence = 'confirmed' | 'likely';
export type Transport = 'tcp' | 'udp';

export interface Service {
  port: number;
  transport: Transport;
  /** What the service says it is (telnet, http, ssh…), not what its port number suggests. */
  service: string;
  encrypted: boolean;
  banner: string | null;
  product: string | null;
  /** Added to the contract: what an HTTP(S) service answered to GET /. */
  http?: HttpInfo;
  /** Added to the contract: the TLS handshake of an encrypted service (done once, by service-id). */
  tls?: TlsInfo;
  /** Added to the contract: what an SNMP agent said of itself (system group), read with an accepted community. */
  snmp?: SnmpSystemInfo;
  /** Added to the contract: what an MQTT broker that accepts anonymous clients published about itself. */
  mqtt?: MqttBrokerInfo;
  /** Added to the contract: what an IPP printer said of itself (Get-Printer-Attributes, read-only). */
  ipp?: IppPrinterInfo;
  /** Added to the contract: on a service still `unknown`, what was tried to name it. */
  unnamed?: UnnamedService;
}

/** Why we believe something about a device: shown to the user next to the guess. */
export interface Evidence {
  source: string;
  detail: string;
  /** Added: the same reason in Japanese, when the source has it (identification rules do). */
  detailJa?: string;
}

export interface Device {
  mac: string | null;
  ip: string;
  randomizedMac: boolean;
  vendor: string | null;
  hostnames: string[];
  type: DeviceType;
  model: string | null;
  mdns: MdnsService[];
  upnp: UpnpInfo[];
  services: Service[];
  /** Added to the contract: which discoverers saw the device, and the reasons behind type/vendor. */
  discoveredBy: string[];
  evidence: Evidence[];
  /** Added to the contract: how sure the type guess is, 0–1 (absent when nothing was guessed). */
  typeConfidence?: number;
  /** Added to the contract: IPv6 addresses (link-local and global) of the same MAC. */
  ipv6?: string[];
  /** Added to the contract: the NetBIOS node status, when the host answers one. */
  netbios?: NetbiosInfo | null;
  /** Added to the contract: the one name shown everywhere (identify/display-name.ts): owner's, own, "<Brand> <type>", else the IP. */
  displayName?: string;
  /** Added to the contract: the short brand ("Hikvision"); `vendor` keeps the registry's full name. */
  brand?: string | null;
  /** Added to the contract: product + version of the software the device announced (identify/software.ts). */
  software?: SoftwareItem[];
  /** Added to the contract: the scanned range the device was found in ("10.78.0.0/24"). */
  network?: string;
  /** Added to the contract: the scanner's interface that reaches it ("eth1", "eth0.20"). */
  interface?: string;
  /** Added to the contract: the router it is reached through, on a routed network: then it is known by its IP only (no MAC, no maker). */
  via?: string;
}

/** One component a device announced, normalised to a CPE-like name, with the exact string it came from. */
export interface SoftwareItem {
  /** CPE-style product and vendor ("openssh", "openbsd"), and the name shown to people. */
  product: string;
  vendor: string;
  name: string;
  version: string | null;
  /** cpe:2.3:a:vendor:product:version:*:*:*:*:*:*:* ("*" when no version was said). */
  cpe: string;
  /** Where it was read: ssh-banner, ftp-banner, http-server, rtsp-server, upnp-server, snmp-sysdescr, mqtt-sys-version. */
  source: string;
  /** The exact string, as the device sent it (capped at 200 characters). */
  raw: string;
  port: number | null;
  transport: Transport | null;
  /** Set when the string shows a distribution's own build (it back-ports fixes): no version rule applies. */
  distroBuild: string | null;
}

export interface Finding {
  key: string;
  family: FindingFamily;
  service: string;
  ip: string;
  mac: string | null;
  port: number;
  transport: Transport;
  severity: Severity;
  confidence: Confidence;
  title: string;
  evidence: string;
  responsible: ResponsibleParty[];
  fix: string[];
  /** Added to the contract: the check that raised it. */
  checkId: string;
  /** Added to the contract: likelihood × impact and the reasoning behind it (knowledge/risk.ts). */
  risk?: FindingRisk;
  /** Added to the contract: fix steps for the device's brand, when Mamori recognises it. */
  vendorFix?: FindingVendorFix;
}

export interface FindingRisk {
  /** 1–5 each; score = likelihood × impact (1–25). */
  likelihood: number;
  impact: number;
  score: number;
  level: 'critical' | 'high' | 'medium' | 'low';
  /** The reasoning in English, one sentence per factor. */
  reasons: string[];
  /** The factor codes behind `reasons`; GET /api/knowledge has each one's sentence in every language. */
  factors: string[];
}

export interface FindingVendorFix {
  /** Brand id (knowledge/vendors/<id>.ts); GET /api/knowledge has the steps in every language. */
  vendor: string;
  name: string;
  /** The menu path the steps follow, or null when they point to the vendor's support site. */
  menuPath: string | null;
  steps: string[];
  supportUrl: string;
}

export interface ScanStats {
  addressesProbed: number;
  devicesFound: number;
  durationMs: number;
}

export interface ScanInfo {
  id: string;
  startedAt: string;
  finishedAt: string;
  targets: string[];
  interface: string;
  loginChecks: boolean;
  stats: ScanStats;
  /** Added to the contract: completed | cancelled | failed. */
  status: ScanStatus;
  /** Added: why a failed scan stopped before its end (its isolated worker died); absent otherwise. */
  failureReason?: ScanFailure;
  /** Added: the site (installation) the scan belongs to (core/site.ts); absent when none was named (CLI without --site). */
  site?: SiteIdentity;
  /** Added: every network the scan covered, each with the interface that reaches it (`interface` stays the first one). */
  interfaces?: ScanNetwork[];
}

/** Added: the ranges of one scan reached through one interface of the scanner. */
export interface ScanNetwork {
  /** The interface ("eth0", "eth1", "eth0.20"). */
  name: string;
  /** Its IPv4 address (the source of the ARP sweep, mDNS and SSDP), null when it has none. */
  address: string | null;
  /** The requested ranges reached through it. */
  targets: string[];
  /** Added: the router these ranges lie behind (a route of the scanner, never the default one); absent: on-link. */
  via?: string;
}

export type ScanStatus = 'completed' | 'cancelled' | 'failed';

/** Added: what ended a scan early, for the owner: what it was doing and whose answer it was reading. */
export interface ScanFailure {
  /** crashed: an error no code caught; out-of-memory: the scan's memory limit; stalled: it stopped answering; exited: it ended unasked. */
  kind: 'crashed' | 'out-of-memory' | 'stalled' | 'exited';
  /** The stage it was in, and the last thing it said it was doing (progress), if anything. */
  stage: ScanStage;
  doing: string | null;
  /** The device whose answer it was reading (or read last), and how: "10.0.0.23", "udp", 5353. */
  ip: string | null;
  transport: Transport | null;
  remotePort: number | null;
  /** The worker was inside the handler of that answer when it died (else: the answer it read last). */
  whileReading: boolean;
  /** The protocol, when known: from the port (mDNS, SSDP…) or the code that was running. */
  protocol: string | null;
  /** The error as thrown, technical and English; null for a memory or stall death. */
  detail: string | null;
  /** One English sentence for logs, the CLI and the contract JSON; the dashboard words its own. */
  message: string;
}

export interface ScanResult {
  schema: 'mamori.scan-result/1';
  scan: ScanInfo;
  devices: Device[];
  findings: Finding[];
}

export type ScanStage = 'discovery' | 'identification' | 'probing' | 'checks' | 'done';

export interface ScanProgress {
  scanId: string;
  stage: ScanStage;
  percent: number;
  /** What is being looked at right now, e.g. "10.77.0.11:23". */
  current: string | null;
}

/** One login attempt by a credential check: what the audit trail keeps. Never the clear password. */
export interface CredentialAttempt {
  checkId: string;
  ip: string;
  mac: string | null;
  port: number;
  service: string;
  user: string;
  /** Masked with findings/mask.ts (all but first and last character). */
  passwordMasked: string;
  outcome: 'accepted' | 'rejected' | 'error' | 'throttled';
  at: string;
}
