// CSV exports of devices and findings for spreadsheets: RFC 4180 (CRLF, quoted where needed), UTF-8
// with a byte-order mark so Excel opens Japanese correctly, and safe against formula injection:
// a device chooses its own name, and "=HYPERLINK(…)" in a cell must stay text.
import type { StoredDevice, StoredFinding } from '../core/records.js';
import { knowledgeFor } from '../knowledge/index.js';
import { historyOf } from '../storage/finding-lifecycle.js';
import { compareIp, deviceName } from './format.js';
import type { ReportLanguage, ReportSource } from './model-types.js';
import { devicesInScope, findingsInScope, ReportInputError, selectScan } from './model.js';
import { localTitle } from './results.js';
import { isReportLanguage, REPORT_STRINGS } from './strings/index.js';
import type { ReportStrings } from './strings/types.js';
import { dangerLevel } from '../findings/danger.js';

const BOM = '\uFEFF';
/** Characters a spreadsheet may read as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised if it could start a formula, quoted if it holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function stringsFor(lang: ReportLanguage): ReportStrings {
  if (!isReportLanguage(lang)) throw new ReportInputError(`unknown language "${String(lang)}": use en or ja`);
  return REPORT_STRINGS[lang];
}

/** With a scan id: what that scan covers (as the report); without: everything Mamori knows. */
function scoped(source: ReportSource): { devices: StoredDevice[]; findings: StoredFinding[] } {
  if (source.scanId === undefined) return { devices: [...source.devices].sort((a, b) => compareIp(a.ip, b.ip)), findings: source.findings };
  const scan = selectScan(source);
  const devices = devicesInScope(source, scan);
  return { devices, findings: findingsInScope(source, devices, scan) };
}

export function devicesCsv(source: ReportSource, lang: ReportLanguage): string {
  const strings = stringsFor(lang);
  const h = strings.csv.devices;
  const rows = scoped(source).devices.map((d) => [
    deviceName(d, d.ip, strings), d.correction?.name ?? '', strings.deviceTypes[d.type], d.vendor ?? '', d.model ?? '', d.ip, d.mac ?? '',
    d.hostnames.join('; '), d.services.map((s) => `${s.port}/${s.transport} ${s.service}`).join('; '), d.firstSeen, d.lastSeen,
  ]);
  return csvDocument([h.name, h.label, h.type, h.vendor, h.model, h.ip, h.mac, h.hostnames, h.services, h.firstSeen, h.lastSeen], rows);
}

export function findingsCsv(source: ReportSource, lang: ReportLanguage): string {
  const strings = stringsFor(lang);
  const h = strings.csv.findings;
  const { devices, findings } = scoped(source);
  const byId = new Map(source.devices.map((d) => [d.id, d]));
  const inScope = new Set(devices.map((d) => d.id));
  const rows = findings.filter((f) => source.scanId === undefined || inScope.has(f.deviceId)).map((f) => [
    f.key, strings.statuses[f.status], strings.severities[dangerLevel(f)], localTitle(f, lang), deviceName(byId.get(f.deviceId), f.ip, strings),
    f.ip, f.mac ?? '', f.port, f.transport, f.service, strings.families[f.family], f.evidence,
    f.responsible.map((p) => strings.parties[p]).join('; '),
    (knowledgeFor(f.family, f.service)?.fix[lang] ?? f.fix).join('\n'),
    f.firstSeen, f.lastSeen, f.acceptedUntil ?? '', historyOf(f).at(-1)?.reason ?? '',
  ]);
  return csvDocument([
    h.key, h.status, h.severity, h.title, h.device, h.ip, h.mac, h.port, h.transport, h.service, h.family, h.evidence,
    h.responsible, h.fix, h.firstSeen, h.lastSeen, h.acceptedUntil, h.reason,
  ], rows);
}
