// Several networks (#19) on the Devices screen: a Network column (range and interface, or the router
// a device lies behind), a network filter and sort — only when there is more than one network to
// tell apart, in English and in Japanese.
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import DevicesView from '../../frontend/src/components/devices/DevicesView.vue';
import type { Snapshot, StoredDevice } from '../../frontend/src/api/contract';
import { setLocale } from '../../frontend/src/i18n';
import { compareNetwork, knownNetworks, showsNetworks } from '../../frontend/src/stores/device-networks';
import { DEFAULT_FILTER, visibleDevices } from '../../frontend/src/stores/devices';
import { device, fakeClient, snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const MAIN = '10.77.0.0/24';
const IOT = '10.78.0.0/24';
const ROUTED = '10.79.0.0/24';
const camera = device({ id: 'mac-camera', ip: '10.78.0.21', network: IOT, interface: 'eth0.20' });
const laptop = device({ id: 'mac-laptop', ip: '10.77.0.12', type: 'computer', network: MAIN, interface: 'eth0' });
const plc = device({ id: 'ip-plc', ip: '10.79.0.11', mac: null, vendor: null, network: ROUTED, interface: 'eth0.20', via: '10.78.0.254' });
const old = device({ id: 'mac-old', ip: '10.77.0.13', type: 'printer' }); // stored before networks were recorded

const severalNetworks: Snapshot['settings'] = {
  targets: [MAIN, IOT, ROUTED], loginChecks: true,
  networks: [{ cidr: MAIN, interface: 'eth0' }, { cidr: IOT, interface: 'eth0.20' }, { cidr: ROUTED, interface: 'eth0.20', via: '10.78.0.254' }],
};
const oneNetwork: Snapshot['settings'] = { targets: [MAIN], loginChecks: true, networks: [{ cidr: MAIN, interface: 'eth0' }] };

async function render(devices: StoredDevice[], settings: Snapshot['settings']) {
  const fake = fakeClient();
  const mounted = await mountWithStore(DevicesView, { fake });
  fake.live.handlers!.event({ type: 'snapshot', payload: snapshot({ devices, settings }) });
  await flush();
  return { ...mounted, wrapper: mounted.wrapper };
}

const rowIps = (wrapper: Awaited<ReturnType<typeof render>>['wrapper']) => wrapper.findAll('[data-testid="device-row"]').map((r) => r.attributes('data-ip'));
const cellOf = (wrapper: Awaited<ReturnType<typeof render>>['wrapper'], ip: string) =>
  wrapper.get(`[data-testid="device-row"][data-ip="${ip}"] [data-testid="device-network-cell"]`);

describe('which networks the Devices screen knows', () => {
  it('orders ranges by address, not as text, and unknown last', () => {
    expect(['10.0.10.0/24', undefined, '10.0.9.0/24', '10.0.8.0/22', '10.0.8.0/24'].sort(compareNetwork))
      .toEqual(['10.0.8.0/24', '10.0.8.0/22', '10.0.9.0/24', '10.0.10.0/24', undefined]);
  });

  it('gathers the ranges of the settings, of the scan and of the stored devices, once each', () => {
    expect(knownNetworks([camera, old], { targets: [MAIN], networks: [{ cidr: MAIN, interface: 'eth0' }] })).toEqual([MAIN, IOT]);
    expect(knownNetworks([laptop, old], oneNetwork)).toEqual([MAIN]);
    expect(showsNetworks([MAIN])).toBe(false);
    expect(showsNetworks([MAIN, IOT])).toBe(true);
  });

  it('filters and sorts by network (ties by IP)', () => {
    const all = [camera, laptop, plc, old];
    const ids = (filter: Partial<typeof DEFAULT_FILTER>) => visibleDevices(all, [], [], { ...DEFAULT_FILTER, ...filter }).map((d) => d.id);
    expect(ids({ network: IOT })).toEqual(['mac-camera']);
    expect(ids({ network: ROUTED })).toEqual(['ip-plc']);
    expect(ids({ sort: 'network' })).toEqual(['mac-laptop', 'mac-camera', 'ip-plc', 'mac-old']);
  });
});

describe('the Network column', () => {
  it('with several networks: a column header and, per device, its range and interface (or the router it lies behind)', async () => {
    const { wrapper } = await render([camera, laptop, plc, old], severalNetworks);
    const header = wrapper.get('[data-testid="network-header"]');
    expect(header.element.tagName).toBe('TH');
    expect(header.attributes('scope')).toBe('col');
    expect(header.text()).toBe('Network');
    expect(cellOf(wrapper, '10.78.0.21').text()).toBe('10.78.0.0/24interface eth0.20');
    expect(cellOf(wrapper, '10.77.0.12').text()).toBe('10.77.0.0/24interface eth0');
    expect(cellOf(wrapper, '10.79.0.11').text()).toBe('10.79.0.0/24behind the router 10.78.0.254 (eth0.20)');
    expect(cellOf(wrapper, '10.77.0.13').text()).toBe('Not recorded');
    // Every row has as many cells as the header has columns (a card on a phone labels each).
    const columns = wrapper.findAll('thead th').length;
    for (const row of wrapper.findAll('[data-testid="device-row"]')) expect(row.findAll('th, td').length).toBe(columns);
    expect(cellOf(wrapper, '10.78.0.21').attributes('data-label')).toBe('Network');
  });

  it('says it in Japanese too', async () => {
    setLocale('ja');
    const { wrapper } = await render([camera, plc], severalNetworks);
    expect(wrapper.get('[data-testid="network-header"]').text()).toBe('ネットワーク');
    expect(cellOf(wrapper, '10.78.0.21').text()).toBe('10.78.0.0/24eth0.20 側');
    expect(cellOf(wrapper, '10.79.0.11').text()).toBe('10.79.0.0/24ルーター 10.78.0.254 の先（eth0.20 側）');
  });

  it('a home with one network gets no network column, filter or sort', async () => {
    const { wrapper } = await render([laptop, old], oneNetwork);
    expect(wrapper.findAll('[data-testid="device-row"]')).toHaveLength(2);
    expect(wrapper.find('[data-testid="network-header"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="device-network-cell"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="device-network-filter"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="device-sort"] option').map((o) => o.attributes('value'))).not.toContain('network');
  });

  it('shows the column when the stored devices span two networks though the settings name one', async () => {
    const { wrapper } = await render([laptop, camera], oneNetwork);
    expect(wrapper.find('[data-testid="network-header"]').exists()).toBe(true);
  });

  it('the network filter shows only the devices of the chosen network, and the sort groups them', async () => {
    const { wrapper } = await render([camera, laptop, plc, old], severalNetworks);
    const filter = wrapper.get('[data-testid="device-network-filter"]');
    expect(filter.findAll('option').map((o) => o.text())).toEqual(['All networks', MAIN, IOT, ROUTED]);
    await filter.setValue(IOT);
    expect(rowIps(wrapper)).toEqual(['10.78.0.21']);
    await filter.setValue('all');
    await wrapper.get('[data-testid="device-sort"]').setValue('network');
    expect(rowIps(wrapper)).toEqual(['10.77.0.12', '10.78.0.21', '10.79.0.11', '10.77.0.13']);
  });

  it('a network filter no longer offered (the other networks gone) stops hiding devices', async () => {
    const { wrapper, fake } = await render([camera, laptop], severalNetworks);
    await wrapper.get('[data-testid="device-network-filter"]').setValue(IOT);
    expect(rowIps(wrapper)).toEqual(['10.78.0.21']);
    fake.live.handlers!.event({ type: 'snapshot', payload: snapshot({ devices: [laptop], settings: oneNetwork }) });
    await flush();
    expect(rowIps(wrapper)).toEqual(['10.77.0.12']);
    expect(wrapper.find('[data-testid="device-network-filter"]').exists()).toBe(false);
  });
});
