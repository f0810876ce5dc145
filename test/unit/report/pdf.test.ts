// The PDF, made with the installed Japanese font: poppler's pdftotext reads the Japanese headings
// and the devices back from its text layer, pdffonts shows the font embedded, and a missing font
// is a clear error.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel, findReportFont, FontMissingError, renderReportPdf } from '../../../backend/src/report/index.js';
import { FONT_CANDIDATES } from '../../../backend/src/report/fonts.js';
import { source } from './fixtures.js';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'mamori-report-pdf-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function pdfText(pdf: Buffer, name: string): Promise<{ text: string; pages: number; fonts: string }> {
  const file = join(dir, name);
  await writeFile(file, pdf);
  const [{ stdout: text }, { stdout: info }, { stdout: fonts }] = await Promise.all([
    run('pdftotext', ['-layout', file, '-'], { timeout: 20_000 }), run('pdfinfo', [file], { timeout: 20_000 }), run('pdffonts', [file], { timeout: 20_000 }),
  ]);
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), fonts };
}

describe('renderReportPdf', () => {
  it('Japanese: headings, names and devices are in the text layer, with the font embedded', async () => {
    const pdf = await renderReportPdf(buildReportModel(source(), 'ja'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages, fonts } = await pdfText(pdf, 'ja.pdf');
    expect(pages).toBeGreaterThan(1);
    for (const heading of ['ネットワークセキュリティ 引き渡し報告書', 'ネットワーク上の機器', '点検した内容', '未解決の問題', '承知のうえで保留にしたリスク', '今後の役割分担', '確認欄']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('山田 花子');
    expect(text).toContain('10.77.0.11');
    expect(text).toContain('Synology Incorporated');
    expect(text).toMatch(/1 \/ \d+ ページ/);
    // Embedded as a subset ("ABCDEF+Name"), so the reader needs no Japanese font of their own.
    expect(fonts).toMatch(/\+(NotoSansCJKjp|IPAexGothic)/);
    expect(fonts).toMatch(/\byes\s+yes\b/);
  });

  it('English: the same sections in English', async () => {
    const { text, pages } = await pdfText(await renderReportPdf(buildReportModel(source(), 'en')), 'en.pdf');
    expect(pages).toBeGreaterThan(1);
    for (const heading of ['Network security handover report', 'Devices on the network', 'Still open', 'Fixed and verified', 'Sign-off']) expect(text).toContain(heading);
    expect(text).toContain('Front door camera');
    expect(text).toContain('Taro Yamada');
  });

  it('a hostile device name is drawn as text, nothing more', async () => {
    const { text } = await pdfText(await renderReportPdf(buildReportModel(source(), 'en')), 'xss.pdf');
    expect(text).toContain('onerror=alert(1)');
  });
});

describe('findReportFont', () => {
  it('takes the first installed candidate, the regular face when no bold one exists', () => {
    const [noto, ipa] = FONT_CANDIDATES;
    expect(findReportFont(undefined, (p) => p === noto!.regular.path || p === noto!.bold.path)).toBe(noto);
    expect(findReportFont(undefined, (p) => p === noto!.regular.path).bold).toEqual(noto!.regular);
    expect(findReportFont(undefined, (p) => p === ipa!.regular.path).package).toBe('fonts-ipaexfont-gothic');
  });

  it('names the packages to install when none is there', () => {
    expect(() => findReportFont(undefined, () => false)).toThrow(FontMissingError);
    expect(() => findReportFont(undefined, () => false)).toThrow(/fonts-noto-cjk or fonts-ipaexfont-gothic/);
  });

  it('an override must exist; a .ttc override names its face after #', () => {
    expect(() => findReportFont('/nonexistent/font.ttf', () => false)).toThrow(/does not exist/);
    expect(findReportFont('/x/f.ttc#NotoSansCJKjp-Regular', () => true).regular).toEqual({ path: '/x/f.ttc', postscriptName: 'NotoSansCJKjp-Regular' });
  });

  it('renderReportPdf fails with FontMissingError for a missing configured font', async () => {
    await expect(renderReportPdf(buildReportModel(source(), 'ja'), { font: '/nonexistent/font.ttf' })).rejects.toThrow(FontMissingError);
  });
});
