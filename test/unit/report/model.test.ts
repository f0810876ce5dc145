// The report model from a fixed appliance state: which scan and devices it covers, findings grouped
// by status with before/after and who accepted, who does what, and wrong input refused.
import { describe, expect, it } from 'vitest';
import { buildReportModel, ReportInputError, type ReportLanguage } from '../../../backend/src/report/index.js';
import { FORMULA_NAME, source, XSS_NAME } from './fixtures.js';

describe('buildReportModel', () => {
  it('is about the last completed scan by default, with the installer details from the settings', () => {
    const model = buildReportModel(source(), 'en');
    expect(model.cover).toMatchObject({
      siteName: 'Sakura Café', customerName: '山田 花子', installerName: 'Ken Sato', installerCompany: 'Sato Denki',
      scanId: 'scan-2', networks: ['10.77.0.0/24'], version: '0.1.0', date: '24 November 2026',
    });
    expect(model.cover.logo).toMatch(/^data:image\/png;base64,/);
    expect(model.scope).toMatchObject({ loginChecks: true, devicesFound: 4, addressesProbed: 254, duration: '30 s', status: 'completed' });
  });

  it('lists the devices the scan saw, sorted by address, with the owner\'s label marked', () => {
    const model = buildReportModel(source(), 'en');
    expect(model.inventory.map((d) => d.ip)).toEqual(['10.77.0.2', '10.77.0.11', '10.77.0.12', '10.77.0.13']);
    expect(model.inventory[1]).toMatchObject({ name: 'Front door camera', labelled: true, type: 'Camera', vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.', model: 'DS-2CD2043', mac: 'a4:14:37:77:00:11' });
    expect(model.inventory[2]).toMatchObject({ name: XSS_NAME, labelled: false });
    expect(model.inventory[3]!.name).toBe(FORMULA_NAME);
  });

  it('an older scan id covers what was known then; login checks off means the credential checks did not run', () => {
    const model = buildReportModel(source({ scanId: 'scan-1' }), 'en');
    expect(model.cover.scanId).toBe('scan-1');
    expect(model.scope.loginChecks).toBe(false);
    const credentialRows = model.scope.checks.filter((c) => c.intrusive);
    expect(credentialRows.length).toBeGreaterThan(0);
    expect(credentialRows.every((c) => !c.ran)).toBe(true);
    expect(model.scope.checks.filter((c) => !c.intrusive).every((c) => c.ran)).toBe(true);
    // Findings first seen after scan-1 ended are not in its report.
    expect(model.open).toEqual([]);
    expect(model.fixed.map((f) => f.key)).toEqual([]);
  });

  it('groups findings: fixed (re-test and later scan) with before/after, open by severity, accepted, false positive', () => {
    const model = buildReportModel(source(), 'en');
    expect(model.open.map((f) => f.key)).toEqual(['k-open-telnet', 'k-open-mqtt']);
    expect(model.fixed.map((f) => f.key).sort()).toEqual(['k-fixed-http', 'k-resolved-ftp']);
    const http = model.fixed.find((f) => f.key === 'k-fixed-http')!;
    expect(http).toMatchObject({ before: 'login accepted for a***n / 1***5', after: 'factory pairs refused (3 tried)', verifiedBy: 'a re-test of this problem' });
    const ftp = model.fixed.find((f) => f.key === 'k-resolved-ftp')!;
    expect(ftp).toMatchObject({ before: 'anonymous login accepted', verifiedBy: 'a later full scan (not seen again)' });
    expect(model.accepted).toHaveLength(1);
    expect(model.accepted[0]).toMatchObject({ key: 'k-accepted-snmp', acceptedBy: 'Taro Yamada · the owner (dashboard)', until: '31 March 2027' });
    expect(model.accepted[0]!.reason).toContain('backup software');
    expect(model.falsePositives.map((f) => [f.key, f.reason])).toEqual([['k-fp-ftp', 'lab box']]);
    expect([...model.open, ...model.fixed, ...model.accepted].some((f) => f.key === 'k-gone')).toBe(false);
  });

  it('open findings carry the knowledge base\'s explanation, fix, brand steps and who acts, in the reader\'s language', () => {
    const en = buildReportModel(source(), 'en').open[0]!;
    const ja = buildReportModel(source(), 'ja').open[0]!;
    expect(en.title).toMatch(/telnet/i);
    expect(ja.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(en.fix.length).toBeGreaterThan(1);
    expect(ja.fix.length).toBe(en.fix.length);
    expect(en.vendorSteps?.title).toMatch(/Hikvision/);
    expect(en.whoActs.map((w) => w.party)).toEqual(['The customer (owner)', 'The installer', 'The manufacturer']);
    expect(ja.whoActs[0]!.what).toMatch(/所有者/);
    expect(en.where).toBe('Front door camera · 10.77.0.11:23/tcp');
  });

  it('responsibilities: fixed customer duties, what the installer did, and who else must act per finding', () => {
    const { responsibilities: r } = buildReportModel(source(), 'en');
    expect(r.customer.join(' ')).toMatch(/scan regularly/i);
    expect(r.customer.at(-1)).toBe('Fix the 2 open problem(s) listed under "Still open" that name you.');
    expect(r.installer[0]).toContain('10.77.0.0/24');
    expect(r.installer.join(' ')).toContain('Fixed 2 problem(s)');
    expect(r.installer.join(' ')).toContain('1 accepted risk(s)');
    const manufacturer = r.external.filter((line) => line.startsWith('The manufacturer'));
    const provider = r.external.filter((line) => line.startsWith('The internet provider'));
    expect(manufacturer.length).toBe(2); // the open telnet password, the accepted SNMP cleartext
    expect(provider).toHaveLength(1);
    expect(provider[0]).toContain(XSS_NAME);
  });

  it('without any finding for others, says so', () => {
    const model = buildReportModel(source({ findings: [] }), 'ja');
    expect(model.responsibilities.external).toEqual(['現時点で、メーカーや回線事業者の対応が必要な問題は見つかっていません。']);
    expect(model.open).toEqual([]);
  });

  it('without a completed scan, covers every device and says no scan ran', () => {
    const model = buildReportModel(source({ scans: [] }), 'en');
    expect(model.cover.scanId).toBeNull();
    expect(model.inventory).toHaveLength(5);
    expect(model.scope.checks.every((c) => !c.ran)).toBe(true);
  });

  it('refuses an unknown scan id and an unknown language', () => {
    expect(() => buildReportModel(source({ scanId: 'nope' }), 'en')).toThrow(ReportInputError);
    expect(() => buildReportModel(source(), 'fr' as ReportLanguage)).toThrow(ReportInputError);
  });

  it('dates follow the reader\'s locale (Japanese: 年月日)', () => {
    expect(buildReportModel(source(), 'ja').cover.date).toBe('2026年11月24日');
    expect(buildReportModel(source(), 'ja').accepted[0]!.until).toBe('2027年3月31日');
  });
});
