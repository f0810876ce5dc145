import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import App from '../../frontend/src/App.vue';
import { setLocale } from '../../frontend/src/i18n';
import { device, fakeClient, finding, scan, snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

async function app(session = { authenticated: true, needsSetup: false }) {
  const fake = fakeClient({ getSession: vi.fn(async () => session) });
  const mounted = await mountWithStore(App, { fake, props: { setupToken: 'TOK' } });
  const push = async (...events: Parameters<NonNullable<typeof fake.live.handlers>['event']>[0][]) => {
    for (const e of events) fake.live.handlers!.event(e);
    await flush();
  };
  return { ...mounted, push };
}

describe('App views', () => {
  it('shows the set-up form on first run, with the token from the link', async () => {
    const { wrapper, fake } = await app({ authenticated: false, needsSetup: true });
    expect(wrapper.find('[data-testid="setup-form"]').exists()).toBe(true);
    expect((wrapper.get('#setup-token').element as HTMLInputElement).value).toBe('TOK');
    expect(fake.client.connect).not.toHaveBeenCalled();
  });

  it('shows the login form when not signed in', async () => {
    const { wrapper } = await app({ authenticated: false, needsSetup: false });
    expect(wrapper.find('[data-testid="login-form"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="scan-button"]').exists()).toBe(false);
  });

  it('shows the dashboard and connects the live feed when signed in', async () => {
    const { wrapper, fake } = await app();
    expect(fake.client.connect).toHaveBeenCalledTimes(1);
    expect(wrapper.find('[data-testid="scan-button"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="connection"]').text()).toBe('Live');
  });

  it('offers a retry when the appliance cannot be reached', async () => {
    const getSession = vi.fn().mockRejectedValueOnce(new Error('down'))
      .mockResolvedValue({ authenticated: false, needsSetup: false });
    const { wrapper } = await mountWithStore(App, { fake: fakeClient({ getSession }) });
    expect(wrapper.text()).toContain('Cannot reach the Mamori appliance.');
    await wrapper.get('main button').trigger('click');
    await flush();
    expect(wrapper.find('[data-testid="login-form"]').exists()).toBe(true);
  });

  it('logs out: calls the server, closes the live feed, shows login', async () => {
    const { wrapper, fake } = await app();
    const logout = wrapper.findAll('header button').find((b) => b.text() === 'Log out')!;
    await logout.trigger('click');
    await flush();
    expect(fake.client.logout).toHaveBeenCalled();
    expect(fake.live.connection.close).toHaveBeenCalled();
    expect(wrapper.find('[data-testid="login-form"]').exists()).toBe(true);
  });

  it('goes back to login when the socket is refused (session expired)', async () => {
    const { wrapper, fake } = await app();
    fake.live.handlers!.status('unauthorized');
    await flush();
    expect(wrapper.find('[data-testid="login-form"]').exists()).toBe(true);
  });
});

describe('Dashboard, live', () => {
  it('fills the device list and counts as events arrive', async () => {
    const { wrapper, push } = await app();
    await push({ type: 'snapshot', payload: snapshot() });
    expect(wrapper.findAll('[data-testid="device-row"]')).toHaveLength(0);
    await push(
      { type: 'device:found', payload: device({ ip: '10.77.0.20' }) },
      { type: 'device:found', payload: device({ ip: '10.77.0.3' }) },
      { type: 'finding:raised', payload: finding({ ip: '10.77.0.20', severity: 'high' }) },
      { type: 'finding:raised', payload: finding({ ip: '10.77.0.20', severity: 'high' }) },
    );
    const rows = wrapper.findAll('[data-testid="device-row"]');
    expect(rows.map((r) => r.attributes('data-ip'))).toEqual(['10.77.0.3', '10.77.0.20']);
    // The same finding raised twice is one problem on its device.
    expect(rows[1]!.get('[data-testid="chip-problems"]').text()).toBe('1 open');
    expect(rows[0]!.find('[data-testid="chip-problems"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="device-count"]').text()).toBe('2');
    expect(wrapper.get('[data-testid="count-high"]').text()).toContain('1');
    expect(wrapper.get('[data-testid="count-critical"]').text()).toContain('0');
  });

  it('runs a scan: button disabled, cancel and progress shown, then last scan', async () => {
    const { wrapper, push, fake } = await app();
    await push({ type: 'snapshot', payload: snapshot() });
    const scanButton = () => wrapper.get('[data-testid="scan-button"]');
    expect(scanButton().attributes('disabled')).toBeUndefined();
    expect(wrapper.find('[data-testid="cancel-button"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="last-scan"]').text()).toBe('No scan yet');

    await scanButton().trigger('click');
    await flush();
    expect(fake.live.connection.startScan).toHaveBeenCalledTimes(1);

    await push(
      { type: 'scan:started', payload: scan() },
      { type: 'scan:progress', payload: { scanId: 'scan-1', stage: 'probing', percent: 37.6, current: '10.77.0.11:23' } },
    );
    expect(scanButton().attributes('disabled')).toBeDefined();
    const progress = wrapper.get('[data-testid="progress"]');
    expect(progress.text()).toContain('Looking for open services');
    expect(progress.text()).toContain('38% done');
    expect(progress.text()).toContain('Now checking 10.77.0.11:23');
    expect(progress.get('progress').attributes('value')).toBe('38');

    await wrapper.get('[data-testid="cancel-button"]').trigger('click');
    await flush();
    expect(fake.live.connection.cancelScan).toHaveBeenCalledTimes(1);

    await push({ type: 'scan:finished', payload: scan({ status: 'cancelled', finishedAt: '2026-11-24T01:02:00Z' }) });
    expect(wrapper.find('[data-testid="progress"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="cancel-button"]').exists()).toBe(false);
    expect(scanButton().attributes('disabled')).toBeUndefined();
    expect(wrapper.get('[data-testid="last-scan"]').text()).toContain('(cancelled)');
  });

  it('moves keyboard focus to Cancel when the focused Scan button gets disabled', async () => {
    const { wrapper, push } = await app();
    (wrapper.get('[data-testid="scan-button"]').element as HTMLButtonElement).focus();
    await push({ type: 'scan:started', payload: scan() });
    expect(document.activeElement).toBe(wrapper.get('[data-testid="cancel-button"]').element);
  });

  it('shows placeholders, not "0 devices", until the first snapshot arrives', async () => {
    const { wrapper, push } = await app();
    expect(wrapper.find('[data-testid="overview-skeleton"]').attributes('aria-busy')).toBe('true');
    expect(wrapper.find('[data-testid="device-count"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('No scan yet');
    await push({ type: 'snapshot', payload: snapshot() });
    expect(wrapper.find('[data-testid="overview-skeleton"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="device-count"]').text()).toBe('0');
  });

  it('moves focus to Cancel after Start (the clicked button is disabled meanwhile), then back, and announces the end', async () => {
    const { wrapper, push, fake } = await app();
    await push({ type: 'snapshot', payload: snapshot({ devices: [device()], findings: [finding()] }) });
    const scanButton = wrapper.get('[data-testid="scan-button"]');
    (scanButton.element as HTMLButtonElement).focus();
    let resolveStart: (v: { scanId: string }) => void = () => {};
    fake.live.connection.startScan.mockImplementationOnce(() => new Promise((resolve) => { resolveStart = resolve; }));
    await scanButton.trigger('click');
    // While the request runs the button is disabled (focus falls to the body); the scan starts meanwhile.
    await push({ type: 'scan:started', payload: scan() });
    resolveStart({ scanId: 'scan-1' });
    await flush();
    await flush();
    expect(document.activeElement).toBe(wrapper.get('[data-testid="cancel-button"]').element);
    expect(wrapper.get('[data-testid="scan-announcement"]').text()).toBe('');

    await push({ type: 'scan:finished', payload: scan({ status: 'completed', finishedAt: '2026-11-24T01:02:00Z' }) });
    await flush();
    expect(wrapper.get('[data-testid="scan-announcement"]').attributes('role')).toBe('status');
    expect(wrapper.get('[data-testid="scan-announcement"]').text()).toBe('Scan finished. Devices: 1, open problems: 1.');
    expect(document.activeElement).toBe(wrapper.get('[data-testid="scan-button"]').element);
  });

  it('shows an error when the server refuses to start a scan', async () => {
    const { wrapper, fake } = await app();
    fake.live.connection.startScan.mockRejectedValueOnce(new Error('a scan is already running'));
    await wrapper.get('[data-testid="scan-button"]').trigger('click');
    await flush();
    expect(wrapper.get('[role="alert"]').text()).toBe('The scan could not be started.');
  });

  it('disables scanning while the live connection is down', async () => {
    const { wrapper, fake } = await app();
    fake.live.handlers!.status('disconnected');
    await flush();
    expect(wrapper.get('[data-testid="scan-button"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="connection"]').text()).toContain('reconnecting');
  });
});

describe('language switch', () => {
  it('switches every visible string, and remembers the choice', async () => {
    setLocale('en');
    const { wrapper, push } = await app();
    await push({ type: 'snapshot', payload: snapshot() }, { type: 'device:found', payload: device({ type: 'router', vendor: null }) });
    expect(wrapper.get('[data-testid="scan-button"]').text()).toBe('Start scan');

    await wrapper.get('[data-testid="lang-switch"]').setValue('ja');
    expect(wrapper.get('[data-testid="scan-button"]').text()).toBe('スキャン開始');
    expect(wrapper.get('[data-testid="device-row"]').text()).toContain('ルーター');
    expect(wrapper.text()).toContain('ログアウト');
    expect(localStorage.getItem('mamori.locale')).toBe('ja');
    expect(document.documentElement.lang).toBe('ja');

    await wrapper.get('[data-testid="lang-switch"]').setValue('en');
    expect(wrapper.get('[data-testid="scan-button"]').text()).toBe('Start scan');
  });

  it('names each language in itself', async () => {
    setLocale('ja');
    const { wrapper } = await app();
    const options = wrapper.findAll('[data-testid="lang-switch"] option');
    expect(options.map((o) => [o.attributes('value'), o.text(), o.attributes('lang')]))
      .toEqual([['en', 'English', 'en'], ['ja', '日本語', 'ja']]);
  });
});
