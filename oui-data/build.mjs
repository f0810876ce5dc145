#!/usr/bin/env node
// Builds oui-data/oui-table.txt (the compact IEEE vendor table the appliance loads) and
// oui-data/source.json (where it came from). See oui-data/README.md for the format.
//
//   node oui-data/build.mjs [OUT_DIR] [--iab PATH | --no-iab]
//
// Inputs: the npm package `oui-data` (MA-L, MA-M, MA-S) and, when present, Debian's `ieee-data`
// iab.csv (IAB blocks). No network access. Same inputs → same bytes: names and rows are sorted by
// code unit, and the only date (source.json "builtAt") comes from SOURCE_DATE_EPOCH when it is set.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA_FILE = 'oui-table.txt';
const FORMAT = 'mamori-oui 1';
const DEFAULT_IAB = '/usr/share/ieee-data/iab.csv';
/** Section order in the file; `digits` is the prefix length in hex digits. */
const REGISTRIES = [
  { id: 'MA-L', digits: 6 },
  { id: 'MA-M', digits: 7 },
  { id: 'MA-S', digits: 9 },
  { id: 'IAB', digits: 9 },
];

function parseArgs(argv) {
  const args = { outDir: HERE, iab: DEFAULT_IAB, iabRequired: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--iab') { args.iab = argv[++i]; args.iabRequired = true; }
    else if (a === '--no-iab') args.iab = null;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node oui-data/build.mjs [OUT_DIR] [--iab PATH | --no-iab]');
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else args.outDir = resolve(a);
  }
  return args;
}

/** First line of an IEEE organisation field, trimmed, inner whitespace runs collapsed to one space. */
export function orgName(value) {
  return String(value).split('\n')[0].replace(/\s+/g, ' ').trim();
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF rows. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const HEX = /^[0-9A-F]+$/;

function loadOuiData() {
  const require = createRequire(import.meta.url);
  const indexPath = require.resolve('oui-data');
  const pkg = JSON.parse(readFileSync(join(dirname(indexPath), 'package.json'), 'utf8'));
  const raw = readFileSync(indexPath);
  const data = JSON.parse(raw.toString('utf8'));
  const rows = { 'MA-L': new Map(), 'MA-M': new Map(), 'MA-S': new Map() };
  const byDigits = { 6: 'MA-L', 7: 'MA-M', 9: 'MA-S' };
  let skipped = 0;
  for (const [key, value] of Object.entries(data)) {
    const prefix = key.toUpperCase();
    const registry = byDigits[prefix.length];
    const name = typeof value === 'string' ? orgName(value) : '';
    if (!registry || !HEX.test(prefix) || name === '') { skipped++; continue; }
    rows[registry].set(prefix, name);
  }
  return {
    rows,
    source: {
      name: 'npm oui-data',
      version: pkg.version,
      license: pkg.license,
      url: 'https://github.com/silverwind/oui-data',
      file: 'node_modules/oui-data/index.json',
      sha256: sha256(raw),
      skipped,
    },
  };
}

function debianVersion(pkgName) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkgName], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

function loadIab(path, maS) {
  const raw = readFileSync(path);
  const table = parseCsv(raw.toString('utf8'));
  const header = table.shift() ?? [];
  const col = (name) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const reg = col('registry');
  const assignment = col('assignment');
  const org = col('organization name');
  if (reg < 0 || assignment < 0 || org < 0) throw new Error(`${path}: unexpected header ${header.join(',')}`);
  const rows = new Map();
  let skipped = 0;
  let shadowedByMaS = 0;
  for (const r of table) {
    if (r.length === 1 && r[0] === '') continue; // blank line
    const prefix = (r[assignment] ?? '').trim().toUpperCase();
    const name = orgName(r[org] ?? '');
    if ((r[reg] ?? '').trim() !== 'IAB' || prefix.length !== 9 || !HEX.test(prefix) || name === '') { skipped++; continue; }
    // The same 9-digit block in MA-S (newer data) wins; a 9-digit key lives in one registry only.
    if (maS.has(prefix)) { shadowedByMaS++; continue; }
    rows.set(prefix, name);
  }
  let dataDate = null;
  const stamp = join(dirname(path), '.lastupdate');
  if (existsSync(stamp)) {
    const secs = Number(readFileSync(stamp, 'utf8').trim());
    if (Number.isFinite(secs) && secs > 0) dataDate = new Date(secs * 1000).toISOString().slice(0, 10);
  }
  return {
    rows,
    source: {
      name: 'Debian ieee-data iab.csv',
      version: debianVersion('ieee-data'),
      license: 'IEEE registry data (public listing)',
      url: 'https://standards-oui.ieee.org/iab/iab.csv',
      file: path,
      dataDate,
      sha256: sha256(raw),
      skipped,
      shadowedByMaS,
    },
  };
}

function buildDate() {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const oui = loadOuiData();
  const rows = { ...oui.rows, IAB: new Map() };
  const sources = [oui.source];
  if (args.iab && existsSync(args.iab)) {
    const iab = loadIab(args.iab, oui.rows['MA-S']);
    rows.IAB = iab.rows;
    sources.push(iab.source);
  } else if (args.iabRequired) {
    throw new Error(`IAB file not found: ${args.iab}`);
  } else if (args.iab) {
    console.warn(`warning: ${args.iab} not found, building without IAB blocks (apt-get install ieee-data)`);
  }

  // Deduplicated vendor names, sorted by UTF-16 code unit (locale-independent, hence deterministic).
  const names = new Set();
  for (const r of REGISTRIES) for (const n of rows[r.id].values()) names.add(n);
  const vendors = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(vendors.map((n, i) => [n, i]));

  const lines = [FORMAT, `vendors ${vendors.length}`, ...vendors];
  const counts = {};
  for (const r of REGISTRIES) {
    const prefixes = [...rows[r.id].keys()].sort();
    counts[r.id] = prefixes.length;
    lines.push(`${r.id} ${prefixes.length}`);
    for (const p of prefixes) lines.push(`${p} ${index.get(rows[r.id].get(p))}`);
  }
  lines.push('');
  const out = Buffer.from(lines.join('\n'), 'utf8');

  const source = {
    file: DATA_FILE,
    format: FORMAT,
    builtAt: buildDate(),
    builtBy: 'oui-data/build.mjs',
    sources,
    counts: { ...counts, vendors: vendors.length, rows: Object.values(counts).reduce((a, b) => a + b, 0) },
    bytes: out.length,
    sha256: sha256(out),
  };
  mkdirSync(args.outDir, { recursive: true });
  writeFileSync(join(args.outDir, DATA_FILE), out);
  writeFileSync(join(args.outDir, 'source.json'), JSON.stringify(source, null, 2) + '\n');
  console.log(`${join(args.outDir, DATA_FILE)}: ${out.length} bytes, ${vendors.length} vendors, `
    + REGISTRIES.map((r) => `${r.id} ${counts[r.id]}`).join(', '));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
