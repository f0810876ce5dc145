// Builds the handover report's model from what the appliance stores: the scan it is about, the
// devices that scan saw, the findings on them grouped by status, and who does what from now on.
import { siteOf } from '../storage/site.js';
import type { ScanSummary, StoredDevice, StoredFinding } from '../core/records.js';
import { checks as CHECKS } from '../checks/index.js';
import { FINDING_FAMILIES, type ResponsibleParty } from '../core/types.js';
import { guidanceFor } from '../knowledge/guidance.js';
import { compareIp, deviceName, findScan, formatter, type Formatter } from './format.js';
import type { CheckRow, InventoryRow, ReportLanguage, ReportModel, ReportSource, ResponsibilityTable, ScopeSummary, SoftwareRow } from './model-types.js';
import { activeCatalogue } from '../knowledge/software-catalogue.js';
import { groupResults, type Results } from './results.js';
import { fill, isReportLanguage, REPORT_STRINGS } from './strings/index.js';
import type { ReportStrings } from './strings/types.js';

/** A request the report cannot be made for (unknown language or scan): the API answers 400. */
export class ReportInputError extends Error {}

/** The scan the report is about (see findScan); throws ReportInputError for an unknown id. */
export function selectScan(source: Pick<ReportSource, 'scans' | 'scanId'>): ScanSummary | null {
  const scan = findScan(source.scans, source.scanId);
  if (scan === undefined) throw new ReportInputError(`no scan with id "${source.scanId}"`);
  return scan;
}

/**
 * The devices the report covers. With a scan: those known by its end and seen at or after its start
 * (for the last scan, exactly the devices it saw). Without one: every device.
 */
export function devicesInScope(source: ReportSource, scan: ScanSummary | null): StoredDevice[] {
  const until = scan?.finishedAt ?? source.generatedAt.toISOString();
  const inScope = scan ? source.devices.filter((d) => d.firstSeen <= until && d.lastSeen >= scan.startedAt) : source.devices;
  return [...inScope].sort((a, b) => compareIp(a.ip, b.ip));
}

/** Findings on the covered devices that existed by the end of the scan. */
export function findingsInScope(source: ReportSource, devices: readonly StoredDevice[], scan: ScanSummary | null): StoredFinding[] {
  const ids = new Set(devices.map((d) => d.id));
  const until = scan?.finishedAt ?? source.generatedAt.toISOString();
  return source.findings.filter((f) => ids.has(f.deviceId) && f.firstSeen <= until);
}

function inventoryRow(device: StoredDevice, strings: ReportStrings, severalNetworks: boolean): InventoryRow {
  const { unknown } = strings.inventory;
  // Which network it is on: when the scan covered several, and always for a device behind a router.
  const network = !device.network || !device.interface || (!severalNetworks && !device.via) ? null
    : device.via ? fill(strings.inventory.behindRouter, { network: device.network, via: device.via, name: device.interface })
      : fill(strings.inventory.onNetwork, { network: device.network, name: device.interface });
  return {
    name: deviceName(device, device.ip, strings),
    labelled: Boolean(device.correction?.name),
    type: strings.deviceTypes[device.type],
    vendor: device.vendor ?? (device.randomizedMac ? strings.inventory.randomizedMac : unknown),
    model: device.model ?? device.upnp.find((u) => u.modelName)?.modelName ?? unknown,
    ip: network ? `${device.ip} — ${network}` : device.ip,
    mac: device.mac ?? unknown,
  };
}

/** What each device announced (identify/software.ts), in the inventory's order. */
function softwareRows(devices: readonly StoredDevice[], strings: ReportStrings): SoftwareRow[] {
  return devices.flatMap((device) => (device.software ?? []).map((item) => ({
    device: deviceName(device, device.ip, strings),
    product: item.name,
    version: [item.version ?? strings.inventory.unknown, item.distroBuild ? fill(strings.software.distro, { name: item.distroBuild }) : null].filter(Boolean).join(' — '),
    where: `${item.source}${item.port !== null ? ` ${item.port}/${item.transport ?? 'tcp'}` : ''}: ${item.raw}`,
  })));
}

/** Every check family, split into what only looks and what tries a login, and whether it ran. */
function checkRows(scan: ScanSummary | null, strings: ReportStrings): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const family of FINDING_FAMILIES) {
    for (const intrusive of [false, true]) {
      const services = [...new Set(CHECKS.filter((c) => c.finding.family === family && c.intrusive === intrusive).map((c) => c.finding.service))];
      if (services.length === 0) continue;
      const ran = scan !== null && scan.status !== 'failed' && (!intrusive || scan.loginChecks);
      rows.push({ family: strings.families[family], services, intrusive, ran });
    }
  }
  return rows;
}

function scopeSummary(scan: ScanSummary | null, strings: ReportStrings, format: Formatter): ScopeSummary {
  return {
    networks: scan?.targets ?? [],
    loginChecks: scan?.loginChecks ?? false,
    devicesFound: scan?.stats?.devicesFound ?? null,
    addressesProbed: scan?.stats?.addressesProbed ?? null,
    duration: scan?.stats ? format.duration(scan.stats.durationMs) : null,
    status: scan ? strings.scanStatuses[scan.status] : null,
    checks: checkRows(scan, strings),
  };
}

/**
 * Fixed text for what the customer keeps doing, plus what this network's findings add: what the
 * installer did (scan, fixes, accepted risks), and per manufacturer/provider the kinds of problem
 * only they can finish, with the knowledge base's sentence on their role.
 */
function responsibilities(
  scan: ScanSummary | null, findings: readonly StoredFinding[], results: Results, devices: ReadonlyMap<string, StoredDevice>,
  lang: ReportLanguage, strings: ReportStrings, format: Formatter,
): ResponsibilityTable {
  const r = strings.responsibilities;
  const pending = findings.filter((f) => f.status === 'open' || f.status === 'accepted');
  const forUser = pending.filter((f) => f.status === 'open' && f.responsible.includes('user')).length;
  const customer = [...r.customerAlways, ...(forUser > 0 ? [fill(r.customerOpen, { count: forUser })] : [])];
  const installer = [
    ...(scan ? [fill(r.installerScan, { networks: scan.targets.join(', '), date: format.date(scan.startedAt), scanId: scan.id })] : []),
    ...(results.fixed.length > 0 ? [fill(r.installerFixed, { count: results.fixed.length })] : []),
    ...(results.accepted.length > 0 ? [fill(r.installerAccepted, { count: results.accepted.length })] : []),
    r.installerHandover,
  ];
  const external: string[] = [];
  for (const party of ['manufacturer', 'provider'] as const satisfies readonly ResponsibleParty[]) {
    for (const family of FINDING_FAMILIES) {
      const concerned = pending.filter((f) => f.family === family && f.responsible.includes(party));
      if (concerned.length === 0) continue;
      const where = [...new Set(concerned.map((f) => deviceName(devices.get(f.deviceId), f.ip, strings)))].join(', ');
      external.push(`${strings.parties[party]} — ${strings.families[family]} (${where}): ${guidanceFor(family)?.roles[party][lang] ?? ''}`.trim());
    }
  }
  return { customer, installer, external: external.length > 0 ? external : [r.externalNone] };
}

export function buildReportModel(source: ReportSource, lang: ReportLanguage): ReportModel {
  if (!isReportLanguage(lang)) throw new ReportInputError(`unknown language "${String(lang)}": use en or ja`);
  const strings = REPORT_STRINGS[lang];
  const format = formatter(strings, source.settings);
  const scan = selectScan(source);
  const devices = devicesInScope(source, scan);
  // The devices lie on more than one network (ranges reached through different interfaces or routers).
  const severalNetworks = new Set(devices.flatMap((d) => (d.network ? [d.network] : []))).size > 1;
  const findings = findingsInScope(source, devices, scan);
  const byId = new Map(source.devices.map((d) => [d.id, d]));
  const results = groupResults({ findings, devices: byId, lang, strings, format });
  const meta = source.settings.report;
  return {
    lang,
    strings,
    cover: {
      siteName: siteOf(source.settings).name, siteId: source.settings.site.id, customerName: meta.customerName,
      installerName: meta.installerName, installerCompany: meta.installerCompany, logo: meta.logo,
      date: format.date(source.generatedAt),
      networks: scan?.targets ?? [],
      version: source.version,
      scanId: scan?.id ?? null,
      scanTime: scan ? format.dateTime(scan.startedAt) : null,
      evidenceFingerprint: source.evidenceFingerprint ?? null,
    },
    inventory: devices.map((d) => inventoryRow(d, strings, severalNetworks)),
    software: softwareRows(devices, strings),
    softwareIntro: fill(strings.software.intro, { date: activeCatalogue().date }),
    scope: scopeSummary(scan, strings, format),
    ...results,
    responsibilities: responsibilities(scan, findings, results, byId, lang, strings, format),
  };
}
