// "Forget this device" on the dashboard: the device:forgotten reducer case, and the device page's
// confirmation (what happens is said before anything happens; cancel does nothing; 409 explained).
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, readonly, shallowRef } from 'vue';
import { ApiError } from '../../frontend/src/api/client';
import type { DeviceForgottenPayload } from '../../frontend/src/api/contract';
import DeviceDetailView from '../../frontend/src/components/devices/DeviceDetailView.vue';
import FindingActions from '../../frontend/src/components/finding/FindingActions.vue';
import { setLocale } from '../../frontend/src/i18n';
import { APP_STORE, createAppStore } from '../../frontend/src/stores/app';
import { ROUTER, type Route, type Router } from '../../frontend/src/stores/route';
import { applyEvent } from '../../frontend/src/stores/snapshot';
import { device, fakeClient, finding, snapshot } from './fixtures';
import { flush } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const phone = device({ ip: '10.77.0.21', type: 'phone', correction: { name: 'Old phone', type: null, guessedType: 'phone', at: '2026-11-24T01:00:00.000Z' } });
const camera = device({ ip: '10.77.0.11' });
const phoneProblem = finding({ ip: '10.77.0.21' });
const cameraProblem = finding({ ip: '10.77.0.11' });
const FORGOTTEN: DeviceForgottenPayload = {
  deviceId: phone.id, ip: phone.ip, mac: phone.mac, at: '2026-11-25T09:00:00.000Z',
  findings: [{ ...phoneProblem, status: 'resolved', history: [{ status: 'resolved', at: '2026-11-25T09:00:00.000Z', by: 'owner', reason: 'device forgotten by the owner' }] }],
};

describe('applyEvent: device:forgotten', () => {
  it('drops the device, takes its resolved findings, leaves the others and the input alone', () => {
    const before = snapshot({ devices: [camera, phone], findings: [cameraProblem, phoneProblem], deviceStates: { [phone.id]: 'done', [camera.id]: 'done' } });
    const frozen = JSON.stringify(before);
    const after = applyEvent(before, { type: 'device:forgotten', payload: FORGOTTEN });
    expect(after.devices).toEqual([camera]);
    expect(after.findings).toEqual([cameraProblem, FORGOTTEN.findings[0]]);
    expect(after.deviceStates).toEqual({ [camera.id]: 'done' });
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('is harmless for a device this dashboard never had (another tab was ahead)', () => {
    const before = snapshot({ devices: [camera], findings: [cameraProblem] });
    const after = applyEvent(before, { type: 'device:forgotten', payload: { ...FORGOTTEN, findings: [] } });
    expect(after.devices).toEqual([camera]);
    expect(after.findings).toEqual([cameraProblem]);
  });
});

async function render(answer: (id: string) => Promise<DeviceForgottenPayload> = () => Promise.resolve(FORGOTTEN)) {
  const forgetDevice = vi.fn(answer);
  const fake = fakeClient({ forgetDevice });
  const store = createAppStore(fake.client);
  await store.refreshSession();
  const current = shallowRef<Route>({ name: 'devices' });
  const router: Router = { route: readonly(current), go: vi.fn((route: Route) => { current.value = route; }), stop: () => undefined };
  const Page = defineComponent(() => () => h(DeviceDetailView, { id: phone.id }));
  const wrapper = mount(Page, { global: { provide: { [APP_STORE as symbol]: store, [ROUTER as symbol]: router } }, attachTo: document.body });
  fake.live.handlers!.event({ type: 'snapshot', payload: snapshot({ devices: [camera, phone], findings: [cameraProblem, phoneProblem] }) });
  await flush();
  return { wrapper, store, router, forgetDevice };
}

describe('ForgetDevice on the device page', () => {
  it('says plainly what happens first; "Keep it" changes nothing', async () => {
    const { wrapper, forgetDevice } = await render();
    expect(wrapper.find('[data-testid="forget-confirm"]').exists()).toBe(false);
    await wrapper.get('[data-testid="forget-device"]').trigger('click');
    await flush();
    const confirm = wrapper.get('[data-testid="forget-confirm"]');
    expect(confirm.attributes('role')).toBe('alertdialog');
    expect(confirm.text()).toContain('Forget Old phone?');
    expect(confirm.text()).toContain('It disappears from the device list.');
    expect(confirm.text()).toContain('Its open problems are closed.');
    expect(confirm.text()).toContain('past scan results and the activity log still show it');
    expect(confirm.text()).toContain('it comes back as a new device at the next scan');
    // The safe choice has the focus.
    expect(document.activeElement?.getAttribute('data-testid')).toBe('forget-cancel');
    await wrapper.get('[data-testid="forget-cancel"]').trigger('click');
    await flush();
    expect(wrapper.find('[data-testid="forget-confirm"]').exists()).toBe(false);
    expect(forgetDevice).not.toHaveBeenCalled();
  });

  it('forgets on confirmation: the device leaves the store, its problem is closed, back to the list', async () => {
    const { wrapper, store, router, forgetDevice } = await render();
    await wrapper.get('[data-testid="forget-device"]').trigger('click');
    await flush();
    await wrapper.get('[data-testid="forget-yes"]').trigger('click');
    await flush();
    expect(forgetDevice).toHaveBeenCalledWith(phone.id);
    expect(store.snapshot.value.devices.map((d) => d.id)).toEqual([camera.id]);
    expect(store.snapshot.value.findings.find((f) => f.key === phoneProblem.key)?.status).toBe('resolved');
    expect(router.go).toHaveBeenCalledWith({ name: 'devices' });
  });

  it('explains a refusal while a scan runs (409), and keeps the device', async () => {
    const { wrapper, store } = await render(() => Promise.reject(new ApiError(409, 'a scan is running')));
    await wrapper.get('[data-testid="forget-device"]').trigger('click');
    await flush();
    await wrapper.get('[data-testid="forget-yes"]').trigger('click');
    await flush();
    expect(wrapper.get('[data-testid="forget-error"]').text()).toBe('A scan is running. Try again once it has finished.');
    expect(store.snapshot.value.devices.map((d) => d.id)).toContain(phone.id);
  });

  it('speaks Japanese as a household app would', async () => {
    setLocale('ja');
    const { wrapper } = await render();
    expect(wrapper.get('[data-testid="forget-device"]').text()).toBe('この機器を一覧から削除');
    await wrapper.get('[data-testid="forget-device"]').trigger('click');
    await flush();
    const confirm = wrapper.get('[data-testid="forget-confirm"]').text();
    expect(confirm).toContain('Old phone を一覧から削除しますか？');
    expect(confirm).toContain('次のスキャンで新しい機器としてまた表示されます');
    expect(confirm).toContain('消えずに残ります');
  });
});

describe('a finding closed because its device was forgotten', () => {
  it('says so in its status and its history, not "not seen in the last scan"', async () => {
    const closed = { ...FORGOTTEN.findings[0]!, history: [{ status: 'open' as const, at: '2026-11-24T01:00:00.000Z', by: 'system' }, ...FORGOTTEN.findings[0]!.history!] };
    const wrapper = mount(FindingActions, { props: { finding: closed } });
    expect(wrapper.get('[data-testid="finding-status"]').text()).toBe('Closed: device forgotten');
    expect(wrapper.findAll('[data-testid="history-step"]').map((s) => s.find('strong').text())).toEqual(['Closed: device forgotten', 'Open']);
    setLocale('ja');
    await flush();
    expect(wrapper.get('[data-testid="finding-status"]').text()).toBe('機器を一覧から削除したため解決済み');
    // A finding resolved by a scan keeps its own label.
    const unseen = mount(FindingActions, { props: { finding: { ...closed, history: [{ status: 'resolved' as const, at: '2026-11-25T09:00:00.000Z', by: 'system', reason: 'not seen by a full scan' }] } } });
    expect(unseen.get('[data-testid="finding-status"]').text()).toBe('前回のスキャンでは検出されず');
  });
});
