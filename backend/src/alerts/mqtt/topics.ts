// The topic tree Mamori publishes under, and what each message says (README: "MQTT topics").
//
//   <base>/<site>/status                 retained  "online" | "offline" (the will: the broker says offline when the box is gone)
//   <base>/<site>/state                  retained  summary: site, last scan, devices, open findings by severity
//   <base>/<site>/devices/<device id>    retained  one device: name, type, address, its open findings by severity
//   <base>/<site>/findings/<severity>    retained  the open findings of that severity (at most MAX_LISTED)
//   <base>/<site>/events/scan            event     a scan finished (summary)
//   <base>/<site>/events/device/new      event     a device joined
//   <base>/<site>/events/finding/<new|fixed|reopened>   event   one finding
//
// Every payload is JSON with `site` so a central subscriber of `<base>/+/…` can tell homes apart
// even when they all use 192.168.1.0/24.
import type { StoredDevice, StoredFinding, ScanSummary } from '../../core/records.js';
import type { SiteIdentity } from '../../core/site.js';
import { SEVERITIES, type Severity } from '../../core/types.js';

export type FindingEvent = 'new' | 'fixed' | 'reopened';
export type SeverityCounts = Record<Severity, number> & { total: number };

/** Findings listed in one retained severity message: a whole city of cameras stays one message. */
export const MAX_LISTED = 200;

export interface Topics {
  status: string;
  state: string;
  device(id: string): string;
  findings(severity: Severity): string;
  scanEvent: string;
  deviceEvent: string;
  findingEvent(event: FindingEvent): string;
}

/** One topic level from a device id: MQTT's wildcards and separator (+ # /) and spaces become "_". */
export function topicLevel(text: string): string {
  return text.replace(/[+#/\s\p{Cc}]/gu, '_').slice(0, 200) || '_';
}

export function topicsFor(baseTopic: string, site: SiteIdentity): Topics {
  const root = `${baseTopic}/${site.id}`;
  return {
    status: `${root}/status`,
    state: `${root}/state`,
    device: (id) => `${root}/devices/${topicLevel(id)}`,
    findings: (severity) => `${root}/findings/${severity}`,
    scanEvent: `${root}/events/scan`,
    deviceEvent: `${root}/events/device/new`,
    findingEvent: (event) => `${root}/events/finding/${event}`,
  };
}

export function countBySeverity(findings: readonly StoredFinding[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return { ...counts, total: findings.length };
}

export const openOnly = (findings: readonly StoredFinding[]): StoredFinding[] => findings.filter((f) => f.status === 'open');

function scanView(scan: ScanSummary | undefined) {
  if (!scan) return null;
  return { id: scan.id, status: scan.status, startedAt: scan.startedAt, finishedAt: scan.finishedAt, devicesFound: scan.stats?.devicesFound ?? null, targets: scan.targets };
}

export function statePayload(site: SiteIdentity, devices: readonly StoredDevice[], findings: readonly StoredFinding[], lastScan: ScanSummary | undefined, now: Date) {
  return { site, updatedAt: now.toISOString(), lastScan: scanView(lastScan), devices: devices.length, openFindings: countBySeverity(openOnly(findings)) };
}

export function devicePayload(site: SiteIdentity, device: StoredDevice, findings: readonly StoredFinding[]) {
  const open = openOnly(findings).filter((f) => f.deviceId === device.id);
  return {
    site, id: device.id, name: device.correction?.name ?? device.displayName ?? device.ip, type: device.correction?.type ?? device.type,
    ip: device.ip, mac: device.mac, vendor: device.vendor, model: device.model, firstSeen: device.firstSeen, lastSeen: device.lastSeen,
    openFindings: countBySeverity(open),
  };
}

export function findingView(finding: StoredFinding) {
  return {
    key: finding.key, family: finding.family, service: finding.service, severity: finding.severity, title: finding.title,
    deviceId: finding.deviceId, ip: finding.ip, mac: finding.mac, port: finding.port, transport: finding.transport,
    status: finding.status, firstSeen: finding.firstSeen, lastSeen: finding.lastSeen,
  };
}

export function severityListPayload(site: SiteIdentity, severity: Severity, findings: readonly StoredFinding[]) {
  const listed = openOnly(findings).filter((f) => f.severity === severity);
  return { site, severity, count: listed.length, findings: listed.slice(0, MAX_LISTED).map(findingView), truncated: listed.length > MAX_LISTED };
}

export function findingEventPayload(site: SiteIdentity, event: FindingEvent, finding: StoredFinding, scanId: string | null, now: Date) {
  return { site, event, scanId, at: now.toISOString(), finding: findingView(finding) };
}
