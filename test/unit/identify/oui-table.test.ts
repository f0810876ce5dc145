import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUI_TABLE_PATH, OuiTable } from '../../../backend/src/identify/oui-table.js';

const ROOT = new URL('../../../', import.meta.url);
const source = JSON.parse(readFileSync(new URL('oui-data/source.json', ROOT), 'utf8')) as {
  file: string; bytes: number; sha256: string; counts: Record<string, number>;
};

let table: OuiTable;
beforeAll(() => {
  table = OuiTable.load();
});

describe('OuiTable with the committed data file', () => {
  it('defaults to oui-data/oui-table.txt at the repository root', () => {
    expect(DEFAULT_OUI_TABLE_PATH).toBe(fileURLToPath(new URL(`oui-data/${source.file}`, ROOT)));
  });

  it('holds exactly the rows source.json records', () => {
    const { vendors, ...perRegistry } = table.counts;
    expect(perRegistry).toEqual({
      'MA-L': source.counts['MA-L'], 'MA-M': source.counts['MA-M'], 'MA-S': source.counts['MA-S'], IAB: source.counts.IAB,
    });
    expect(vendors).toBe(source.counts.vendors);
    expect(readFileSync(DEFAULT_OUI_TABLE_PATH).length).toBe(source.bytes);
    expect(source.counts['MA-L']).toBeGreaterThan(30_000);
    expect(source.counts['MA-M']).toBeGreaterThan(5_000);
    expect(source.counts['MA-S']).toBeGreaterThan(5_000);
  });

  it('finds MA-L vendors, whatever the MAC notation', () => {
    const hik = { vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.', prefix: 'a4:14:37', registry: 'MA-L' };
    expect(table.lookup('a4:14:37:12:34:56')).toEqual(hik);
    expect(table.lookup('A4-14-37-FF-FF-FF')).toEqual(hik);
    expect(table.lookup('a414.3700.0001')).toEqual(hik);
    expect(table.lookup('00:11:32:aa:bb:cc')).toEqual({ vendor: 'Synology Incorporated', prefix: '00:11:32', registry: 'MA-L' });
  });

  it('prefers an MA-M block over its MA-L parent', () => {
    expect(table.lookup('74:1a:e0:3f:00:01')).toEqual({
      vendor: 'Philips Personal Health Solutions', prefix: '74:1a:e0:3', registry: 'MA-M',
    });
    expect(table.lookup('74:1a:e0:9a:bc:de')).toEqual({ vendor: 'Private', prefix: '74:1a:e0:9', registry: 'MA-M' });
  });

  it('prefers an MA-S block over its MA-L parent, and falls back to the parent outside it', () => {
    expect(table.lookup('70:b3:d5:f2:f1:23')).toEqual({ vendor: 'TELEPLATFORMS', prefix: '70:b3:d5:f2:f', registry: 'MA-S' });
    expect(table.lookup('70:b3:d5:f2:e1:23')?.prefix).toBe('70:b3:d5:f2:e');
    // 70:B3:D5:00:0 is not assigned as MA-S in this data: only the parent block matches.
    expect(table.lookup('70:b3:d5:00:01:23')).toEqual({
      vendor: 'IEEE Registration Authority', prefix: '70:b3:d5', registry: 'MA-L',
    });
  });

  it.runIf((source.counts.IAB ?? 0) > 0)('finds IAB blocks (from ieee-data) over their MA-L parent', () => {
    expect(table.lookup('00:50:c2:7d:5a:bc')).toEqual({ vendor: 'DEUTA-WERKE GmbH', prefix: '00:50:c2:7d:5', registry: 'IAB' });
    expect(table.lookup('40:d8:55:11:c0:01')).toEqual({ vendor: 'DEUTA-WERKE GmbH', prefix: '40:d8:55:11:c', registry: 'IAB' });
  });

  it('never names a vendor for a locally administered MAC', () => {
    expect(table.lookup('6a:14:37:12:34:56')).toBeNull();
    expect(table.lookup('02:42:ac:11:00:02')).toBeNull();
    // 02:60:8C is a legacy registration (3COM) with the local bit set: the bit wins.
    expect(table.lookup('02:60:8c:00:00:01')).toBeNull();
  });

  it('returns null for an unassigned prefix or an invalid MAC', () => {
    expect(table.lookup('fc:ff:fc:00:00:01')).toBeNull();
    expect(table.lookup('0c:00:00:00:00:01')).toBeNull();
    expect(table.lookup('not-a-mac')).toBeNull();
    expect(table.lookup('')).toBeNull();
  });

  it('handles the extremes of the key space', () => {
    expect(table.lookup('00:00:00:00:00:00')).toEqual({ vendor: 'XEROX CORPORATION', prefix: '00:00:00', registry: 'MA-L' });
    expect(table.lookup('fc:ff:ff:ff:ff:ff')).toBeNull();
  });
});

describe('OuiTable.parse / load', () => {
  const tiny = [
    'mamori-oui 1', 'vendors 3', 'Acme', 'Beta Ä', 'Gamma',
    'MA-L 2', '001122 0', 'A41437 2', 'MA-M 1', '0011223 1', 'MA-S 1', '001122334 2', 'IAB 0', '',
  ].join('\n');
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'mamori-oui-test-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses a small table, with UTF-8 names and longest-prefix order', () => {
    const t = OuiTable.parse(Buffer.from(tiny));
    expect(t.counts).toEqual({ 'MA-L': 2, 'MA-M': 1, 'MA-S': 1, IAB: 0, vendors: 3 });
    expect(t.lookup('00:11:22:33:44:55')).toEqual({ vendor: 'Gamma', prefix: '00:11:22:33:4', registry: 'MA-S' });
    expect(t.lookup('00:11:22:35:44:55')).toEqual({ vendor: 'Beta Ä', prefix: '00:11:22:3', registry: 'MA-M' });
    expect(t.lookup('00:11:22:45:44:55')).toEqual({ vendor: 'Acme', prefix: '00:11:22', registry: 'MA-L' });
    expect(t.lookup('a4:14:37:00:00:00')?.vendor).toBe('Gamma');
    expect(t.lookup('a4:14:38:00:00:00')).toBeNull();
  });

  it('loads a gzip-compressed copy', () => {
    const gz = join(dir, 'oui-table.txt.gz');
    writeFileSync(gz, gzipSync(Buffer.from(tiny)));
    expect(OuiTable.load(gz).lookup('00:11:22:45:44:55')?.vendor).toBe('Acme');
  });

  it.each([
    ['wrong magic', tiny.replace('mamori-oui 1', 'mamori-oui 2'), /not a "mamori-oui 1" file/],
    ['truncated', tiny.slice(0, tiny.indexOf('MA-S')), /unexpected end of file/],
    ['bad hex', tiny.replace('001122 0', '00112G 0'), /line 7: bad MA-L prefix/],
    ['unsorted', tiny.replace('A41437 2', '000001 2'), /not strictly ascending/],
    ['index out of range', tiny.replace('A41437 2', 'A41437 3'), /vendor index 3 out of range/],
    ['missing section', tiny.replace('IAB 0\n', ''), /unexpected end of file/],
    ['trailing data', tiny + 'junk\n', /trailing data/],
  ])('rejects a malformed file: %s', (_name, text, error) => {
    expect(() => OuiTable.parse(Buffer.from(text), 'x.txt')).toThrow(error);
  });
});
