// The screens through the whole app: navigation (aria-current, address, back), the risk matrix
// linking to its findings, the Devices table with search and filter, the Findings screen's groups,
// status filter and a finding opened to its fix steps, with "who accepts" sent along.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import App from '../../frontend/src/App.vue';
import type { FindingAction } from '../../frontend/src/api/client';
import type { FindingRisk, StoredFinding } from '../../frontend/src/api/contract';
import { setLocale } from '../../frontend/src/i18n';
import { device, fakeClient, finding, scan, service, snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(async () => {
  setLocale('en');
  window.location.hash = '';
  await flush();
});

const risk = (likelihood: number, impact: number, level: FindingRisk['level']): FindingRisk => ({
  likelihood, impact, score: likelihood * impact, level, reasons: ['Attackers try this first.'], factors: [],
});
const camera = device({
  id: 'cam', ip: '10.77.0.11', vendor: 'Hikvision', type: 'camera', services: [service({ port: 23 }), service({ port: 554, service: 'rtsp' })],
  firstSeen: '2026-11-24T01:00:01.000Z',
});
const nas = device({ id: 'nas', ip: '10.77.0.20', vendor: 'Synology', type: 'nas', mac: '00:11:32:00:00:20', firstSeen: '2026-11-01T00:00:00.000Z' });
const telnet = finding({ key: 'k-telnet', deviceId: 'cam', ip: '10.77.0.11', severity: 'critical', risk: risk(5, 4, 'critical') });
const ftp = finding({
  key: 'k-ftp', deviceId: 'nas', ip: '10.77.0.20', port: 21, service: 'ftp', family: 'cleartext-service', severity: 'high',
  title: 'FTP sends passwords unencrypted', risk: risk(3, 4, 'high'),
});
const accepted = finding({ key: 'k-old', deviceId: 'nas', ip: '10.77.0.20', port: 80, severity: 'medium', status: 'accepted', title: 'Old web login' });
const state = snapshot({
  devices: [camera, nas], findings: [telnet, ftp, accepted],
  scans: [scan({ id: 's1', status: 'completed', startedAt: '2026-11-24T01:00:00.000Z', finishedAt: '2026-11-24T01:02:00.000Z' })],
  settings: { targets: [], loginChecks: true, nextScheduledScan: '2026-11-25T03:00:00.000Z' },
});

async function app(findingAction?: (key: string, a: FindingAction) => Promise<{ finding: StoredFinding }>) {
  const fake = fakeClient(findingAction ? { findingAction: vi.fn(findingAction) } : {});
  const mounted = await mountWithStore(App, { fake });
  fake.live.handlers!.event({ type: 'snapshot', payload: state });
  await flush();
  return { ...mounted, fake };
}

const SCREENS: Record<string, string> = {
  devices: 'screen-devices', findings: 'screen-findings', device: 'device-detail',
};

/** Follows a link's address and waits until the screen is drawn (some screens load on first use). */
async function goTo(hash: string) {
  const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
  window.location.hash = hash;
  await changed;
  const [, first, second] = hash.split(/[/?]/);
  const testId = SCREENS[first === 'devices' && second ? 'device' : first ?? ''];
  if (testId) await vi.waitFor(() => expect(document.querySelector(`[data-testid="${testId}"]`)).not.toBeNull(), { timeout: 10_000 });
  await flush();
}

describe('navigation', () => {
  it('marks the current screen, follows the address, and focuses the new screen', async () => {
    const { wrapper } = await app();
    const current = () => wrapper.findAll('[data-testid="nav"] a').filter((a) => a.attributes('aria-current') === 'page').map((a) => a.text());
    expect(current()).toEqual(['Overview']);
    expect(wrapper.find('[data-testid="screen-overview"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="nav-devices"]').attributes('href')).toBe('#/devices');

    await goTo('#/devices');
    expect(current()).toEqual(['Devices']);
    expect(wrapper.find('[data-testid="screen-devices"]').exists()).toBe(true);
    expect(document.activeElement?.id).toBe('main');

    await goTo('#/devices/nas');
    expect(current()).toEqual(['Devices']); // a device's page belongs to Devices
    expect(wrapper.get('[data-testid="device-detail"]').text()).toContain('Synology');

    await goTo('#/findings');
    expect(current()).toEqual(['Problems']);
    setLocale('ja');
    await flush();
    expect(current()).toEqual(['問題']);
  });
});

describe('Overview', () => {
  it('shows the risk matrix with counts linking to that cell, and the next scheduled scan', async () => {
    const { wrapper } = await app();
    const cell = wrapper.get('[data-testid="matrix-5-4"]');
    expect(cell.attributes('data-count')).toBe('1');
    expect(cell.get('a').attributes('href')).toBe('#/findings?likelihood=5&impact=4');
    expect(cell.get('a').attributes('aria-label')).toBe('1 open problems with likelihood 5 and impact 4: Critical risk');
    expect(wrapper.get('[data-testid="matrix-3-4"]').text()).toContain('1');
    expect(wrapper.get('[data-testid="matrix-2-3"]').find('a').exists()).toBe(false); // the accepted one is not open
    expect(wrapper.get('[data-testid="next-scan"]').text()).toMatch(/2026/);

    await goTo('#/findings?likelihood=5&impact=4');
    expect(wrapper.findAll('[data-testid="finding-card"]').map((c) => c.attributes('data-key'))).toEqual(['k-telnet']);
    expect(wrapper.get('[data-testid="cell-filter"]').text()).toContain('Likelihood 5 × impact 4');
  });

  it('lists devices live, marking the new one', async () => {
    const { wrapper } = await app();
    const rows = wrapper.findAll('[data-testid="device-list"] [data-testid="device-row"]');
    expect(rows.map((r) => [r.attributes('data-ip'), r.classes('is-new')])).toEqual([['10.77.0.11', true], ['10.77.0.20', false]]);
  });
});

describe('Devices', () => {
  it('is a table with type, name link, MAC, services and open problems; search and filter narrow it', async () => {
    const { wrapper } = await app();
    await goTo('#/devices');
    const rows = () => wrapper.findAll('[data-testid="device-table"] [data-testid="device-row"]');
    expect(rows().map((r) => r.attributes('data-ip'))).toEqual(['10.77.0.11', '10.77.0.20']);
    const cam = rows()[0]!;
    expect(cam.get('svg.type-icon').attributes('aria-hidden')).toBe('true');
    expect(cam.text()).toContain('Camera');
    expect(cam.get('[data-testid="device-link"]').attributes('href')).toBe('#/devices/cam');
    expect(cam.get('[data-testid="new-badge"]').text()).toBe('New');
    expect(cam.findAll('[data-testid="port"]').map((p) => p.text())).toEqual(['23/telnet', '554/rtsp']);
    expect(cam.get('[data-testid="device-problems"]').text()).toContain('1 open');
    expect(rows()[1]!.get('[data-testid="device-problems"]').text()).toContain('1 open'); // accepted does not count

    await wrapper.get('[data-testid="device-search"]').setValue('synology');
    expect(rows().map((r) => r.attributes('data-ip'))).toEqual(['10.77.0.20']);
    expect(wrapper.get('[data-testid="devices-shown"]').text()).toBe('Showing 1 of 2 devices');
    await wrapper.get('[data-testid="device-search"]').setValue('');
    await wrapper.get('[data-testid="device-recognition-filter"]').setValue('new');
    expect(rows().map((r) => r.attributes('data-ip'))).toEqual(['10.77.0.11']);
  });
});

describe('Findings', () => {
  it('groups open problems by severity, with a status filter that includes accepted ones', async () => {
    const { wrapper } = await app();
    await goTo('#/findings');
    expect(wrapper.findAll('section.severity-group').map((g) => g.attributes('data-testid'))).toEqual(['group-critical', 'group-high']);
    expect(wrapper.get('[data-testid="group-critical"] h3').text()).toContain('Critical');
    expect(wrapper.get('[data-testid="status-open"]').attributes('aria-current')).toBe('true');
    expect(wrapper.get('[data-testid="status-accepted"]').text()).toBe('Risk accepted (1)');
    expect(wrapper.get('[data-key="k-ftp"] .finding-where a').attributes('href')).toBe('#/devices/nas');

    await goTo(wrapper.get('[data-testid="status-accepted"]').attributes('href')!);
    expect(wrapper.findAll('[data-testid="finding-card"]').map((c) => c.attributes('data-key'))).toEqual(['k-old']);
  });

  it('opens a finding to its fix steps; accepting the risk sends reason, date and who accepts', async () => {
    const answer = { ...telnet, status: 'accepted' as const, history: [{ status: 'accepted' as const, at: '2026-11-24T02:00:00.000Z', by: 'owner', reason: 'new camera ordered', until: '2099-01-31T23:59:59.999Z', person: 'Aiko Sato' }] };
    const { wrapper, fake } = await app(async () => ({ finding: answer }));
    await goTo('#/findings');
    const card = () => wrapper.get('[data-key="k-telnet"]');
    const toggle = card().get('[data-testid="finding-toggle"]');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(card().findAll('ol.fix li').map((li) => li.text())).toEqual(['Change the password', 'Turn off telnet']);

    await card().get('[data-testid="accept"]').trigger('click');
    await card().get('[data-testid="reason"]').setValue('new camera ordered');
    await card().get('[data-testid="until"]').setValue('2099-01-31');
    await card().get('[data-testid="person"]').setValue('  Aiko Sato ');
    await card().get('[data-testid="action-form"]').trigger('submit');
    await flush();
    expect(fake.client.findingAction).toHaveBeenCalledWith('k-telnet', {
      action: 'accept', body: { reason: 'new camera ordered', until: '2099-01-31', person: 'Aiko Sato' },
    });
    // Accepted now: it leaves the open list.
    expect(wrapper.find('[data-key="k-telnet"]').exists()).toBe(false);
    await goTo('#/findings?status=accepted');
    await wrapper.get('[data-key="k-telnet"] [data-testid="finding-toggle"]').trigger('click');
    expect(wrapper.get('[data-key="k-telnet"] [data-testid="history-person"]').text()).toContain('accepted by Aiko Sato');
  });

  it('refuses a "who accepts" with control characters before sending', async () => {
    const { wrapper, fake } = await app(async () => ({ finding: telnet }));
    await goTo('#/findings?device=cam');
    // One finding on screen: it opens by itself.
    await wrapper.get('[data-testid="accept"]').trigger('click');
    await wrapper.get('[data-testid="reason"]').setValue('r');
    await wrapper.get('[data-testid="until"]').setValue('2099-01-31');
    await wrapper.get('[data-testid="person"]').setValue('Aiko\u0007');
    expect(wrapper.get('[data-testid="submit"]').attributes('disabled')).toBeDefined();
    expect(fake.client.findingAction).not.toHaveBeenCalled();
  });
});
