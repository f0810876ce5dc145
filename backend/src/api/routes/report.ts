// The installer's handover report (PDF, printable HTML) and the CSV exports, in English or
// Japanese. Mounted after the session check; every generation goes to the audit trail.
import { Router, type Request, type Response } from 'express';
import {
  buildReportModel, devicesCsv, findingsCsv, FontMissingError, isReportLanguage, renderReportHtml, renderReportPdf,
  ReportInputError, selectScan, type ReportLanguage, type ReportSource,
} from '../../report/index.js';
import { createLimiter, type Limiter } from '../../core/concurrency-limit.js';
import type { AuditLog } from '../../storage/audit.js';

export interface ReportRouteDeps {
  /** What the report is made from, as stored now. */
  reportSource: () => Omit<ReportSource, 'generatedAt' | 'scanId'>;
  /**
   * Runs PDF renderings one at a time: each embeds a CJK font and briefly needs ~100-150 MiB
   * (docs/performance.md). Shared with the evidence pack's report; a route of its own if absent.
   */
  pdfTurns?: Limiter;
  audit?: AuditLog;
  now?: () => Date;
}

/**
 * The report's page runs no script and loads nothing: only its inline style and data: images
 * (the logo). A device name that slipped through escaping still could not run.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const SCAN_ID = /^[A-Za-z0-9._:-]{1,100}$/;

type Parsed = { lang: ReportLanguage; source: ReportSource };

/** lang and scan from the query; answers 400 itself and returns null when either is wrong. */
function parse(req: Request, res: Response, deps: ReportRouteDeps): Parsed | null {
  const refuse = (error: string): null => { res.status(400).json({ error }); return null; };
  const { lang, scan } = req.query;
  if (!isReportLanguage(lang)) return refuse('lang must be en or ja');
  if (scan !== undefined && (typeof scan !== 'string' || !SCAN_ID.test(scan))) return refuse('scan must be a scan id');
  const source: ReportSource = { ...deps.reportSource(), generatedAt: (deps.now ?? (() => new Date()))(), ...(scan !== undefined ? { scanId: scan } : {}) };
  try {
    if (scan !== undefined) selectScan(source);
  } catch (error) {
    if (error instanceof ReportInputError) return refuse(error.message);
    throw error;
  }
  return { lang, source };
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

function attachment(res: Response, type: string, name: string): void {
  res.setHeader('content-type', type);
  res.setHeader('content-disposition', `attachment; filename="${name}"`);
  res.setHeader('cache-control', 'no-store');
}

export function reportRoutes(deps: ReportRouteDeps): Router {
  const router = Router();
  const oneAtATime = deps.pdfTurns ?? createLimiter(1);
  const record = async (action: string, details: Record<string, unknown>): Promise<void> => {
    await deps.audit?.append({ actor: 'owner', action, details });
  };

  router.get('/api/report.pdf', async (req, res) => {
    const parsed = parse(req, res, deps);
    if (!parsed) return;
    const model = buildReportModel(parsed.source, parsed.lang);
    let pdf: Buffer;
    try {
      pdf = await oneAtATime(() => renderReportPdf(model));
    } catch (error) {
      if (error instanceof FontMissingError) return void res.status(503).json({ error: error.message });
      throw error;
    }
    await record('report-generated', { format: 'pdf', lang: parsed.lang, scanId: model.cover.scanId, bytes: pdf.length });
    attachment(res, 'application/pdf', `mamori-report-${day(parsed.source.generatedAt)}-${parsed.lang}.pdf`);
    res.end(pdf);
  });

  router.get('/api/report.html', async (req, res) => {
    const parsed = parse(req, res, deps);
    if (!parsed) return;
    const model = buildReportModel(parsed.source, parsed.lang);
    const html = renderReportHtml(model);
    await record('report-generated', { format: 'html', lang: parsed.lang, scanId: model.cover.scanId, bytes: Buffer.byteLength(html) });
    res.setHeader('content-security-policy', REPORT_CSP);
    res.setHeader('cache-control', 'no-store');
    res.type('text/html; charset=utf-8').send(html);
  });

  for (const kind of ['devices', 'findings'] as const) {
    router.get(`/api/export/${kind}.csv`, async (req, res) => {
      const parsed = parse(req, res, deps);
      if (!parsed) return;
      const csv = kind === 'devices' ? devicesCsv(parsed.source, parsed.lang) : findingsCsv(parsed.source, parsed.lang);
      await record('export-generated', { format: 'csv', kind, lang: parsed.lang, scanId: parsed.source.scanId ?? null, bytes: Buffer.byteLength(csv) });
      attachment(res, 'text/csv; charset=utf-8', `mamori-${kind}-${day(parsed.source.generatedAt)}-${parsed.lang}.csv`);
      res.end(csv);
    });
  }
  return router;
}
