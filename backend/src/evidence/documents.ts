// The pack's human-readable files come from the report module (backend/src/report/): the handover
// report as PDF and printable HTML, and the CSV exports. The report covers the last completed scan
// of the period (or the last completed scan at all when the period has none).
import type { ScanSummary } from '../core/records.js';
import type { Limiter } from '../core/concurrency-limit.js';
import { DataDirError, readReportSource } from '../report/data-dir.js';
import {
  buildReportModel, devicesCsv, findingsCsv, FontMissingError, renderReportHtml, renderReportPdf, ReportInputError, type ReportSource,
} from '../report/index.js';
import { EvidenceError, type PackLanguage, type Period } from './format.js';
import { loadOrCreateEvidenceKey } from './key.js';
import type { PackFile } from './pack.js';

export type ReportSourceOf = (now: Date) => Promise<Omit<ReportSource, 'scanId'>>;

/** The last completed scan that started inside the period, if any. */
function scanOfPeriod(scans: readonly ScanSummary[], period: Pick<Period, 'start' | 'until'> | undefined): string | undefined {
  if (!period) return undefined;
  const inside = scans.filter((s) => s.status === 'completed' && Date.parse(s.startedAt) >= period.start.getTime() && Date.parse(s.startedAt) < period.until.getTime());
  return inside.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0]?.id;
}

/** `pdfTurns` queues the PDF behind any other being made (the appliance shares one with its report route). */
export function reportDocuments(sourceOf: ReportSourceOf, pdfTurns: Limiter = (work) => work()): (lang: PackLanguage, period?: Period) => Promise<PackFile[]> {
  return async (lang, period) => {
    const base = await sourceOf(new Date());
    const scanId = scanOfPeriod(base.scans, period);
    const source: ReportSource = scanId ? { ...base, scanId } : base;
    try {
      const model = buildReportModel(source, lang);
      const pdf = await pdfTurns(() => renderReportPdf(model));
      return [
        { name: `report-${lang}.pdf`, bytes: pdf },
        { name: `report-${lang}.html`, bytes: Buffer.from(renderReportHtml(model), 'utf8') },
        { name: 'devices.csv', bytes: Buffer.from(devicesCsv(source, lang), 'utf8') },
        { name: 'findings.csv', bytes: Buffer.from(findingsCsv(source, lang), 'utf8') },
      ];
    } catch (error) {
      if (error instanceof ReportInputError || error instanceof FontMissingError) throw new EvidenceError(`the report cannot be made: ${error.message}`);
      throw error;
    }
  };
}

/**
 * For the CLI: the report's source read from a data directory (never opened as stores). The pack is
 * signed with the data directory's key, created on first use, so its report shows that key's fingerprint.
 */
export function dataDirDocuments(dataDir: string, version: string): (lang: PackLanguage, period?: Period) => Promise<PackFile[]> {
  return reportDocuments(async (now) => {
    try {
      // The key is loaded (or made) here, so the source need not read its fingerprint as well.
      const [source, key] = await Promise.all([readReportSource(dataDir, version, now), loadOrCreateEvidenceKey(dataDir)]);
      return { ...source, evidenceFingerprint: key.fingerprint };
    } catch (error) {
      if (error instanceof DataDirError) throw new EvidenceError(error.message);
      throw error;
    }
  });
}
