// The schema-driven settings form, drawn from the real schema (the backend's SettingsSchema through
// settingsSchemaDescription) and saving into a real SettingsStore on disk, so a refusal is the
// appliance's own validation, not a made-up message.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import SettingsView from '../../frontend/src/components/settings/SettingsView.vue';
import { ApiError } from '../../frontend/src/api/client';
import { createApplianceApi, type ApplianceApi } from '../../frontend/src/api/appliance-api';
import { setLocale } from '../../frontend/src/i18n';
import { SettingsStore, settingsSchemaDescription } from '../../backend/src/storage/settings';
import { device, fakeClient, snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);

let dir: string;
let settings: SettingsStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mamori-settings-ui-'));
  settings = await SettingsStore.open(join(dir, 'settings.json'));
});
afterEach(async () => {
  setLocale('en');
  await rm(dir, { recursive: true, force: true });
});

/** The appliance part of the client, answered by a real SettingsStore (as routes/settings.ts does). */
function applianceOver(store: SettingsStore, overrides: Partial<ApplianceApi> = {}): ApplianceApi {
  const unused = createApplianceApi(async () => { throw new Error('no network in this test'); });
  const view = () => JSON.parse(JSON.stringify({ ...store.view(), nextScheduledScan: null }));
  return {
    ...unused,
    getSettingsSchema: async () => JSON.parse(JSON.stringify(settingsSchemaDescription())),
    getSettings: async () => view(),
    saveSettings: vi.fn(async (sections: Record<string, unknown>) => {
      const result = await store.update(JSON.parse(JSON.stringify(sections)));
      if (!result.ok) throw new ApiError(400, result.error);
      return view();
    }),
    totpStatus: async () => ({ enabled: false }),
    evidenceKey: async () => { throw new ApiError(404, 'no such API route'); },
    ...overrides,
  };
}

async function mountSettings(appliance = applianceOver(settings)) {
  const fake = fakeClient({ appliance });
  const mounted = await mountWithStore(SettingsView, { fake });
  mounted.fake.live.handlers!.event({
    type: 'snapshot',
    payload: snapshot({ devices: [
      device({ id: 'mac-3c846a010203', ip: '10.77.0.11', vendor: 'Acme Cameras' }),
      // A phone with a randomized MAC: the store keeps it under its mDNS name.
      device({ id: 'name-pixel-7.local', ip: '10.77.0.12', mac: '6a:3f:9c:00:00:01', randomizedMac: true, vendor: null, hostnames: ['pixel-7.local'], type: 'phone' }),
    ] }),
  });
  await flush();
  await flush();
  return { ...mounted, appliance };
}

const section = (wrapper: Awaited<ReturnType<typeof mountSettings>>['wrapper'], id: string) => wrapper.get(`[data-testid="section-${id}"]`);

describe('settings drawn from the schema', () => {
  it('shows a section per group, labelled by the schema in the reader’s language', async () => {
    const { wrapper } = await mountSettings();
    for (const id of ['networks', 'loginChecks', 'schedule', 'notifications', 'retention', 'appearance', 'password', 'totp', 'backup']) {
      expect(wrapper.find(`[data-testid="section-${id}"]`).exists(), id).toBe(true);
    }
    expect(section(wrapper, 'retention').text()).toContain('Scans kept in the history');
    setLocale('ja');
    await flush();
    expect(section(wrapper, 'retention').text()).toContain('履歴に残すスキャンの数');
    expect(section(wrapper, 'retention').text()).not.toContain('Scans kept in the history');
  });

  it('saves an edited number, only its own section', async () => {
    const { wrapper, appliance } = await mountSettings();
    await section(wrapper, 'retention').get('#field-retention-keepScans').setValue('50');
    await section(wrapper, 'retention').get('form').trigger('submit');
    await vi.waitFor(() => expect(section(wrapper, 'retention').find('[data-testid="saved"]').exists()).toBe(true));
    expect(appliance.saveSettings).toHaveBeenCalledWith({ retention: { keepScans: 50, scanDays: 365 } });
    expect(settings.current.retention.keepScans).toBe(50);
    expect(section(wrapper, 'retention').get('[data-testid="saved"]').text()).toBe('Saved.');
  });

  it('stops a value out of range before sending, with the message next to the field', async () => {
    const { wrapper, appliance } = await mountSettings();
    await section(wrapper, 'retention').get('#field-retention-keepScans').setValue('0');
    await section(wrapper, 'retention').get('form').trigger('submit');
    await flush();
    expect(appliance.saveSettings).not.toHaveBeenCalled();
    const input = section(wrapper, 'retention').get('#field-retention-keepScans');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`#${input.attributes('aria-describedby')}`).text()).toBe('At least 1.');
  });

  it('shows the appliance’s refusal next to the field it names', async () => {
    const { wrapper, appliance } = await mountSettings();
    const notifications = section(wrapper, 'notifications');
    const webhook = notifications.get('[data-path="notifications.webhook"]');
    await webhook.get('input[type=checkbox]').setValue(true);
    await notifications.get('form').trigger('submit');
    await vi.waitFor(() => expect(webhook.find('.field-error').exists()).toBe(true));
    expect(appliance.saveSettings).toHaveBeenCalledTimes(1);
    expect(settings.current.notifications.webhook.enabled).toBe(false);
    expect(webhook.get('.field-error').text()).toBe('url is needed when the channel is enabled');
    expect(notifications.get('[data-testid="form-error"]').text()).toContain('marked fields');
  });

  it('never renders a secret, says whether one is stored, and replaces it only when typed', async () => {
    await settings.update({ notifications: { webhook: { enabled: true, url: 'http://127.0.0.1:9/hook', token: 'TOP-SECRET-TOKEN' } } });
    // Even if an answer carried the secret, the form must neither show it nor send it back.
    const leaky = applianceOver(settings, {
      getSettings: async () => {
        const view = JSON.parse(JSON.stringify({ ...settings.view(), nextScheduledScan: null }));
        view.settings.notifications.webhook.token = 'TOP-SECRET-TOKEN';
        return view;
      },
    });
    const { wrapper } = await mountSettings(leaky);
    expect(wrapper.html()).not.toContain('TOP-SECRET-TOKEN');
    const token = section(wrapper, 'notifications').get('[data-path="notifications.webhook.token"]');
    expect(token.get('[data-testid="secret-status"]').text()).toBe('Stored (not shown)');
    expect(token.get('input').attributes('type')).toBe('password');
    expect((token.get('input').element as HTMLInputElement).value).toBe('');
    expect(section(wrapper, 'notifications').get('[data-path="notifications.ntfy.token"] [data-testid="secret-status"]').text()).toBe('Not set');

    await section(wrapper, 'notifications').get('form').trigger('submit');
    await vi.waitFor(() => expect(section(wrapper, 'notifications').find('[data-testid="saved"]').exists()).toBe(true));
    expect(JSON.stringify(vi.mocked(leaky.saveSettings).mock.calls[0]![0])).not.toContain('token');
    expect(settings.current.notifications.webhook.token).toBe('TOP-SECRET-TOKEN');

    await token.get('input').setValue('NEW-TOKEN-123');
    expect(token.get('[data-testid="secret-status"]').text()).toBe('Will be replaced when you save');
    await section(wrapper, 'notifications').get('form').trigger('submit');
    await vi.waitFor(() => expect(settings.current.notifications.webhook.token).toBe('NEW-TOKEN-123'));
    await vi.waitFor(() => expect(token.get('[data-testid="secret-status"]').text()).toBe('Stored (not shown)'));
    expect((token.get('input').element as HTMLInputElement).value).toBe('');
    expect(wrapper.html()).not.toContain('NEW-TOKEN-123');
  });

  it('adds a schedule entry from the union’s defaults and switches its kind', async () => {
    const { wrapper } = await mountSettings();
    const schedule = section(wrapper, 'schedule');
    await schedule.get('[data-testid="add-schedule.entries"]').trigger('click');
    expect((schedule.get('#field-schedule-entries-0-everyMinutes').element as HTMLInputElement).value).toBe('360');
    await schedule.get('#field-schedule-entries-0').setValue('cron');
    await schedule.get('#field-schedule-entries-0-cron').setValue('0 3 * * *');
    await schedule.get('form').trigger('submit');
    await vi.waitFor(() => expect(schedule.find('[data-testid="saved"]').exists()).toBe(true));
    expect(settings.current.schedule.entries).toEqual([{ kind: 'cron', enabled: true, cron: '0 3 * * *' }]);
  });

  it('networks: consent per range, a warning for a public range, detected ranges to add', async () => {
    const { wrapper } = await mountSettings();
    const networks = section(wrapper, 'networks');
    await networks.get('[data-testid="add-detected"]').trigger('click');
    expect(networks.get('[data-testid="target"]').attributes('data-cidr')).toBe('10.77.0.0/24');
    expect(networks.find('[data-testid="public-warning"]').exists()).toBe(false);
    await networks.get('[data-testid="new-range"]').setValue('8.8.8.0/24');
    await networks.get('[data-testid="add-range"]').trigger('click');
    const rows = networks.findAll('[data-testid="target"]');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.get('[data-testid="public-warning"]').text()).toContain('Not a private network');
    await rows[0]!.get('[data-testid="target-consent"]').setValue(true);
    await networks.get('form').trigger('submit');
    await vi.waitFor(() => expect(networks.find('[data-testid="saved"]').exists()).toBe(true));
    expect(settings.current.targets).toEqual([{ cidr: '10.77.0.0/24', consent: true }, { cidr: '8.8.8.0/24', consent: false }]);
  });

  it('login checks per device: unticking a device puts its id in loginCheckOptOut', async () => {
    const { wrapper } = await mountSettings();
    const login = section(wrapper, 'loginChecks');
    const box = login.get('[data-testid="optout-device"][data-id="mac-3c846a010203"]');
    expect((box.element as HTMLInputElement).checked).toBe(true);
    await box.setValue(false);
    await login.get('#field-loginChecks').setValue('true');
    await login.get('form').trigger('submit');
    await vi.waitFor(() => expect(login.find('[data-testid="saved"]').exists()).toBe(true));
    expect(settings.current.loginCheckOptOut).toEqual(['mac-3c846a010203']);
    expect(settings.current.loginChecks).toBe(true);
  });

  it('login checks per device: a phone with a randomized MAC is opted out by the id the store keeps it under', async () => {
    const { wrapper } = await mountSettings();
    const login = section(wrapper, 'loginChecks');
    await login.get('[data-testid="optout-device"][data-id="name-pixel-7.local"]').setValue(false);
    await login.get('form').trigger('submit');
    await vi.waitFor(() => expect(login.find('[data-testid="saved"]').exists()).toBe(true));
    expect(settings.current.loginCheckOptOut).toEqual(['name-pixel-7.local']);
  });

  it('login checks per device: select none opts every device out, select all puts them all back', async () => {
    const { wrapper } = await mountSettings();
    const login = section(wrapper, 'loginChecks');
    const ticked = () => login.findAll('[data-testid="optout-device"]').map((b) => (b.element as HTMLInputElement).checked);
    expect(login.get('[data-testid="optout-select-all"]').attributes('disabled')).toBeDefined();
    await login.get('[data-testid="optout-select-none"]').trigger('click');
    expect(ticked()).toEqual([false, false]);
    expect(login.get('[data-testid="optout-select-none"]').attributes('disabled')).toBeDefined();
    await login.get('form').trigger('submit');
    await vi.waitFor(() => expect(login.find('[data-testid="saved"]').exists()).toBe(true));
    expect([...settings.current.loginCheckOptOut].sort()).toEqual(['mac-3c846a010203', 'name-pixel-7.local']);
    await login.get('[data-testid="optout-select-all"]').trigger('click');
    expect(ticked()).toEqual([true, true]);
    await login.get('form').trigger('submit');
    await vi.waitFor(() => expect(settings.current.loginCheckOptOut).toEqual([]));
  });

  it('a jump list names every section in screen order; choosing one scrolls to it and focuses its heading', async () => {
    const { wrapper } = await mountSettings();
    const jumps = wrapper.findAll('[data-testid="settings-jump"] button');
    const cards = wrapper.findAll('section.settings-section');
    expect(jumps.map((b) => b.text())).toEqual(cards.map((c) => c.get('h3').text()));
    expect(jumps.length).toBeGreaterThan(10);
    // jsdom lays nothing out, so it has no scrollIntoView: record the call instead.
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) { scrolled.push(this); };
    try {
      await wrapper.get('[data-testid="jump-backup"]').trigger('click');
      const heading = wrapper.get('#settings-backup-title').element;
      expect(scrolled).toEqual([heading]);
      expect(document.activeElement).toBe(heading);
    } finally {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
    setLocale('ja');
    await flush();
    expect(wrapper.get('[data-testid="settings-jump"]').attributes('aria-label')).toBe('設定の項目');
    expect(wrapper.get('[data-testid="jump-backup"]').text()).toBe(wrapper.get('#settings-backup-title').text());
  });

  it('login checks per device: select all / none in Japanese', async () => {
    setLocale('ja');
    const { wrapper } = await mountSettings();
    const login = section(wrapper, 'loginChecks');
    expect(login.get('[data-testid="optout-select-all"]').text()).toBe('すべて選ぶ');
    expect(login.get('[data-testid="optout-select-none"]').text()).toBe('すべて外す');
  });
});
