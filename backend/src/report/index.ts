// The installer's handover report and the CSV exports: the one door into backend/src/report/.
// The API routes, the CLI and the due-care evidence pack all go through these functions.
export type {
  AcceptedRow, CheckRow, FixedRow, InventoryRow, OpenRow, ReportCover, ReportLanguage, ReportModel, ReportSource,
  ReportStrings, ResponsibilityTable, ScopeSummary,
} from './model-types.js';
export { buildReportModel, ReportInputError, selectScan } from './model.js';
export { renderReportHtml } from './html.js';
export { renderReportPdf, findReportFont, FontMissingError } from './pdf.js';
export { devicesCsv, findingsCsv } from './csv.js';
export { REPORT_LANGUAGES, isReportLanguage } from './strings/index.js';
