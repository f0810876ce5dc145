// One handover-report generation in a fresh process (so its memory is its own): builds a house of
// 20 devices and 30 findings from the unit fixtures, renders the PDF in the given language with
// the given font, and prints {ms, peakRssMiB, bytes} as JSON. Used by test/bench/suites/report.ts.
//   node --import tsx test/bench/files/measure-report.ts --lang ja [--font FILE[#PostScriptName]]
import { parseArgs } from 'node:util';
import type { StoredDevice, StoredFinding } from '../../../backend/src/api/contract.js';
import { buildReportModel, renderReportPdf, renderReportHtml, type ReportLanguage } from '../../../backend/src/report/index.js';
import { source } from '../../unit/report/fixtures.js';

const { values } = parseArgs({ options: { lang: { type: 'string', default: 'ja' }, font: { type: 'string' } } });
const base = source();
const devices: StoredDevice[] = [];
const findings: StoredFinding[] = [];
for (let i = 0; i < 5; i++) {
  for (const d of base.devices.slice(0, 4)) devices.push({ ...d, id: `${d.id}-${i}`, ip: d.ip.replace(/\.(\d+)$/, (_, n: string) => `.${Number(n) + 40 * i}`) });
  for (const f of base.findings.slice(0, 6)) findings.push({ ...f, key: `${f.key}-${i}`, deviceId: `${f.deviceId}-${i}` });
}
const before = process.memoryUsage().rss;
const t0 = performance.now();
const model = buildReportModel({ ...base, devices, findings }, values.lang as ReportLanguage);
const pdf = await renderReportPdf(model, values.font ? { font: values.font } : {});
const pdfMs = performance.now() - t0;
const t1 = performance.now();
renderReportHtml(model);
const htmlMs = performance.now() - t1;
process.stdout.write(JSON.stringify({
  lang: values.lang, font: values.font ?? 'default', pdfMs, htmlMs, bytes: pdf.length,
  rssBeforeMiB: before / 2 ** 20, peakRssMiB: process.resourceUsage().maxRSS / 1024,
}) + '\n');
