// The report routes on a loopback appliance with a prepared data directory: session needed, lang
// and scan checked, the right types and file names, a strict CSP on the HTML, the audit trail written.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../../backend/src/storage/migrations.js';
import { makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';
import { parseCsv } from './csv-parse.js';
import { DEVICES, FINDINGS, noisePng, SCANS, source, XSS_NAME } from './fixtures.js';

let test: TestAppliance;
let session: string;

beforeAll(async () => {
  const dataDir = await makeTempDir('mamori-report-api-');
  const completed = SCANS.filter((s) => s.status === 'completed');
  await writeFile(join(dataDir, 'state.json'), JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, devices: DEVICES, findings: FINDINGS, scans: completed }));
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify(source().settings));
  test = await startTestAppliance({ dataDir, logLevel: 'silent' });
  session = await setUpOwner(test);
});
afterAll(async () => { await test?.stop(); await removeDir(test.dataDir); });

const get = (path: string, withSession = true) => test.request({ path, ...(withSession ? { session } : {}) });
const ROUTES = ['/api/report.pdf', '/api/report.html', '/api/export/devices.csv', '/api/export/findings.csv'];

describe('report routes', () => {
  it('need a session', async () => {
    for (const route of ROUTES) expect((await get(`${route}?lang=en`, false)).status, route).toBe(401);
  });

  it('refuse a wrong language, a missing one, and an unknown or malformed scan id', async () => {
    for (const route of ROUTES) {
      expect((await get(`${route}?lang=fr`)).status, route).toBe(400);
      expect((await get(route)).status, route).toBe(400);
      expect((await get(`${route}?lang=en&scan=nope`)).status, route).toBe(400);
      expect((await get(`${route}?lang=en&scan=${encodeURIComponent('<x>')}`)).status, route).toBe(400);
    }
  });

  it('GET /api/report.html: printable page, strict CSP, hostile names escaped', async () => {
    const res = await get('/api/report.html?lang=ja&scan=scan-2');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain('img-src data:');
    expect(csp).not.toMatch(/script-src/);
    expect(res.text).toContain('ネットワーク上の機器');
    expect(res.text).not.toContain(XSS_NAME);
  });

  it('GET /api/report.pdf: an attachment named by date and language', async () => {
    const res = await test.request({ path: '/api/report.pdf?lang=en', session });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="mamori-report-\d{4}-\d{2}-\d{2}-en\.pdf"$/);
    expect(res.text.startsWith('%PDF-')).toBe(true);
  });

  it('GET /api/export/*.csv: attachments that parse back to one row per record', async () => {
    const devices = await get('/api/export/devices.csv?lang=ja');
    expect(devices.status).toBe(200);
    expect(devices.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(devices.headers['content-disposition']).toMatch(/filename="mamori-devices-\d{4}-\d{2}-\d{2}-ja\.csv"/);
    expect(parseCsv(devices.text.replace(/^\uFEFF/, ''))).toHaveLength(DEVICES.length + 1);
    const findings = await get('/api/export/findings.csv?lang=en');
    expect(parseCsv(findings.text.replace(/^\uFEFF/, ''))).toHaveLength(FINDINGS.length + 1);
  });

  it('a logo of 200 KB set through PUT /api/settings appears in the report; a fake one is refused', async () => {
    const png = noisePng(200 * 1024);
    const logo = `data:image/png;base64,${png.toString('base64')}`;
    const report = { ...source().settings.report, logo };
    expect((await test.request({ method: 'PUT', path: '/api/settings', body: { report }, session })).status).toBe(200);
    const fake = { ...report, logo: `data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}` };
    expect((await test.request({ method: 'PUT', path: '/api/settings', body: { report: fake }, session })).status).toBe(400);
    const html = await get('/api/report.html?lang=en');
    expect(html.text).toContain(`src="${logo}"`);
  });

  it('records every generation in the audit trail', async () => {
    const entries = (await readFile(join(test.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { action: string; details: Record<string, unknown> });
    const reports = entries.filter((e) => e.action === 'report-generated');
    const exports = entries.filter((e) => e.action === 'export-generated');
    expect(reports.map((e) => [e.details['format'], e.details['lang']])).toEqual([['html', 'ja'], ['pdf', 'en'], ['html', 'en']]);
    expect(reports[0]!.details['scanId']).toBe('scan-2');
    expect(exports.map((e) => e.details['kind'])).toEqual(['devices', 'findings']);
  });
});
