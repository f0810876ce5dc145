// `mamori report --lang en|ja --format pdf|html --out FILE [--data-dir DIR] [--scan ID]` and
// `mamori export devices|findings --lang en|ja --out FILE [--data-dir DIR] [--scan ID]`: the
// handover report and the CSV exports from a data directory (only read). `--out -` writes to
// standard output. Exit status 0 written, 1 failed (no data, no font), 2 bad arguments.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readEvidenceFingerprint } from '../evidence/key.js';
import { DataDirError, readReportSource } from '../report/data-dir.js';
import {
  buildReportModel, devicesCsv, findingsCsv, FontMissingError, isReportLanguage, renderReportHtml, renderReportPdf,
  ReportInputError, selectScan, type ReportSource,
} from '../report/index.js';
import { AuditLog } from '../storage/audit.js';
import { UsageError } from './args.js';

export interface ReportCommandIo {
  /** What was written (standard output). */
  out: (line: string) => void;
  /** Failures and warnings (standard error, so `--out -` stays clean). */
  err: (line: string) => void;
  /** Where `--out -` goes. */
  stdout: (bytes: Buffer | string) => void;
}

function options(argv: string[], positionals: boolean) {
  try {
    return parseArgs({
      args: argv, strict: true, allowPositionals: positionals,
      options: { lang: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' }, scan: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `report …` (kind 'report') or `export devices|findings …` (kind 'export'). */
export async function runReportCommand(kind: 'report' | 'export', argv: string[], io: ReportCommandIo): Promise<number> {
  const { values, positionals } = options(argv, kind === 'export');
  const what = kind === 'export' ? positionals[0] : values.format;
  if (kind === 'export' && (positionals.length !== 1 || (what !== 'devices' && what !== 'findings'))) throw new UsageError('usage: mamori export devices|findings --lang en|ja --out FILE');
  if (kind === 'export' && values.format) throw new UsageError('export writes CSV: no --format');
  if (kind === 'report' && what !== 'pdf' && what !== 'html') throw new UsageError('report needs --format pdf or html');
  if (!isReportLanguage(values.lang)) throw new UsageError('--lang must be en or ja');
  if (!values.out) throw new UsageError(`${kind} needs --out FILE (or - for standard output)`);
  const lang = values.lang;
  const dataDir = resolve(values['data-dir'] ?? process.env['MAMORI_DATA_DIR'] ?? './data');
  let bytes: Buffer;
  let scanId: string | null = null;
  try {
    // The version lives in the composition root; loaded here only, so `mamori scan` does not pay for it.
    const { VERSION } = await import('../app.js');
    const base = await readReportSource(dataDir, VERSION, new Date(), kind === 'report' ? { fingerprint: readEvidenceFingerprint } : {});
    const source: ReportSource = values.scan !== undefined ? { ...base, scanId: values.scan } : base;
    scanId = selectScan(source)?.id ?? null;
    if (what === 'devices' || what === 'findings') {
      bytes = Buffer.from(what === 'devices' ? devicesCsv(source, lang) : findingsCsv(source, lang), 'utf8');
    } else {
      const model = buildReportModel(source, lang);
      bytes = what === 'pdf' ? await renderReportPdf(model) : Buffer.from(renderReportHtml(model), 'utf8');
    }
  } catch (error) {
    if (error instanceof ReportInputError) throw new UsageError(error.message);
    if (error instanceof DataDirError || error instanceof FontMissingError) { io.err(`mamori: ${error.message}`); return 1; }
    throw error;
  }
  if (values.out === '-') io.stdout(bytes);
  else await writeFile(values.out, bytes, { mode: 0o600 });
  // Like the dashboard's downloads, a generation is recorded; a read-only data directory is no reason to fail.
  const action = kind === 'report' ? 'report-generated' : 'export-generated';
  await new AuditLog(join(dataDir, 'audit.jsonl')).append({ actor: 'cli', action, details: { format: kind === 'report' ? what : 'csv', ...(kind === 'export' ? { kind: what } : {}), lang, scanId, bytes: bytes.length } })
    .catch((error: unknown) => io.err(`mamori: warning: the audit trail was not written: ${(error as Error).message}`));
  if (values.out !== '-') io.out(`${kind === 'report' ? `report (${what}, ${lang})` : `${what} CSV (${lang})`} of ${dataDir} written to ${values.out} (${bytes.length} bytes)`);
  return 0;
}
