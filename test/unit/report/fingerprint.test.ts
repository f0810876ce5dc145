// The evidence key's fingerprint on the handover report: in the HTML and the PDF's text layer when
// known (and nothing when not), from the data directory for the CLI (never creating a key there),
// in the evidence pack's own report, and on a loopback appliance the same as GET /api/evidence/key.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../../backend/src/cli/report.js';
import { dataDirDocuments } from '../../../backend/src/evidence/documents.js';
import { parsePeriod } from '../../../backend/src/evidence/format.js';
import { EVIDENCE_KEY_FILE, loadOrCreateEvidenceKey } from '../../../backend/src/evidence/key.js';
import { buildEvidencePack } from '../../../backend/src/evidence/pack.js';
import { verifyEvidencePack } from '../../../backend/src/evidence/verify.js';
import { buildReportModel, renderReportHtml, renderReportPdf, type ReportLanguage } from '../../../backend/src/report/index.js';
import { REPORT_STRINGS } from '../../../backend/src/report/strings/index.js';
import { AuditLog } from '../../../backend/src/storage/audit.js';
import { CURRENT_SCHEMA_VERSION } from '../../../backend/src/storage/migrations.js';
import { ScanResultStore } from '../../../backend/src/storage/scan-results.js';
import { SESSION_COOKIE } from '../../../backend/src/api/security.js';
import { makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';
import { entriesOf } from '../evidence/fixture.js';
import { DEVICES, FINDINGS, SCANS, source } from './fixtures.js';

const FP = '3f2a-9c01-77be-0d4e-a5c3-1b62-e8f0-4d19';
const LANGS: ReportLanguage[] = ['en', 'ja'];
const label = (lang: ReportLanguage): string => REPORT_STRINGS[lang].signoff.fingerprint;
const run = promisify(execFile);

let dir: string;
beforeAll(async () => { dir = await makeTempDir('mamori-report-fp-'); });
afterAll(async () => { await removeDir(dir); });

/** A data directory as the appliance leaves it, with the report's fixture state; no evidence key. */
async function dataDir(name: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path);
  const completed = SCANS.filter((s) => s.status === 'completed');
  await writeFile(join(path, 'state.json'), JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, devices: DEVICES, findings: FINDINGS, scans: completed }));
  await writeFile(join(path, 'settings.json'), JSON.stringify(source().settings));
  return path;
}

/** A GET on the loopback appliance, with the owner's session; the body as bytes (packs are binary). */
async function get(test: TestAppliance, session: string, path: string): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(`${test.origin}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${session}` }, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

async function pdfText(pdf: Buffer, name: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, pdf);
  return (await run('pdftotext', ['-layout', file, '-'], { timeout: 20_000 })).stdout;
}

describe('the evidence key fingerprint on the report', () => {
  it('HTML: shown at the sign-off with the verify command when known, in both languages; absent otherwise', () => {
    for (const lang of LANGS) {
      const html = renderReportHtml(buildReportModel(source({ evidenceFingerprint: FP }), lang));
      const signoff = html.slice(html.indexOf(`<h2>${REPORT_STRINGS[lang].signoff.heading}</h2>`));
      expect(signoff, lang).toContain(`<th>${label(lang)}</th><td class="mono">${FP}</td>`);
      expect(signoff, lang).toContain(`mamori evidence verify`);
      expect(signoff, lang).toContain(`--fingerprint ${FP}`);
      const without = renderReportHtml(buildReportModel(source(), lang));
      expect(without, lang).not.toContain(label(lang));
      expect(without, lang).not.toContain('evidence verify');
      expect(without, lang).not.toContain('evidence-key');
    }
  });

  it('PDF: the fingerprint and its label are in the text layer when known, and the label is absent otherwise', async () => {
    for (const lang of LANGS) {
      const text = await pdfText(await renderReportPdf(buildReportModel(source({ evidenceFingerprint: FP }), lang)), `with-${lang}.pdf`);
      expect(text, lang).toContain(label(lang));
      expect(text, lang).toContain(FP);
      // The command on a line of its own, the fingerprint whole (not broken at a line end).
      expect(text, lang).toMatch(new RegExp(`mamori evidence verify \\S+ --fingerprint ${FP}\\n`));
    }
    const without = await pdfText(await renderReportPdf(buildReportModel(source(), 'en')), 'without-en.pdf');
    expect(without).toContain('Sign-off');
    expect(without).not.toContain(label('en'));
    expect(without).not.toContain('evidence verify');
  });

  it('CLI report: no key in the data directory, no fingerprint and no key created; with a key, its fingerprint', async () => {
    const data = await dataDir('cli');
    const io = { out: () => undefined, err: () => undefined, stdout: () => undefined };
    const out = join(dir, 'cli.html');
    expect(await runReportCommand('report', ['--lang', 'en', '--format', 'html', '--out', out, '--data-dir', data], io)).toBe(0);
    expect(await readFile(out, 'utf8')).not.toContain(label('en'));
    expect(existsSync(join(data, EVIDENCE_KEY_FILE))).toBe(false);
    const key = await loadOrCreateEvidenceKey(data);
    expect(await runReportCommand('report', ['--lang', 'ja', '--format', 'html', '--out', out, '--data-dir', data], io)).toBe(0);
    expect(await readFile(out, 'utf8')).toContain(`<th>${label('ja')}</th><td class="mono">${key.fingerprint}</td>`);
  });

  it('CLI report: an unreadable key file is an error, not a report without the fingerprint', async () => {
    const data = await dataDir('broken-key');
    await writeFile(join(data, EVIDENCE_KEY_FILE), 'not a key\n', { mode: 0o600 });
    const errors: string[] = [];
    const io = { out: () => undefined, err: (line: string) => errors.push(line), stdout: () => undefined };
    expect(await runReportCommand('report', ['--lang', 'en', '--format', 'html', '--out', join(dir, 'broken.html'), '--data-dir', data], io)).toBe(1);
    expect(errors.at(-1)).toMatch(/cannot read the evidence key/);
    // The CSV exports do not show the fingerprint, so a broken key does not stop them.
    const csv = join(dir, 'broken-devices.csv');
    expect(await runReportCommand('export', ['devices', '--lang', 'en', '--out', csv, '--data-dir', data], io)).toBe(0);
    expect(existsSync(csv)).toBe(true);
  });

  it('evidence pack from a data directory (as the CLI makes it): the key is created, and the report in the pack shows its fingerprint', async () => {
    const data = await dataDir('pack');
    // On its own, before anything else made a key: the documents make it, and their report shows it.
    const alone = (await dataDirDocuments(data, '0.1.0')('en')).find((f) => f.name === 'report-en.html')!.bytes.toString('utf8');
    expect(alone).toContain(`<td class="mono">${(await loadOrCreateEvidenceKey(data)).fingerprint}</td>`);
    const today = new Date().toISOString().slice(0, 10);
    const pack = await buildEvidencePack({
      documents: dataDirDocuments(data, '0.1.0'), scanResults: new ScanResultStore(data),
      auditFile: new AuditLog(join(data, 'audit.jsonl')).file, key: () => loadOrCreateEvidenceKey(data), version: '0.1.0',
    }, parsePeriod(today, today), 'en');
    const { fingerprint } = pack.manifest.signature;
    expect(fingerprint).toBe((await loadOrCreateEvidenceKey(data)).fingerprint);
    expect(verifyEvidencePack(pack.archive, { fingerprint })).toMatchObject({ ok: true, fingerprintChecked: true });
    const html = entriesOf(pack.archive).find((e) => e.name === 'report-en.html')!.bytes.toString('utf8');
    expect(html).toContain(`<th>${label('en')}</th><td class="mono">${fingerprint}</td>`);
  });
});

describe('the appliance\'s report and evidence key', () => {
  it('GET /api/report.html shows the fingerprint of GET /api/evidence/key, as does the report inside GET /api/evidence', async () => {
    const test = await startTestAppliance({ dataDir: await dataDir('appliance'), logLevel: 'silent' });
    try {
      const session = await setUpOwner(test);
      const key = JSON.parse((await get(test, session, '/api/evidence/key')).body.toString()) as { fingerprint: string };
      expect(key.fingerprint).toMatch(/^([0-9a-f]{4}-){7}[0-9a-f]{4}$/);
      for (const lang of LANGS) {
        const res = await get(test, session, `/api/report.html?lang=${lang}`);
        expect(res.status).toBe(200);
        expect(res.body.toString('utf8'), lang).toContain(`<th>${label(lang)}</th><td class="mono">${key.fingerprint}</td>`);
      }
      const today = new Date().toISOString().slice(0, 10);
      const pack = await get(test, session, `/api/evidence?from=${today}&to=${today}&lang=ja`);
      expect(pack.status).toBe(200);
      expect(verifyEvidencePack(pack.body, { fingerprint: key.fingerprint })).toMatchObject({ ok: true, fingerprintChecked: true });
      const html = entriesOf(pack.body).find((e) => e.name === 'report-ja.html')!.bytes.toString('utf8');
      expect(html).toContain(`<td class="mono">${key.fingerprint}</td>`);
    } finally {
      await test.stop();
    }
  });

  it('starts with an unreadable key file: the report has no fingerprint, the key route fails', async () => {
    const data = await dataDir('appliance-broken-key');
    await writeFile(join(data, EVIDENCE_KEY_FILE), 'not a key\n', { mode: 0o600 });
    const test = await startTestAppliance({ dataDir: data, logLevel: 'silent' });
    try {
      const session = await setUpOwner(test);
      const res = await get(test, session, '/api/report.html?lang=en');
      expect(res.status).toBe(200);
      expect(res.body.toString('utf8')).toContain('Sign-off');
      expect(res.body.toString('utf8')).not.toContain(label('en'));
      expect((await get(test, session, '/api/evidence/key')).status).toBe(500);
    } finally {
      await test.stop();
    }
  });
});
