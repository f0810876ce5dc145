// findings/build.ts adds the risk and the brand's steps to each finding; the contract fields
// (title, fix) stay English and unchanged.
import { describe, expect, it } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { knowledgeFor } from '../../../backend/src/knowledge/index.js';

function device(overrides: Partial<Device>): Device {
  return {
    mac: 'a4:14:37:00:00:11', ip: '10.77.0.11', randomizedMac: false, vendor: null, hostnames: [], type: 'unknown',
    model: null, mdns: [], upnp: [], services: [], discoveredBy: ['arp'], evidence: [], ...overrides,
  };
}

const telnet: Service = { port: 23, transport: 'tcp', service: 'telnet', encrypted: false, banner: null, product: null };
const rtsp: Service = { port: 554, transport: 'tcp', service: 'rtsp', encrypted: false, banner: null, product: null };
const checkFor = (family: string, service: string) => checks.find((c) => c.finding.family === family && c.finding.service === service)!;

describe('buildFinding with knowledge', () => {
  it('adds the brand\'s menu path and steps for a Hikvision camera, and its risk', () => {
    const camera = device({ vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.', type: 'camera', services: [rtsp] });
    const check = checkFor('anonymous-access', 'rtsp');
    const finding = buildFinding(check, { device: camera, service: rtsp }, { confidence: 'confirmed', evidence: 'stream played without credentials' });
    expect(finding.vendorFix).toMatchObject({ vendor: 'hikvision', name: 'Hikvision', menuPath: 'Configuration > System > Security > Authentication' });
    expect(finding.vendorFix!.steps.join(' ')).toMatch(/digest/);
    expect(finding.risk).toMatchObject({ likelihood: 4, impact: 5, score: 20, level: 'critical' });
    expect(finding.risk!.factors).toContain('device.camera');
    expect(finding.risk!.reasons).toHaveLength(finding.risk!.factors.length);
    expect(finding.title).toBe(knowledgeFor('anonymous-access', 'rtsp')!.title.en);
    expect(finding.fix).toEqual(knowledgeFor('anonymous-access', 'rtsp')!.fix.en);
  });

  it('points to the support site when the brand has no sure menu path for that family', () => {
    const router = device({ vendor: 'I-O DATA, INC.', type: 'router', services: [telnet] });
    const finding = buildFinding(checkFor('cleartext-service', 'telnet'), { device: router, service: telnet }, { confidence: 'confirmed', evidence: 'x' });
    expect(finding.vendorFix).toMatchObject({ vendor: 'io-data', menuPath: null, supportUrl: 'https://www.iodata.jp/support/' });
    expect(finding.vendorFix!.steps.join(' ')).toContain('https://www.iodata.jp/support/');
  });

  it('adds no vendor steps for an unknown brand, and rates the same finding lower on a plug than on a camera', () => {
    const check = checkFor('cleartext-service', 'telnet');
    const plug = buildFinding(check, { device: device({ vendor: 'Acme Widgets', type: 'plug' }), service: telnet }, { confidence: 'confirmed', evidence: 'x' });
    const camera = buildFinding(check, { device: device({ vendor: 'Acme Widgets', type: 'camera' }), service: telnet }, { confidence: 'confirmed', evidence: 'x' });
    expect(plug.vendorFix).toBeUndefined();
    expect('vendorFix' in plug).toBe(false);
    expect(plug.risk!.score).toBeLessThan(camera.risk!.score);
  });

  it('takes internet exposure into account when the caller knows it', () => {
    const check = checkFor('cleartext-service', 'telnet');
    const target = { device: device({ type: 'router' }), service: telnet };
    const lan = buildFinding(check, target, { confidence: 'confirmed', evidence: 'x' });
    const exposed = buildFinding(check, target, { confidence: 'confirmed', evidence: 'x' }, { exposedToInternet: true });
    expect(exposed.risk!.likelihood).toBeGreaterThan(lan.risk!.likelihood);
    expect(exposed.key).toBe(lan.key);
  });
});
