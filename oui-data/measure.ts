// Measures the OUI vendor table: load time, memory kept after loading, and time per 100k lookups.
//
//   node --import tsx oui-data/measure.ts            compare representations, each in a fresh process
//   node --import tsx oui-data/measure.ts --json     same, as JSON
//
// `measureOuiTable()` is exported for a benchmark runner. Besides OuiTable itself (typed arrays +
// one UTF-8 names buffer), a reference Map<string, number> representation is measured so that the
// choice stays checkable; it is not used by the appliance.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DEFAULT_OUI_TABLE_PATH, OuiTable } from '../backend/src/identify/oui-table.js';

export type Variant = 'typed-arrays' | 'map';

export interface OuiMeasurement {
  variant: Variant;
  file: string;
  fileBytes: number;
  loadMs: number;
  /** Growth after loading and two full GCs, in MiB. rss includes code compiled for the loader. */
  rssMiB: number;
  heapMiB: number;
  arrayBuffersMiB: number;
  /** 100k lookups (after 10k warm-up) of a fixed mix: half registered prefixes (all registries), half unassigned. */
  lookups100kMs: number;
  hits: number;
}

/** The table's text, gunzipped if the path ends in .gz. */
function readTable(path: string): string {
  const raw = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
}

interface Lookup { lookup(mac: string): { vendor: string } | null }

/** Reference representation: one Map<prefix hex, vendor index> and a string[] of names. */
function loadAsMap(path: string): Lookup {
  const lines = readTable(path).split('\n');
  let i = 1;
  const nv = Number(lines[i++]!.split(' ')[1]);
  const names = lines.slice(i, i + nv);
  i += nv;
  const map = new Map<string, number>();
  for (let s = 0; s < 4; s++) {
    const n = Number(lines[i++]!.split(' ')[1]);
    for (let k = 0; k < n; k++, i++) {
      const line = lines[i]!;
      const sp = line.indexOf(' ');
      map.set(line.slice(0, sp), Number(line.slice(sp + 1)));
    }
  }
  return {
    lookup(mac: string) {
      const hex = mac.replaceAll(':', '').toUpperCase();
      if ((parseInt(hex.slice(0, 2), 16) & 2) !== 0) return null;
      const v = map.get(hex.slice(0, 9)) ?? map.get(hex.slice(0, 7)) ?? map.get(hex.slice(0, 6));
      return v === undefined ? null : { vendor: names[v]! };
    },
  };
}

/** 1,000 MACs: 500 from registered blocks of every registry, 500 pseudo-random globally administered. */
function sampleMacs(path: string): string[] {
  const prefixes = readTable(path).split('\n')
    .filter((l) => /^[0-9A-F]{6,9} \d+$/.test(l)).map((l) => l.slice(0, l.indexOf(' ')).toLowerCase());
  const macs: string[] = [];
  let seed = 12345;
  for (let k = 0; k < 500; k++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const hex = prefixes[(k * 7919) % prefixes.length]!.padEnd(12, '5');
    macs.push(hex.replace(/(..)(?=.)/g, '$1:'));
    const rnd = (((seed >>> 8) & 0xfcffff) >>> 0).toString(16).padStart(6, '0') + '123456';
    macs.push(rnd.replace(/(..)(?=.)/g, '$1:'));
  }
  return macs;
}

function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const MiB = 1024 * 1024;

/** Loads the table once in this process and measures it. Best run in a fresh process. */
export async function measureOuiTable(
  options: { variant?: Variant; path?: string } = {},
): Promise<OuiMeasurement> {
  const variant = options.variant ?? 'typed-arrays';
  const path = options.path ?? DEFAULT_OUI_TABLE_PATH;
  const macs = sampleMacs(path);
  const gc = gcFunction();
  const settle = async (): Promise<void> => {
    gc();
    await new Promise((r) => setImmediate(r));
    gc();
  };
  await settle();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const table: Lookup = variant === 'map' ? loadAsMap(path) : OuiTable.load(path);
  const loadMs = performance.now() - t0;
  await settle();
  const after = process.memoryUsage();

  let hits = 0;
  for (let k = 0; k < 10_000; k++) table.lookup(macs[k % macs.length]!); // JIT warm-up
  const t1 = performance.now();
  for (let k = 0; k < 100_000; k++) if (table.lookup(macs[k % macs.length]!) !== null) hits++;
  const lookups100kMs = performance.now() - t1;

  return {
    variant,
    file: path,
    fileBytes: readFileSync(path).length,
    loadMs: round(loadMs),
    rssMiB: round((after.rss - before.rss) / MiB),
    heapMiB: round((after.heapUsed - before.heapUsed) / MiB),
    arrayBuffersMiB: round((after.arrayBuffers - before.arrayBuffers) / MiB),
    lookups100kMs: round(lookups100kMs),
    hits,
  };
}

const round = (x: number): number => Math.round(x * 100) / 100;

async function cli(argv: string[]): Promise<void> {
  const child = argv.indexOf('--child');
  if (child >= 0) {
    const m = await measureOuiTable({ variant: argv[child + 1] as Variant, path: argv[child + 2]! });
    process.stdout.write(JSON.stringify(m));
    return;
  }
  // Each case in its own process: RSS only grows, so sharing one would hide the second case's cost.
  const dir = mkdtempSync(join(tmpdir(), 'mamori-oui-'));
  try {
    const gz = join(dir, 'oui-table.txt.gz');
    writeFileSync(gz, gzipSync(readFileSync(DEFAULT_OUI_TABLE_PATH), { level: 9 }));
    const cases: [Variant, string][] = [
      ['typed-arrays', DEFAULT_OUI_TABLE_PATH], ['typed-arrays', gz], ['map', DEFAULT_OUI_TABLE_PATH],
    ];
    const self = fileURLToPath(import.meta.url);
    const results = cases.map(([variant, path]) => JSON.parse(execFileSync(
      process.execPath, [...process.execArgv, self, '--child', variant, path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    )) as OuiMeasurement);
    if (argv.includes('--json')) {
      process.stdout.write(JSON.stringify(results, null, 2) + '\n');
      return;
    }
    console.log('variant        file               bytes      load ms  rss MiB  heap MiB  buffers MiB  100k lookups ms  hits');
    for (const r of results) {
      console.log([
        r.variant.padEnd(14), r.file.split('/').pop()!.padEnd(18), String(r.fileBytes).padStart(8),
        String(r.loadMs).padStart(10), String(r.rssMiB).padStart(8), String(r.heapMiB).padStart(9),
        String(r.arrayBuffersMiB).padStart(12), String(r.lookups100kMs).padStart(16), String(r.hits).padStart(6),
      ].join(' '));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await cli(process.argv.slice(2));
