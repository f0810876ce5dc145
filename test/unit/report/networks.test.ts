// Several networks (#19): the report's device list says which network a device is on when the scan
// covered more than one, and always for a device behind a router (no MAC, no maker there).
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../backend/src/report/index.js';
import { DEVICES, source } from './fixtures.js';

const onMainNetwork = DEVICES.map((d) => ({ ...d, network: '10.77.0.0/24', interface: 'eth0' }));
const segmentCamera = { ...DEVICES[1]!, id: 'dev-10.78.0.11', ip: '10.78.0.11', mac: 'a4:14:37:78:00:11', network: '10.78.0.0/24', interface: 'eth1' };
const routedCamera = { ...DEVICES[1]!, id: 'ip:10.79.0.11', ip: '10.79.0.11', mac: null, vendor: null, network: '10.79.0.0/24', interface: 'eth1', via: '10.78.0.254' };

describe('the report on several networks', () => {
  it('puts the network and interface beside each address when the devices lie on several networks', () => {
    const model = buildReportModel(source({ devices: [...onMainNetwork, segmentCamera, routedCamera] }), 'en');
    const ips = model.inventory.map((d) => d.ip);
    expect(ips).toContain('10.77.0.11 — on 10.77.0.0/24 (eth0)');
    expect(ips).toContain('10.78.0.11 — on 10.78.0.0/24 (eth1)');
    expect(ips).toContain('10.79.0.11 — on 10.79.0.0/24, behind the router 10.78.0.254 (eth1): its MAC address and maker cannot be seen from here');
  });

  it('says it in Japanese', () => {
    const model = buildReportModel(source({ devices: [...onMainNetwork, segmentCamera, routedCamera] }), 'ja');
    const ips = model.inventory.map((d) => d.ip);
    expect(ips).toContain('10.78.0.11 — 10.78.0.0/24（eth1 側）');
    expect(ips).toContain('10.79.0.11 — 10.79.0.0/24（ルーター 10.78.0.254 の先、eth1 側）。MACアドレスやメーカーはここからは見えません');
  });

  it('keeps the plain address when every device is on the one network (control)', () => {
    const model = buildReportModel(source({ devices: onMainNetwork }), 'en');
    expect(model.inventory.map((d) => d.ip)).toEqual(['10.77.0.2', '10.77.0.11', '10.77.0.12', '10.77.0.13']);
  });
});
