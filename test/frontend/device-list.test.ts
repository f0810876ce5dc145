import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import DeviceList from '../../frontend/src/components/DeviceList.vue';
import { openFindingsByDevice } from '../../frontend/src/stores/snapshot';
import { setLocale } from '../../frontend/src/i18n';
import { device, finding, service } from './fixtures';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const camera = device({
  ip: '10.77.0.11',
  mac: '3c:84:6a:01:02:03',
  vendor: 'Acme Cameras',
  hostnames: ['cam-garden.local', 'ipcam'],
  services: [service({ port: 23 }), service({ port: 443, service: 'https', encrypted: true })],
});
const phone = device({
  ip: '10.77.0.40', mac: 'da:a1:19:00:00:01', randomizedMac: true, vendor: null, type: 'phone',
});
const findings = [
  finding({ key: 'cred', severity: 'critical', family: 'default-credentials' }),
  finding({
    key: 'tls', severity: 'medium', family: 'tls-weakness', port: 443, service: 'https',
    title: 'Outdated TLS 1.0 accepted', fix: ['Update the firmware'], responsible: ['manufacturer'],
  }),
  finding({ key: 'old', severity: 'high', family: 'cleartext-service', status: 'resolved' }),
];

const squash = (s: string) => s.replace(/\s+/g, ' ');

function render(devices = [camera, phone]) {
  return mount(DeviceList, { props: { devices, findingsByDevice: openFindingsByDevice(findings) } });
}

describe('DeviceList', () => {
  it('renders one row per device, keyed by IP', () => {
    const rows = render().findAll('[data-testid="device-row"]');
    expect(rows.map((r) => r.attributes('data-ip'))).toEqual(['10.77.0.11', '10.77.0.40']);
  });

  it('shows identity, names and open ports', () => {
    const row = render().get('[data-ip="10.77.0.11"]');
    expect(row.text()).toContain('3c:84:6a:01:02:03');
    expect(row.text()).toContain('Acme Cameras');
    expect(row.text()).toContain('Camera');
    expect(row.text()).toContain('cam-garden.local, ipcam');
    expect(row.findAll('[data-testid="port"]').map((p) => squash(p.text())))
      .toEqual(['23/telnet', '443/https encrypted']);
    expect(row.find('[data-testid="randomized"]').exists()).toBe(false);
  });

  it('marks randomized MACs and unknown vendors', () => {
    const row = render().get('[data-ip="10.77.0.40"]');
    expect(row.get('[data-testid="randomized"]').text()).toBe('randomized');
    // Words in neighbouring elements must not run together for screen readers.
    expect(squash(row.get('dd').text()).trim()).toBe('da:a1:19:00:00:01 randomized');
    expect(row.text()).toContain('unknown vendor');
    expect(row.text()).toContain('Phone');
    expect(row.text()).toContain('No problems found.');
  });

  it('lists open findings under their device, most severe first, with text severity', () => {
    const row = render().get('[data-ip="10.77.0.11"]');
    const items = row.findAll('[data-testid="finding"]');
    expect(items.map((f) => f.attributes('data-family'))).toEqual(['default-credentials', 'tls-weakness']);
    const first = items[0]!;
    expect(first.get('.sev').text()).toBe('Critical');
    expect(squash(first.get('.finding-tags').text()).trim()).toBe('Critical Factory password');
    expect(first.get('.sev svg').attributes('aria-hidden')).toBe('true');
    expect(first.text()).toContain('Telnet accepts the factory password');
    expect(first.text()).toContain('login admin/admin accepted');
    expect(first.findAll('ol.fix li').map((li) => li.text())).toEqual(['Change the password', 'Turn off telnet']);
    expect(first.text()).toContain('You and The manufacturer');
    expect(items[1]!.text()).toContain('Port 443/tcp (https)');
  });

  it('speaks Japanese when the locale changes, keeping server text as given', async () => {
    const wrapper = render();
    setLocale('ja');
    await wrapper.vm.$nextTick();
    const row = wrapper.get('[data-ip="10.77.0.11"]');
    expect(row.text()).toContain('カメラ');
    expect(row.text()).toContain('検出された問題');
    expect(row.get('[data-testid="finding"] .sev').text()).toBe('緊急');
    expect(row.text()).toContain('Telnet accepts the factory password');
    expect(wrapper.get('[data-ip="10.77.0.40"]').text()).toContain('メーカー不明');
  });

  it('says so when there are no devices yet', () => {
    const wrapper = render([]);
    expect(wrapper.findAll('[data-testid="device-row"]')).toHaveLength(0);
    expect(wrapper.get('[data-testid="device-list"]').text()).toContain('No devices yet');
  });
});
