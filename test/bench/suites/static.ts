// Figures that need no network: the dashboard's JavaScript (built from the current sources into a
// private folder, so the shared frontend/dist is never rewritten under someone's test) and the
// OUI vendor table's load time and memory (oui-data/measure.ts, each run in a fresh process).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { OuiMeasurement } from '../../../oui-data/measure.js';
import { ROOT } from '../lab.js';
import { median } from '../proc.js';

const run = promisify(execFile);

export interface DashboardSize {
  /** JS the browser loads before the first paint: index.html's module script and its modulepreloads. */
  initialJs: Array<{ file: string; bytes: number; gzipBytes: number }>;
  initialGzipBytes: number;
  /** Every JS file of the build (lazy chunks included), for reference. */
  allJsGzipBytes: number;
  buildMs: number;
}

export async function dashboardSize(): Promise<DashboardSize> {
  const out = mkdtempSync(join(tmpdir(), 'mamori-bench-dist-'));
  try {
    const t0 = performance.now();
    await run(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'frontend/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: ROOT, timeout: 300_000, maxBuffer: 16 << 20 });
    const buildMs = performance.now() - t0;
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const refs = [
      ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]!),
      ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1]!),
    ];
    const gz = (file: string): { bytes: number; gzipBytes: number } => {
      const data = readFileSync(join(out, file));
      return { bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
    };
    const initialJs = [...new Set(refs)].map((ref) => ({ file: ref, ...gz(ref.replace(/^\//, '')) }));
    const all = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js')).map((f) => gz(join('assets', f)));
    return {
      initialJs,
      initialGzipBytes: initialJs.reduce((s, f) => s + f.gzipBytes, 0),
      allJsGzipBytes: all.reduce((s, f) => s + f.gzipBytes, 0),
      buildMs,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export interface OuiFigures { rounds: OuiMeasurement[]; loadMs: number | null; rssMiB: number | null; heapMiB: number | null }

export async function ouiTable(rounds: number): Promise<OuiFigures> {
  const results: OuiMeasurement[] = [];
  for (let r = 0; r < rounds; r++) {
    // measure.ts --json measures each representation in its own fresh process.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'oui-data/measure.ts'), '--json'], { cwd: ROOT, timeout: 120_000 });
    const shipped = (JSON.parse(stdout) as OuiMeasurement[]).find((m) => m.variant === 'typed-arrays' && !m.file.endsWith('.gz'));
    if (shipped) results.push(shipped);
  }
  return {
    rounds: results,
    loadMs: median(results.map((m) => m.loadMs)),
    rssMiB: median(results.map((m) => m.rssMiB)),
    heapMiB: median(results.map((m) => m.heapMiB)),
  };
}
