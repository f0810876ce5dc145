// `mamori report` and `mamori export` on a prepared data directory: files written, arguments
// checked, a missing data directory and a wrong scan id refused, the audit trail written.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../backend/src/cli/args.js';
import { runReportCommand } from '../../../backend/src/cli/report.js';
import { CURRENT_SCHEMA_VERSION } from '../../../backend/src/storage/migrations.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';
import { parseCsv } from './csv-parse.js';
import { DEVICES, FINDINGS, SCANS, source } from './fixtures.js';

let dir: string;
let dataDir: string;
const lines: string[] = [];
const errors: string[] = [];
const io = { out: (l: string) => lines.push(l), err: (l: string) => errors.push(l), stdout: () => undefined };

beforeAll(async () => {
  dir = await makeTempDir('mamori-report-cli-');
  dataDir = join(dir, 'data');
  await mkdir(dataDir);
  await writeFile(join(dataDir, 'state.json'), JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, devices: DEVICES, findings: FINDINGS, scans: SCANS }));
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(source().settings));
});
afterAll(async () => { await removeDir(dir); });

describe('mamori report / export', () => {
  it('writes the HTML report and both CSVs', async () => {
    const html = join(dir, 'r.html');
    expect(await runReportCommand('report', ['--lang', 'ja', '--format', 'html', '--out', html, '--data-dir', dataDir, '--scan', 'scan-2'], io)).toBe(0);
    expect(await readFile(html, 'utf8')).toContain('山田 花子');
    const csv = join(dir, 'f.csv');
    expect(await runReportCommand('export', ['findings', '--lang', 'en', '--out', csv, '--data-dir', dataDir], io)).toBe(0);
    expect(parseCsv((await readFile(csv, 'utf8')).slice(1))).toHaveLength(FINDINGS.length + 1);
    expect(lines.at(-1)).toMatch(/findings CSV \(en\) of .* written to/);
    const audit = await readFile(join(dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"action":"report-generated"');
    expect(audit).toContain('"action":"export-generated"');
  });

  it('checks its arguments', async () => {
    const base = ['--out', join(dir, 'x'), '--data-dir', dataDir];
    await expect(runReportCommand('report', ['--lang', 'fr', '--format', 'pdf', ...base], io)).rejects.toThrow(UsageError);
    await expect(runReportCommand('report', ['--lang', 'en', '--format', 'docx', ...base], io)).rejects.toThrow(/pdf or html/);
    await expect(runReportCommand('report', ['--lang', 'en', '--format', 'pdf', '--data-dir', dataDir], io)).rejects.toThrow(/--out/);
    await expect(runReportCommand('export', ['routers', '--lang', 'en', ...base], io)).rejects.toThrow(/devices\|findings/);
    await expect(runReportCommand('report', ['--lang', 'en', '--format', 'pdf', '--scan', 'nope', ...base], io)).rejects.toThrow(/no scan with id "nope"/);
  });

  it('fails (status 1) on a directory that is not a Mamori data directory', async () => {
    expect(await runReportCommand('export', ['devices', '--lang', 'en', '--out', join(dir, 'd.csv'), '--data-dir', join(dir, 'nothing')], io)).toBe(1);
    expect(errors.at(-1)).toMatch(/not a Mamori data directory/);
  });
});
