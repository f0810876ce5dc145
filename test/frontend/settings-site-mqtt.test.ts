// Settings → Site and Home Assistant/MQTT: their own sections, drawn from the real schema, in
// English and Japanese, the broker password shown only as set or not.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import SettingsView from '../../frontend/src/components/settings/SettingsView.vue';
import { ApiError } from '../../frontend/src/api/client';
import { createApplianceApi, type ApplianceApi } from '../../frontend/src/api/appliance-api';
import { setLocale } from '../../frontend/src/i18n';
import { SettingsStore, settingsSchemaDescription } from '../../backend/src/storage/settings';
import { fakeClient, snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);

let dir: string;
let settings: SettingsStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mamori-settings-site-'));
  settings = await SettingsStore.open(join(dir, 'settings.json'));
});
afterEach(async () => { setLocale('en'); await rm(dir, { recursive: true, force: true }); });

async function mount() {
  const unused = createApplianceApi(async () => { throw new Error('no network in this test'); });
  const appliance: ApplianceApi = {
    ...unused,
    getSettingsSchema: async () => JSON.parse(JSON.stringify(settingsSchemaDescription())),
    getSettings: async () => JSON.parse(JSON.stringify({ ...settings.view(), nextScheduledScan: null })),
    totpStatus: async () => ({ enabled: false }),
    evidenceKey: async () => { throw new ApiError(404, 'no such API route'); },
    listTokens: async () => [],
  };
  const mounted = await mountWithStore(SettingsView, { fake: fakeClient({ appliance }) });
  mounted.fake.live.handlers!.event({ type: 'snapshot', payload: snapshot({ devices: [] }) });
  await flush();
  await flush();
  return mounted.wrapper;
}

describe('site and MQTT settings', () => {
  it('have their own sections, in both languages; the broker password is never shown', async () => {
    await settings.update({ site: { id: 'ueno-shop', name: 'Ueno shop' }, integrations: { mqtt: { enabled: true, url: 'mqtts://broker.example:8883', username: 'ueno-shop', password: 'broker-SECRET-7' } } });
    const wrapper = await mount();
    const site = wrapper.get('[data-testid="section-site"]');
    const mqtt = wrapper.get('[data-testid="section-integrations"]');
    expect(site.text()).toContain('Site');
    expect(site.text()).toContain('MQTT topics');
    expect(mqtt.text()).toContain('Home Assistant and MQTT');
    expect(mqtt.text()).toContain('Broker address');
    expect(wrapper.find('[data-testid="section-other"]').exists()).toBe(false);
    expect(wrapper.html()).not.toContain('broker-SECRET-7');
    setLocale('ja');
    await flush();
    expect(wrapper.get('[data-testid="section-site"]').text()).toContain('設置場所');
    expect(wrapper.get('[data-testid="section-integrations"]').text()).toContain('ブローカーのアドレス');
  }, 30_000); // the whole settings screen: seconds on a loaded machine
});
