// One name per device, everywhere: the device list, the device page, the problem cards, the
// login-check list in Settings and the search all use identify/display-name.ts, worded per language.
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import OptOutField from '../../frontend/src/components/settings/OptOutField.vue';
import { setLocale } from '../../frontend/src/i18n';
import { matchesQuery } from '../../frontend/src/stores/devices';
import { device, finding, scan, service, snapshot } from './fixtures';
import { goTo, mountAppWith } from './app-helpers';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(async () => {
  setLocale('en');
  window.location.hash = '';
  await flush();
});

const HIKVISION = 'Hangzhou Hikvision Digital Technology Co.,Ltd.';
const camera = device({
  id: 'cam', ip: '10.77.0.11', vendor: HIKVISION, type: 'camera',
  services: [service({ port: 23, banner: 'Hikvision IP Camera DS-2CD2042WD-I cam-frontdoor login:' })],
});
const quiet = device({ id: 'pana', ip: '10.77.0.21', vendor: 'Panasonic Corporation', type: 'unknown', mac: '00:12:67:77:00:21' });
const plug = device({
  id: 'plug', ip: '10.77.0.16', vendor: 'Espressif Inc.', type: 'plug', model: 'S26R2',
  upnp: [{ location: 'http://10.77.0.16/description.xml', deviceType: null, manufacturer: 'Sonoff', modelName: 'S26R2', friendlyName: 'Kitchen Plug' }],
});
const state = snapshot({
  devices: [camera, quiet, plug],
  findings: [finding({ key: 'k-telnet', deviceId: 'cam', ip: '10.77.0.11' })],
  scans: [scan({ id: 's1', status: 'completed', finishedAt: '2026-11-24T01:02:00.000Z' })],
});
const app = () => mountAppWith(state);

describe('one name per device', () => {
  it('names the device by its own name, else "<Brand> <type>", in the list, the page and the cards', async () => {
    const { wrapper } = await app();
    await goTo('#/devices', 'screen-devices');
    const names = wrapper.findAll('[data-testid="device-link"]').map((a) => a.text());
    expect(names).toEqual(expect.arrayContaining(['cam-frontdoor', 'Panasonic device', 'Kitchen Plug']));
    expect(names.some((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n))).toBe(false);
    const brand = wrapper.findAll('[data-testid="device-brand"]').find((b) => b.text() === 'Hikvision');
    expect(brand?.attributes('title')).toBe(HIKVISION); // the IEEE name one hover away

    await goTo('#/devices/cam', 'device-detail');
    expect(wrapper.get('[data-testid="device-name"]').text()).toBe('cam-frontdoor');
    expect(wrapper.get('[data-testid="device-vendor-full"]').text()).toBe(HIKVISION);

    await goTo('#/findings?device=cam', 'screen-findings');
    expect(wrapper.get('[data-testid="screen-findings"]').text()).toContain('cam-frontdoor');

    setLocale('ja');
    await goTo('#/devices', 'screen-devices');
    expect(wrapper.findAll('[data-testid="device-link"]').map((a) => a.text())).toContain('Panasonic の機器');
  }, 30_000); // four screens drawn: generous under a loaded CPU

  it('uses the same name in the Settings login-check list', async () => {
    const { wrapper, fake } = await mountWithStore(OptOutField, { props: { modelValue: [] } });
    fake.live.handlers!.event({ type: 'snapshot', payload: state });
    await flush();
    expect(wrapper.text()).toContain('cam-frontdoor');
    expect(wrapper.text()).toContain('Kitchen Plug');
    expect(wrapper.text()).toContain('Panasonic device');
  });

  it('is found by name, brand, type, model and the UPnP maker', () => {
    for (const q of ['cam-frontdoor', 'hikvision', 'camera']) expect(matchesQuery(camera, q)).toBe(true);
    for (const q of ['kitchen', 'sonoff', 's26r2', 'smart plug']) expect(matchesQuery(plug, q)).toBe(true);
    expect(matchesQuery(plug, 'camera')).toBe(false);
  });
});
