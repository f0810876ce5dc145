// The handover report from a real lab scan (login checks consented): the PDF in both languages is
// rendered to page images by poppler (pages exist, more than one, not blank) and its text layer
// holds the Japanese headings and the lab's devices; the HTML report in the real browser lists
// every lab device, runs no script from a hostile device name, and prints to A4 pages; the CSV
// downloads parse back to one row per record; the CLI makes the same report from the data dir.
// Negative controls: a wrong language is refused (400), no session is refused (401).
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../backend/src/api/contract.js';
import { SESSION_COOKIE } from '../../backend/src/api/security.js';
import { parseCsv } from '../unit/report/csv-parse.js';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { launchBrowser, shot } from './browser.js';
import { expected, ROOT } from './lab.js';

const run = promisify(execFile);
const lab = expected();
const OUT = join(ROOT, 'test-results', 'report');
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const PNG_LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
let appliance: RunningAppliance;
let session = '';
let state: Snapshot;

async function api(method: string, path: string, body?: object, withSession = true): Promise<Response> {
  return fetch(`${appliance.url}${path}`, {
    method, headers: { ...(withSession ? { cookie: `${SESSION_COOKIE}=${session}` } : {}), 'content-type': 'application/json', 'x-mamori': '1' },
    ...(body ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(60_000),
  });
}

/** The evidence-signing key's fingerprint as the appliance shows it; the report carries the same. */
async function evidenceFingerprint(): Promise<string> {
  const { fingerprint } = await (await api('GET', '/api/evidence/key')).json() as { fingerprint: string };
  expect(fingerprint).toMatch(/^([0-9a-f]{4}-){7}[0-9a-f]{4}$/);
  return fingerprint;
}

/** Share of dark pixels on a page image (binary PGM from pdftoppm -gray). */
function inkOf(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark++;
  return dark / pixels.length;
}

async function pdfPages(file: string, prefix: string): Promise<number[]> {
  await run('pdftoppm', ['-gray', '-r', '30', file, join(OUT, prefix)], { timeout: 60_000 });
  return readdirSync(OUT).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.pgm')).sort().map((f) => inkOf(readFileSync(join(OUT, f))));
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) rmSync(join(OUT, f), { force: true }); // output of an earlier run never passes a test
  appliance = await startLabAppliance(lab.subnet, { MAMORI_LOGIN_CHECKS: 'yes' });
  const setup = await api('POST', '/api/setup', { token: appliance.setupToken, password: 'correct horse battery staple' }, false);
  expect(setup.status).toBe(204);
  session = /=([^;]+)/.exec(setup.headers.get('set-cookie')!)![1]!;
  const settings = await api('PUT', '/api/settings', {
    report: { siteName: 'さくらカフェ <b>本店</b>', customerName: '山田 花子', installerName: '佐藤 健', installerCompany: '佐藤電気工事', logo: PNG_LOGO },
  });
  expect(settings.status).toBe(200);
  const started = await api('POST', '/api/scans', {});
  expect(started.status).toBe(202);
  const { scanId } = await started.json() as { scanId: string };
  for (let i = 0; i < 240; i++) { // bounded: 120 s
    state = await (await api('GET', '/api/state')).json() as Snapshot;
    if (state.scans[0]?.id === scanId && state.scans[0].status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(state.scans[0]).toMatchObject({ id: scanId, status: 'completed', loginChecks: true });
  // The owner names the camera (a hostile name: it must stay text) and accepts one risk.
  const camera = state.devices.find((d) => d.ip === '10.77.0.11')!;
  expect((await api('PATCH', `/api/devices/${camera.id}`, { name: HOSTILE_NAME })).status).toBe(200);
  const snmp = state.findings.find((f) => f.checkId === 'cleartext-service-snmp')!;
  expect((await api('POST', `/api/findings/${snmp.key}/accept`, { reason: 'バックアップソフトが SNMPv2c を使うため', until: '2027-03-31', person: '鈴木 一郎' })).status).toBe(200);
  state = await (await api('GET', '/api/state')).json() as Snapshot;
}, 180_000);
afterAll(async () => { await appliance?.stop(); });

describe('handover report from a lab scan', () => {
  it('PDF in Japanese and English: several non-blank pages, headings, lab devices and the evidence key in the text layer', async () => {
    const fingerprint = await evidenceFingerprint();
    for (const lang of ['ja', 'en'] as const) {
      const res = await api('GET', `/api/report.pdf?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="mamori-report-\\d{4}-\\d{2}-\\d{2}-${lang}\\.pdf"$`));
      const file = join(OUT, `report-${lang}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const ink = await pdfPages(file, `page-${lang}`);
      expect(ink.length).toBeGreaterThan(1);
      for (const [i, share] of ink.entries()) expect(share, `page ${i + 1} of the ${lang} PDF is blank`).toBeGreaterThan(0.002);
      const { stdout: text } = await run('pdftotext', ['-layout', file, '-'], { timeout: 30_000 });
      for (const device of ['10.77.0.11', '10.77.0.13']) expect(text).toContain(device);
      expect(text).toContain('Hangzhou Hikvision');
      expect(text).toContain('Synology');
      expect(text).toContain(`--fingerprint ${fingerprint}`);
      if (lang === 'ja') {
        for (const heading of ['引き渡し報告書', 'ネットワーク上の機器', '点検した内容', '未解決の問題', '承知のうえで保留にしたリスク', '今後の役割分担', '確認欄']) expect(text).toContain(heading);
        expect(text).toContain('佐藤電気工事');
        expect(text).toContain('所有者の同意を得て実施');
      } else {
        for (const heading of ['Devices on the network', 'What was checked', 'Still open', 'Accepted risks', 'Sign-off']) expect(text).toContain(heading);
      }
    }
  });

  it('HTML in the real browser: every lab device in the inventory, Japanese text, no script from a device name, A4 print', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
      await context.addCookies([{ name: SESSION_COOKIE, value: session, url: appliance.url }]);
      const page = await context.newPage();
      let dialogs = 0;
      page.on('dialog', (dialog) => { dialogs++; void dialog.dismiss(); });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const res = await page.goto(`${appliance.url}/api/report.html?lang=ja`);
      expect(res?.status()).toBe(200);
      const inventory = await page.locator('#inventory').innerText();
      for (const device of state.devices) expect(inventory, device.ip).toContain(device.mac ?? device.ip);
      for (const device of lab.devices.filter((d) => d.mac)) expect(inventory.toLowerCase(), device.name).toContain(device.mac.toLowerCase());
      expect(inventory).toContain(HOSTILE_NAME);
      expect(await page.locator('h2', { hasText: 'ネットワーク上の機器' }).count()).toBe(1);
      expect(await page.locator('body').innerText()).toContain('さくらカフェ <b>本店</b>');
      expect(await page.locator('img[src="x"], b').count()).toBe(0);
      expect(dialogs).toBe(0);
      expect(requests.filter((url) => !url.startsWith('data:'))).toEqual([`${appliance.url}/api/report.html?lang=ja`]);
      await shot(page, 'report-html-ja');
      await page.emulateMedia({ media: 'print' });
      const printed = join(OUT, 'report-browser-print-ja.pdf');
      writeFileSync(printed, await page.pdf({ preferCSSPageSize: true }));
      const { stdout: info } = await run('pdfinfo', [printed], { timeout: 30_000 });
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(1);
      expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    } finally {
      await browser.close();
    }
  });

  it('CSV downloads parse back to one row per device and per finding', async () => {
    for (const [kind, count] of [['devices', state.devices.length], ['findings', state.findings.length]] as const) {
      const res = await api('GET', `/api/export/${kind}.csv?lang=ja`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`filename="mamori-${kind}-\\d{4}-\\d{2}-\\d{2}-ja\\.csv"`));
      const text = await res.text();
      writeFileSync(join(OUT, `${kind}.csv`), text);
      const rows = parseCsv(text.replace(/^\uFEFF/, ''));
      expect(rows).toHaveLength(count + 1);
      expect(count).toBeGreaterThan(kind === 'devices' ? 15 : 5);
    }
  });

  it('refuses a wrong language (400) and a request without a session (401)', async () => {
    expect((await api('GET', '/api/report.pdf?lang=xx')).status).toBe(400);
    expect((await api('GET', '/api/report.html?lang=en&scan=no-such-scan')).status).toBe(400);
    expect((await api('GET', '/api/export/devices.csv?lang=en', undefined, false)).status).toBe(401);
    expect((await api('GET', '/api/report.pdf?lang=en', undefined, false)).status).toBe(401);
  });

  it('the CLI makes the report and the exports from the appliance\'s data directory', async () => {
    const dataDir = /data in (\S+);/.exec(appliance.log())![1]!;
    await new Promise((resolve) => setTimeout(resolve, 600)); // the store's debounced write (250 ms)
    const cli = (args: string[]) => run(process.execPath, [join(ROOT, 'backend/dist/cli.js'), ...args, '--data-dir', dataDir], { cwd: ROOT, timeout: 60_000 });
    const pdf = join(OUT, 'cli-report-ja.pdf');
    await cli(['report', '--lang', 'ja', '--format', 'pdf', '--out', pdf, '--scan', state.scans[0]!.id]);
    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-'], { timeout: 30_000 });
    expect(text).toContain('ネットワーク上の機器');
    expect(text).toContain('10.77.0.13');
    expect(text).toContain('バックアップソフトが'); // the accepted risk's reason (its table cell wraps)
    expect(text).toContain('鈴木 一郎'); // who accepted it
    expect(text).toContain(await evidenceFingerprint()); // the appliance made the key; the CLI reads it
    const csv = join(OUT, 'cli-devices.csv');
    await cli(['export', 'devices', '--lang', 'en', '--out', csv]);
    expect(parseCsv(readFileSync(csv, 'utf8').slice(1))).toHaveLength(state.devices.length + 1);
    const refused = await cli(['report', '--lang', 'xx', '--format', 'pdf', '--out', pdf]).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2 });
    const audit = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8');
    expect(audit.match(/"action":"report-generated"/g)!.length).toBeGreaterThanOrEqual(4);
    expect(audit).toMatch(/"actor":"cli","action":"export-generated"/);
  });
});
