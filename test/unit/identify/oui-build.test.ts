import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OuiTable } from '../../../backend/src/identify/oui-table.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILD = join(ROOT, 'oui-data/build.mjs');
const SYSTEM_IAB = '/usr/share/ieee-data/iab.csv';
const EPOCH = '1700000000';

interface Source {
  file: string; builtAt: string; bytes: number; sha256: string; counts: Record<string, number>;
  sources: { name: string; sha256: string; version: string | null; shadowedByMaS?: number }[];
}

function build(outDir: string, ...args: string[]): void {
  execFileSync(process.execPath, [BUILD, outDir, ...args], {
    cwd: ROOT, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH }, stdio: 'pipe',
  });
}
const read = (dir: string, file: string): Buffer => readFileSync(join(dir, file));
const sourceOf = (dir: string): Source => JSON.parse(read(dir, 'source.json').toString('utf8')) as Source;

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'mamori-oui-build-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('oui-data/build.mjs', () => {
  it('is deterministic: two builds give identical bytes', () => {
    build(join(tmp, 'a'));
    build(join(tmp, 'b'));
    for (const f of ['oui-table.txt', 'source.json']) expect(read(join(tmp, 'a'), f).equals(read(join(tmp, 'b'), f))).toBe(true);
    const s = sourceOf(join(tmp, 'a'));
    expect(s.builtAt).toBe(new Date(Number(EPOCH) * 1000).toISOString());
    const data = read(join(tmp, 'a'), 'oui-table.txt');
    expect(s.bytes).toBe(data.length);
    expect(s.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('writes counts in source.json that match the file', () => {
    const dir = join(tmp, 'a');
    const s = sourceOf(dir);
    const t = OuiTable.load(join(dir, s.file));
    const { vendors, ...perRegistry } = t.counts;
    expect(perRegistry).toEqual({ 'MA-L': s.counts['MA-L'], 'MA-M': s.counts['MA-M'], 'MA-S': s.counts['MA-S'], IAB: s.counts.IAB });
    expect(vendors).toBe(s.counts.vendors);
    expect(s.counts.rows).toBe(s.counts['MA-L']! + s.counts['MA-M']! + s.counts['MA-S']! + s.counts.IAB!);
  });

  it('parses IAB CSV properly: quoted commas, doubled quotes, CRLF, line breaks, MA-S taking precedence', () => {
    const csv = join(tmp, 'iab.csv');
    writeFileSync(csv, [
      'Registry,Assignment,Organization Name,Organization Address',
      'IAB,0050C27D5,DEUTA-WERKE GmbH,Paffrather Strasse 140 Bergisch-Gladbach NRW DE 51465 ',
      'IAB,0050C21FA,"SP Controls, Inc",930 Linden Avenue San Francisco CA US 94080 ',
      'IAB,0050C2192,"The ""Quoted"" Co.","Street 1,\nSecond line, City"',
      'IAB,70B3D5F2F,Should Lose To MA-S,Nowhere',
      'MA-L,0050C2,Not an IAB row,Nowhere',
      '',
    ].join('\r\n'));
    const out = join(tmp, 'fixture');
    build(out, '--iab', csv);
    const s = sourceOf(out);
    expect(s.counts.IAB).toBe(3);
    expect(s.sources[1]).toMatchObject({ name: 'Debian ieee-data iab.csv', shadowedByMaS: 1, skipped: 1 });
    const t = OuiTable.load(join(out, s.file));
    expect(t.lookup('00:50:c2:1f:a0:00')).toEqual({ vendor: 'SP Controls, Inc', prefix: '00:50:c2:1f:a', registry: 'IAB' });
    expect(t.lookup('00:50:c2:19:20:00')?.vendor).toBe('The "Quoted" Co.');
    expect(t.lookup('00:50:c2:7d:50:00')?.vendor).toBe('DEUTA-WERKE GmbH');
    expect(t.lookup('70:b3:d5:f2:f0:00')).toMatchObject({ vendor: 'TELEPLATFORMS', registry: 'MA-S' });
  });

  it('builds without IAB data when asked', () => {
    const out = join(tmp, 'no-iab');
    build(out, '--no-iab');
    const s = sourceOf(out);
    expect(s.counts.IAB).toBe(0);
    expect(s.sources).toHaveLength(1);
    expect(OuiTable.load(join(out, s.file)).lookup('00:50:c2:7d:50:00')).toMatchObject({ registry: 'MA-L' });
  });

  // The committed file must be what the builder makes from the recorded inputs (no hand edits).
  const committed = JSON.parse(readFileSync(join(ROOT, 'oui-data/source.json'), 'utf8')) as Source;
  const iabSource = committed.sources.find((x) => x.name.includes('iab'));
  const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
  const sameInputs = iabSource !== undefined && existsSync(SYSTEM_IAB) && sha(SYSTEM_IAB) === iabSource.sha256
    && sha(join(ROOT, 'node_modules/oui-data/index.json')) === committed.sources[0]?.sha256;
  it.runIf(sameInputs)('reproduces the committed oui-table.txt from the same inputs', () => {
    const out = join(tmp, 'again');
    build(out);
    const fresh = read(out, 'oui-table.txt');
    expect(createHash('sha256').update(fresh).digest('hex')).toBe(committed.sha256);
    expect(fresh.equals(readFileSync(join(ROOT, 'oui-data', committed.file)))).toBe(true);
  });
});
