// The credential DATA: every row sourced and valid, vendor pairs first, a short common list.
import { describe, expect, it } from 'vitest';
import { CREDENTIALS, HTTP_FORMS, RTSP_CREDENTIAL_PATHS } from '../../../../backend/src/checks/credentials/data.js';
import { CREDENTIAL_SERVICES } from '../../../../backend/src/checks/index.js';
import { pairsFor } from '../../../../backend/src/checks/credentials/select.js';
import type { DeviceType } from '../../../../backend/src/core/types.js';
import { loopbackDevice } from '../../../helpers/context.js';

const device = (vendor: string | null, type: DeviceType = 'unknown') => {
  const d = loopbackDevice();
  d.vendor = vendor;
  d.type = type;
  return d;
};

describe('default-credentials.json', () => {
  it('every row names a public source and a known service', () => {
    expect(CREDENTIALS.length).toBeGreaterThan(30);
    for (const row of CREDENTIALS) {
      expect(row.source.length, JSON.stringify(row)).toBeGreaterThan(10);
      for (const s of row.services) expect(CREDENTIAL_SERVICES).toContain(s);
    }
  });

  it('every service has pairs to try for an unknown device, and the common lists stay short', () => {
    for (const service of CREDENTIAL_SERVICES) {
      const pairs = pairsFor(service, device(null));
      expect(pairs.length, service).toBeGreaterThan(0);
      expect(CREDENTIALS.filter((r) => r.vendor === null && r.services.includes(service)).length, service).toBeLessThanOrEqual(12);
    }
  });

  it('puts the vendor\'s own factory pairs first (IEEE vendor name substring)', () => {
    expect(pairsFor('http', device('Hangzhou Hikvision Digital Technology Co.,Ltd.'))[0]).toMatchObject({ user: 'admin', password: '12345' });
    expect(pairsFor('telnet', device('Hangzhou Hikvision Digital Technology Co.,Ltd.')).slice(0, 2).map((p) => p.password)).toEqual(['12345', 'hiklinux']);
    expect(pairsFor('telnet', device('Zhejiang Dahua Technology Co., Ltd.'))[0]).toMatchObject({ user: 'root', password: 'vizxv' });
    expect(pairsFor('http', device('ASUSTek COMPUTER INC.'))[0]).toMatchObject({ user: 'admin', password: 'admin' });
    expect(pairsFor('http', device('NETGEAR'))[0]).toMatchObject({ user: 'admin', password: 'password' });
    expect(pairsFor('ssh', device('Raspberry Pi Trading Ltd'))[0]).toMatchObject({ user: 'pi', password: 'raspberry' });
  });

  it('uses hints from the service (a recognised product) like a vendor', () => {
    expect(pairsFor('http', device(null), ['OpenWrt'])[0]).toMatchObject({ user: 'root', password: '' });
  });

  it('has no duplicate pair and no anonymous FTP user', () => {
    const pairs = pairsFor('ftp', device('Synology Incorporated'));
    expect(new Set(pairs.map((p) => `${p.user}/${p.password}`)).size).toBe(pairs.length);
    expect(pairs.some((p) => ['anonymous', 'ftp'].includes(p.user))).toBe(false);
  });

  it('only type rows of the device\'s own type (once the type is known)', () => {
    expect(pairsFor('rtsp', device(null, 'camera')).length).toBeGreaterThan(0);
    expect(pairsFor('rtsp', device(null, 'printer'))).toEqual([]);
  });
});

describe('http-forms.json and rtsp-credential-paths.json', () => {
  it('has at least three real-world form styles, each with a source and success/failure rules', () => {
    expect(HTTP_FORMS.length).toBeGreaterThanOrEqual(3);
    for (const form of HTTP_FORMS) {
      expect(form.source.length).toBeGreaterThan(10);
      for (const pattern of [form.recognise.probeBody, form.recognise.title, ...form.login.success.map((c) => c.body), ...form.login.failure.map((c) => c.body)]) {
        if (pattern) expect(() => new RegExp(pattern, 'i')).not.toThrow();
      }
    }
  });

  it('has a generic list of RTSP paths', () => {
    expect(RTSP_CREDENTIAL_PATHS.some((r) => r.vendor === null)).toBe(true);
  });
});
