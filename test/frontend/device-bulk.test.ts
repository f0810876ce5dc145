// "Mark as known" for several devices at once on the Devices screen: tick rows (or select all
// shown), one PATCH {known: true} per selected device not yet known; the saved ones leave the
// selection, a failed one stays selected and is reported; en + ja.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import DevicesView from '../../frontend/src/components/devices/DevicesView.vue';
import { ApiError } from '../../frontend/src/api/client';
import type { DeviceCorrectionRequest, StoredDevice } from '../../frontend/src/api/contract';
import { setLocale } from '../../frontend/src/i18n';
import { device, fakeClient, snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const camera = device({ id: 'mac-camera', ip: '10.77.0.11', vendor: 'Acme Cameras', type: 'camera' });
const printer = device({ id: 'mac-printer', ip: '10.77.0.12', vendor: 'Brother', type: 'printer', mac: '00:80:77:01:02:03' });
const tv = device({ id: 'mac-tv', ip: '10.77.0.13', vendor: 'Sony', type: 'tv', mac: '00:1d:ba:01:02:03' });
const knownNas = device({
  id: 'mac-nas', ip: '10.77.0.14', vendor: 'Synology', type: 'nas', mac: '00:11:32:01:02:03',
  correction: { name: null, type: null, guessedType: 'nas', at: '2026-11-24T02:00:00.000Z', known: true },
});

/** The appliance's answer to PATCH {known}: the mark applied (as storage/store.ts does); `failing` ids answer 500. */
function answerer(failing: readonly string[] = []) {
  const all = [camera, printer, tv, knownNas];
  return vi.fn(async (id: string, request: DeviceCorrectionRequest): Promise<StoredDevice> => {
    if (failing.includes(id)) throw new ApiError(500, 'store unavailable');
    const base = all.find((d) => d.id === id)!;
    return { ...base, correction: { name: null, type: null, guessedType: base.type, at: '2026-11-24T03:00:00.000Z', known: request.known } };
  });
}

async function render(correctDevice = answerer()) {
  const fake = fakeClient({ correctDevice });
  const mounted = await mountWithStore(DevicesView, { fake });
  fake.live.handlers!.event({ type: 'snapshot', payload: snapshot({ devices: [camera, printer, tv, knownNas] }) });
  await flush();
  const { wrapper } = mounted;
  const box = (id: string) => wrapper.get(`[data-testid="device-row"][data-ip="${[camera, printer, tv, knownNas].find((d) => d.id === id)!.ip}"] [data-testid="device-select"]`);
  const markButton = () => wrapper.get('[data-testid="bulk-mark-known"]');
  return { ...mounted, correctDevice, box, markButton };
}

describe('Devices: mark several devices as known at once', () => {
  it('ticks two rows and marks only those, one request each; they are then shown as known', async () => {
    const { wrapper, correctDevice, box, markButton } = await render();
    expect(markButton().attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('0 selected');
    await box('mac-camera').setValue(true);
    await box('mac-tv').setValue(true);
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('2 selected');
    await markButton().trigger('click');
    await vi.waitFor(() => expect(wrapper.get('[data-testid="bulk-outcome"]').text()).toBe('Marked as known: 2.'));
    expect(correctDevice.mock.calls.map(([id, request]) => [id, request])).toEqual([
      ['mac-camera', { known: true }],
      ['mac-tv', { known: true }],
    ]);
    expect(wrapper.findAll('[data-testid="known-badge"]')).toHaveLength(3);
    expect((box('mac-camera').element as HTMLInputElement).checked).toBe(false);
    expect((box('mac-printer').element as HTMLInputElement).checked).toBe(false);
  });

  it('select all shown follows the filter, skips a device already known; select none clears', async () => {
    const { wrapper, correctDevice, box, markButton } = await render();
    await wrapper.get('[data-testid="device-type-filter"]').setValue('camera');
    await wrapper.get('[data-testid="bulk-select-all"]').trigger('click');
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('1 selected');
    await wrapper.get('[data-testid="device-type-filter"]').setValue('all');
    await wrapper.get('[data-testid="bulk-select-none"]').trigger('click');
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('0 selected');
    await wrapper.get('[data-testid="bulk-select-all"]').trigger('click');
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('4 selected');
    expect((box('mac-nas').element as HTMLInputElement).checked).toBe(true);
    await markButton().trigger('click');
    await vi.waitFor(() => expect(wrapper.get('[data-testid="bulk-outcome"]').text()).toBe('Marked as known: 3.'));
    expect(correctDevice.mock.calls.map(([id]) => id)).toEqual(['mac-camera', 'mac-printer', 'mac-tv']);
    // Every shown device is known now: nothing left to mark.
    expect(markButton().attributes('disabled')).toBeDefined();
  });

  it('a device that cannot be saved stays selected and the owner is told how many failed', async () => {
    const { wrapper, box, markButton } = await render(answerer(['mac-printer']));
    await box('mac-camera').setValue(true);
    await box('mac-printer').setValue(true);
    await markButton().trigger('click');
    await vi.waitFor(() => expect(wrapper.get('[data-testid="bulk-outcome"]').text()).toBe('Marked as known: 1. 1 could not be saved — please try again.'));
    expect(wrapper.get('[data-testid="bulk-outcome"]').attributes('role')).toBe('status');
    expect((box('mac-printer').element as HTMLInputElement).checked).toBe(true);
    expect((box('mac-camera').element as HTMLInputElement).checked).toBe(false);
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('1 selected');
  });

  it('speaks Japanese: row ticks named after the device, the buttons and the outcome', async () => {
    setLocale('ja');
    const { wrapper, box, markButton } = await render();
    expect(box('mac-camera').attributes('aria-label')).toMatch(/を選ぶ$/);
    expect(wrapper.get('[data-testid="bulk-select-all"]').text()).toBe('表示中の機器をすべて選ぶ');
    await box('mac-camera').setValue(true);
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('1 台を選択中');
    await markButton().trigger('click');
    await vi.waitFor(() => expect(wrapper.get('[data-testid="bulk-outcome"]').text()).toBe('1 台をうちの機器として登録しました。'));
  });
});
