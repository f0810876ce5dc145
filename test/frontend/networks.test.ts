// Several networks (#19): the settings say how each range is reached (interface, router, or
// nothing), and a device's page says which network it is on — in English and in Japanese.
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import DeviceDetailView from '../../frontend/src/components/devices/DeviceDetailView.vue';
import TargetsField from '../../frontend/src/components/settings/TargetsField.vue';
import type { StoredDevice } from '../../frontend/src/api/contract';
import { setLocale } from '../../frontend/src/i18n';
import { device, fakeClient, snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const settings = {
  targets: ['10.77.0.0/24'], loginChecks: true,
  networks: [
    { cidr: '10.77.0.0/24', interface: 'eth0' },
    { cidr: '10.79.0.0/24', interface: 'eth1', via: '10.78.0.254' },
    { cidr: '10.80.0.0/24', interface: null },
  ],
};

async function renderTargets() {
  const fake = fakeClient();
  const Field = defineComponent(() => {
    const value = ref(settings.networks.map((n) => ({ cidr: n.cidr, consent: true })));
    return () => h(TargetsField, { modelValue: value.value });
  });
  const mounted = await mountWithStore(Field, { fake });
  fake.live.handlers!.event({ type: 'snapshot', payload: snapshot({ settings }) });
  await flush();
  return mounted.wrapper;
}

async function renderDevice(start: StoredDevice) {
  const fake = fakeClient();
  const Page = defineComponent(() => () => h(DeviceDetailView, { id: start.id }));
  const mounted = await mountWithStore(Page, { fake });
  fake.live.handlers!.event({ type: 'snapshot', payload: snapshot({ devices: [start] }) });
  await flush();
  return mounted.wrapper;
}

describe('the networks in the settings', () => {
  it('says for each range the interface that reaches it, the router it lies behind, or that nothing does', async () => {
    const wrapper = await renderTargets();
    const reach = wrapper.findAll('[data-testid="target-reach"]').map((p) => p.text());
    expect(reach).toEqual([
      "Scanned from this box's interface eth0.",
      'Behind the router 10.78.0.254, reached from eth1: devices there are found by their address only, without a maker.',
      'No interface of this box is on this network and no route leads to it: a scan of it would be refused.',
    ]);
  });

  it('says it in Japanese too', async () => {
    setLocale('ja');
    const wrapper = await renderTargets();
    const reach = wrapper.findAll('[data-testid="target-reach"]').map((p) => p.text());
    expect(reach[0]).toBe('この機械の eth0 から調べます。');
    expect(reach[1]).toContain('ルーター 10.78.0.254 の先');
    expect(reach[2]).toContain('スキャンできません');
  });
});

describe('a device page', () => {
  it('names the network and interface the device is on', async () => {
    const wrapper = await renderDevice(device({ network: '10.78.0.0/24', interface: 'eth1' }));
    expect(wrapper.get('[data-testid="device-network"]').text()).toBe('Network10.78.0.0/24 (interface eth1)');
  });

  it('says a device behind a router is known by its address only', async () => {
    setLocale('ja');
    const wrapper = await renderDevice(device({ ip: '10.79.0.11', mac: null, vendor: null, network: '10.79.0.0/24', interface: 'eth1', via: '10.78.0.254' }));
    expect(wrapper.get('[data-testid="device-network"]').text()).toContain('10.79.0.0/24（ルーター 10.78.0.254 の先、eth1 側）');
  });

  it('shows no network line for a device stored before networks were recorded', async () => {
    const wrapper = await renderDevice(device());
    expect(wrapper.find('[data-testid="device-network"]').exists()).toBe(false);
  });
});
