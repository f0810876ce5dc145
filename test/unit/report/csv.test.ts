// CSV exports: UTF-8 with a BOM, RFC 4180 (read back by a strict parser), one row per device or
// finding, and every cell a spreadsheet could run as a formula neutralised.
import { describe, expect, it } from 'vitest';
import { devicesCsv, findingsCsv, type ReportLanguage } from '../../../backend/src/report/index.js';
import { csvCell } from '../../../backend/src/report/csv.js';
import { parseCsv } from './csv-parse.js';
import { DEVICES, FINDINGS, FORMULA_NAME, source, XSS_NAME } from './fixtures.js';

const body = (csv: string): string[][] => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return parseCsv(csv.slice(1));
};

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(23)).toBe('23');
  });

  it('prefixes a quote to text starting with = + - @ tab or CR', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell(FORMULA_NAME)).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('devicesCsv', () => {
  it('has a header and one row per known device, read back intact', () => {
    const rows = body(devicesCsv(source(), 'en'));
    expect(rows[0]).toEqual(['Name', 'Owner label', 'Type', 'Vendor', 'Model', 'IP address', 'MAC address', 'Host names', 'Services', 'First seen', 'Last seen']);
    expect(rows).toHaveLength(DEVICES.length + 1);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    const camera = rows.find((r) => r[5] === '10.77.0.11')!;
    expect(camera.slice(0, 4)).toEqual(['Front door camera', 'Front door camera', 'Camera', 'Hangzhou Hikvision Digital Technology Co.,Ltd.']);
    expect(rows.find((r) => r[5] === '10.77.0.12')![0]).toBe(XSS_NAME);
  });

  it('neutralises a device name that is a formula', () => {
    const nas = body(devicesCsv(source(), 'en')).find((r) => r[5] === '10.77.0.13')!;
    expect(nas[0]).toBe(`'${FORMULA_NAME}`);
    expect(nas[7]).toBe(`'${FORMULA_NAME}`);
  });

  it('is in Japanese on request, and a scan id limits it to that scan\'s devices', () => {
    const rows = body(devicesCsv(source({ scanId: 'scan-2' }), 'ja'));
    expect(rows[0]![0]).toBe('名前');
    expect(rows.find((r) => r[5] === '10.77.0.11')![2]).toBe('カメラ');
    expect(rows).toHaveLength(5);
  });

  it('refuses an unknown language', () => {
    expect(() => devicesCsv(source(), 'de' as ReportLanguage)).toThrow(/en or ja/);
  });
});

describe('findingsCsv', () => {
  it('has one row per finding with status, who acts and the fix steps in one quoted cell', () => {
    const rows = body(findingsCsv(source(), 'en'));
    expect(rows).toHaveLength(FINDINGS.length + 1);
    const header = rows[0]!;
    const col = (name: string): number => header.indexOf(name);
    const telnet = rows.find((r) => r[0] === 'k-open-telnet')!;
    expect(telnet[col('Status')]).toBe('Open');
    expect(telnet[col('Who must act')]).toBe('The customer (owner); The installer; The manufacturer');
    expect(telnet[col('How to fix')]!.split('\n').length).toBeGreaterThan(1);
    const accepted = rows.find((r) => r[0] === 'k-accepted-snmp')!;
    expect(accepted[col('Accepted until')]).toBe('2027-03-31');
    expect(accepted[col('Reason (last change)')]).toBe(`needed by the backup software ${XSS_NAME}`);
  });

  it('in Japanese, titles and statuses come from the knowledge base and the report strings', () => {
    const rows = body(findingsCsv(source(), 'ja'));
    const fixed = rows.find((r) => r[0] === 'k-fixed-http')!;
    expect(fixed[1]).toBe('修正済み（再テストで確認）');
    expect(fixed[3]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
