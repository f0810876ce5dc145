// The settings' report section: installer details and a logo whose bytes must be a PNG or JPEG.
import { describe, expect, it } from 'vitest';
import { logoProblem, MAX_LOGO_BYTES, SettingsSchema, settingsSchemaDescription } from '../../../backend/src/storage/settings.js';
import { JPEG_LOGO as JPEG, noisePng, PNG_LOGO } from './fixtures.js';

describe('settings.report', () => {
  it('defaults to nothing set', () => {
    expect(SettingsSchema.parse({}).report).toEqual({ siteName: null, customerName: null, installerName: null, installerCompany: null, logo: null });
  });

  it('accepts names up to 200 characters and a PNG or JPEG logo', () => {
    const report = SettingsSchema.parse({ report: { siteName: 'さくらカフェ 本店', installerCompany: 'x'.repeat(200), logo: PNG_LOGO } }).report;
    expect(report.siteName).toBe('さくらカフェ 本店');
    expect(SettingsSchema.safeParse({ report: { logo: JPEG } }).success).toBe(true);
  });

  it('refuses long names, control characters and unknown fields', () => {
    expect(SettingsSchema.safeParse({ report: { siteName: 'x'.repeat(201) } }).success).toBe(false);
    expect(SettingsSchema.safeParse({ report: { customerName: 'a\u0000b' } }).success).toBe(false);
    expect(SettingsSchema.safeParse({ report: { colour: 'red' } }).success).toBe(false);
  });

  it('checks the logo by its bytes, not its label', () => {
    expect(logoProblem(PNG_LOGO)).toBeNull();
    expect(logoProblem(JPEG)).toBeNull();
    // An SVG (could carry script) labelled as PNG, a JPEG labelled as PNG, another type, a remote address.
    expect(logoProblem('data:image/png;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+')).toMatch(/not a PNG/);
    expect(logoProblem(JPEG.replace('image/jpeg', 'image/png'))).toMatch(/not a PNG/);
    expect(logoProblem('data:image/svg+xml;base64,PHN2Zz4=')).toMatch(/data: URL of a PNG or JPEG/);
    expect(logoProblem('https://example.com/logo.png')).toMatch(/data: URL/);
  });

  it('decodes the image: a file that only starts like a PNG or JPEG is refused (it broke every PDF)', () => {
    const png = Buffer.from(PNG_LOGO.slice(PNG_LOGO.indexOf(',') + 1), 'base64');
    const fakes = [
      Buffer.concat([png.subarray(0, 8), Buffer.from('not an image at all, just text after the magic')]),
      Buffer.concat([png.subarray(0, png.length - 12)]), // no IEND
      Buffer.from(png.map((byte, i) => (i === 40 ? byte ^ 0xff : byte))), // a damaged IDAT (CRC)
    ];
    for (const fake of fakes) expect(logoProblem(`data:image/png;base64,${fake.toString('base64')}`)).toMatch(/not a usable PNG/);
    const jpeg = Buffer.from(JPEG.slice(JPEG.indexOf(',') + 1), 'base64');
    expect(logoProblem(`data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]).toString('base64')}`)).toMatch(/not a usable JPEG/);
    expect(logoProblem(`data:image/jpeg;base64,${jpeg.subarray(0, 300).toString('base64')}`)).toMatch(/not a usable JPEG/);
  });

  it('refuses a logo over 256 KB', () => {
    const big = noisePng(MAX_LOGO_BYTES + 2048);
    expect(big.length).toBeGreaterThan(MAX_LOGO_BYTES);
    expect(logoProblem(`data:image/png;base64,${big.toString('base64')}`)).toMatch(/larger than 256 KB/);
    const ok = noisePng(MAX_LOGO_BYTES - 2048);
    expect(ok.length).toBeLessThanOrEqual(MAX_LOGO_BYTES);
    expect(SettingsSchema.safeParse({ report: { logo: `data:image/png;base64,${ok.toString('base64')}` } }).success).toBe(true);
  });

  it('is described in English and Japanese for the settings page', () => {
    const fields = settingsSchemaDescription().fields.filter((f) => f.path.startsWith('report.'));
    expect(fields.map((f) => f.path)).toEqual(['report.siteName', 'report.customerName', 'report.installerName', 'report.installerCompany', 'report.logo']);
    for (const field of fields) {
      expect(field.description.en).not.toBe('');
      expect(field.description.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});
