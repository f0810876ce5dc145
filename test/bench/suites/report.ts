// The handover report's PDF: time and peak memory of one generation per language, each in a fresh
// process (test/bench/files/measure-report.ts), with the font the appliance would pick.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../lab.js';
import { median } from '../proc.js';

const run = promisify(execFile);

interface Round { lang: string; pdfMs: number; htmlMs: number; bytes: number; rssBeforeMiB: number; peakRssMiB: number }
export interface ReportFigures { rounds: Round[]; byLang: Array<{ lang: string; pdfMs: number; htmlMs: number; extraRssMiB: number; bytes: number }> }

export async function reportSuite(rounds: number): Promise<ReportFigures> {
  const all: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const lang of ['en', 'ja']) {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'test/bench/files/measure-report.ts'), '--lang', lang], { cwd: ROOT, timeout: 120_000 });
      all.push(JSON.parse(stdout) as Round);
    }
  }
  const byLang = ['en', 'ja'].map((lang) => {
    const mine = all.filter((r) => r.lang === lang);
    return {
      lang, pdfMs: median(mine.map((r) => r.pdfMs)) ?? NaN, htmlMs: median(mine.map((r) => r.htmlMs)) ?? NaN,
      extraRssMiB: Math.max(...mine.map((r) => r.peakRssMiB - r.rssBeforeMiB)), bytes: mine[0]!.bytes,
    };
  });
  return { rounds: all, byLang };
}

export function reportMarkdown(figures: ReportFigures): string {
  return ['', '## Handover report (20 devices, 30 findings; PDF with the embedded Japanese font)', '',
    '| language | PDF median | HTML median | peak memory added | PDF size |', '|---|---|---|---|---|',
    ...figures.byLang.map((l) => `| ${l.lang} | ${l.pdfMs.toFixed(0)} ms | ${l.htmlMs.toFixed(1)} ms | ${l.extraRssMiB.toFixed(0)} MiB | ${(l.bytes / 1024).toFixed(0)} KiB |`), ''].join('\n');
}
