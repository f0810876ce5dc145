import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import DeviceCorrection from '../../frontend/src/components/DeviceCorrection.vue';
import DeviceDetailView from '../../frontend/src/components/devices/DeviceDetailView.vue';
import { ApiError, createApiClient } from '../../frontend/src/api/client';
import type { DeviceCorrectionRequest, StoredDevice } from '../../frontend/src/api/contract';
import { setLocale } from '../../frontend/src/i18n';
import { device, fakeClient, scan, snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const guessed = device({
  type: 'camera',
  typeConfidence: 0.82,
  evidence: [
    { source: 'mdns', detail: 'advertises _rtsp._tcp', detailJa: '_rtsp._tcp を告知' },
    { source: 'oui', detail: 'MAC prefix of Acme Cameras' },
  ],
});

/** What the appliance answers to a PATCH: the correction applied over the guess (as storage/store.ts does). */
function corrected(base: StoredDevice, request: DeviceCorrectionRequest): StoredDevice {
  const guessedType = base.correction?.guessedType ?? base.type;
  const name = request.name === undefined ? base.correction?.name ?? null : request.name;
  const type = request.type === undefined ? base.correction?.type ?? null : request.type;
  const known = request.known ?? base.correction?.known;
  return {
    ...base, type: type ?? guessedType,
    correction: { name, type, guessedType, at: '2026-11-24T02:00:00.000Z', ...(known === undefined ? {} : { known }) },
  };
}

/** The device's own page, fed from the store's snapshot (the correction lives there). */
const Devices = defineComponent((props: { id: string }) => () => h(DeviceDetailView, { id: props.id }), { props: { id: { type: String, required: true } } });

async function render(start: StoredDevice = guessed, answer = (id: string, r: DeviceCorrectionRequest) => {
  void id;
  return Promise.resolve(corrected(start, r));
}) {
  const correctDevice = vi.fn(answer);
  const fake = fakeClient({ correctDevice });
  const mounted = await mountWithStore(Devices, { fake, props: { id: start.id } });
  fake.live.handlers!.event({ type: 'snapshot', payload: snapshot({ devices: [start] }) });
  await flush();
  return { ...mounted, correctDevice, row: () => mounted.wrapper.get('[data-testid="device-detail"]') };
}

async function openEditor(wrapper: Awaited<ReturnType<typeof render>>['wrapper']) {
  await wrapper.get('[data-testid="correction-edit"]').trigger('click');
  await flush();
}

describe('DeviceCorrection: where the type came from', () => {
  it('shows a guessed type with its confidence and reasons, localised', async () => {
    const { row } = await render();
    expect(row().get('[data-testid="type-origin"]').text()).toContain('type guessed by Mamori');
    expect(row().get('[data-testid="type-confidence"]').text()).toBe('82% sure');
    expect(row().text()).toContain('advertises _rtsp._tcp');
    setLocale('ja');
    await flush();
    expect(row().get('[data-testid="type-confidence"]').text()).toBe('確からしさ 82%');
    expect(row().text()).toContain('_rtsp._tcp を告知');
    // No Japanese text for this reason: the English one is shown rather than nothing.
    expect(row().text()).toContain('MAC prefix of Acme Cameras');
  });

  it('marks a type the owner set, with the guess beside it', async () => {
    const { row } = await render(corrected(guessed, { name: 'Garden camera', type: 'printer' }));
    expect(row().get('[data-testid="device-name"]').text()).toBe('Garden camera');
    expect(row().get('[data-testid="type-set-by-you"]').text()).toBe('type set by you');
    expect(row().get('[data-testid="type-origin"]').text()).toContain('Mamori guessed: Camera');
    expect(row().find('[data-testid="type-confidence"]').exists()).toBe(false);
  });

  it('shows no editor when no store is there to save through', () => {
    const wrapper = mount(DeviceCorrection, { props: { device: guessed } });
    expect(wrapper.find('[data-testid="type-origin"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="correction-edit"]').exists()).toBe(false);
  });
});

describe('DeviceCorrection: editing', () => {
  it('opens with the name field focused and every type labelled', async () => {
    const { wrapper } = await render();
    await openEditor(wrapper);
    const input = wrapper.get('[data-testid="correction-name"]');
    expect(document.activeElement).toBe(input.element);
    expect(wrapper.get(`label[for="${input.attributes('id')}"]`).text()).toBe('Name');
    const options = wrapper.findAll('[data-testid="correction-type"] option').map((o) => o.text());
    expect(options[0]).toBe('Let Mamori decide (now: Camera)');
    expect(options).toContain('Printer');
    expect(options).toHaveLength(16);
  });

  it('refuses a name that is too long or has control characters, without calling the appliance', async () => {
    const { wrapper, correctDevice } = await render();
    await openEditor(wrapper);
    await wrapper.get('[data-testid="correction-name"]').setValue('x'.repeat(65));
    await wrapper.get('[data-testid="correction-form"]').trigger('submit');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('The name can be at most 64 characters long.');
    expect(wrapper.get('[data-testid="correction-name"]').attributes('aria-invalid')).toBe('true');

    await wrapper.get('[data-testid="correction-name"]').setValue('tab\there');
    await wrapper.get('[data-testid="correction-form"]').trigger('submit');
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('control characters');
    expect(correctDevice).not.toHaveBeenCalled();

    // Exactly the bound (counted in characters, not UTF-16 units) is accepted.
    await wrapper.get('[data-testid="correction-name"]').setValue('あ'.repeat(63) + '📷');
    await wrapper.get('[data-testid="correction-form"]').trigger('submit');
    await flush();
    expect(correctDevice).toHaveBeenCalledWith(guessed.id, { name: 'あ'.repeat(63) + '📷' });
  });

  it('saves name and type, then shows the saved name and "set by you"', async () => {
    const { wrapper, correctDevice, row, store } = await render();
    await openEditor(wrapper);
    await wrapper.get('[data-testid="correction-name"]').setValue('  Garden camera ');
    await wrapper.get('[data-testid="correction-type"]').setValue('printer');
    await wrapper.get('[data-testid="correction-form"]').trigger('submit');
    await flush();

    expect(correctDevice).toHaveBeenCalledTimes(1);
    expect(correctDevice).toHaveBeenCalledWith(guessed.id, { name: 'Garden camera', type: 'printer' });
    expect(store.snapshot.value.devices[0]?.correction?.name).toBe('Garden camera');
    expect(row().get('[data-testid="device-name"]').text()).toBe('Garden camera');
    expect(row().get('[data-testid="type-set-by-you"]').text()).toBe('type set by you');
    expect(row().get('.device-head .tag').text()).toBe('Printer');
    expect(row().get('[data-testid="correction-saved"]').text()).toContain('Saved');
    expect(row().find('[data-testid="correction-form"]').exists()).toBe(false);
    expect(document.activeElement).toBe(row().get('[data-testid="correction-edit"]').element);
  });

  it('sends only what changed; an emptied name and "let Mamori decide" clear the correction', async () => {
    const start = corrected(guessed, { name: 'Garden camera', type: 'printer' });
    const { wrapper, correctDevice, row } = await render(start);
    await openEditor(wrapper);
    expect((wrapper.get('[data-testid="correction-name"]').element as HTMLInputElement).value).toBe('Garden camera');
    await wrapper.get('[data-testid="correction-type"]').setValue('');
    await wrapper.get('[data-testid="correction-form"]').trigger('submit');
    await flush();
    expect(correctDevice).toHaveBeenLastCalledWith(start.id, { type: null });
    expect(row().find('[data-testid="type-set-by-you"]').exists()).toBe(false);

    await openEditor(wrapper);
    await wrapper.get('[data-testid="correction-name"]').setValue('   ');
    await wrapper.get('[data-testid="correction-form"]').trigger('submit');
    await flush();
    expect(correctDevice).toHaveBeenCalledTimes(2);
    expect(correctDevice).toHaveBeenLastCalledWith(start.id, { name: null });
    // Without the owner's name, the one display name: here "<Brand> <type>" (identify/display-name.ts).
    expect(row().get('[data-testid="device-name"]').text()).toMatch(/^Acme Cameras /);
  });

  it('cancels with Escape or the button, without saving; nothing changed means no request', async () => {
    const { wrapper, correctDevice } = await render();
    await openEditor(wrapper);
    await wrapper.get('[data-testid="correction-name"]').setValue('Not this');
    await wrapper.get('[data-testid="correction-form"]').trigger('keydown', { key: 'Escape' });
    await flush();
    expect(wrapper.find('[data-testid="correction-form"]').exists()).toBe(false);
    expect(document.activeElement).toBe(wrapper.get('[data-testid="correction-edit"]').element);

    await openEditor(wrapper);
    expect((wrapper.get('[data-testid="correction-name"]').element as HTMLInputElement).value).toBe('');
    await wrapper.get('[data-testid="correction-cancel"]').trigger('click');
    await openEditor(wrapper);
    await wrapper.get('[data-testid="correction-form"]').trigger('submit');
    await flush();
    expect(correctDevice).not.toHaveBeenCalled();
    expect(wrapper.find('[data-testid="correction-form"]').exists()).toBe(false);
  });

  it('keeps the editor open with a message when the appliance refuses', async () => {
    const { wrapper, row } = await render(guessed, () => Promise.reject(new ApiError(404, 'no such device')));
    await openEditor(wrapper);
    await wrapper.get('[data-testid="correction-name"]').setValue('Garden camera');
    await wrapper.get('[data-testid="correction-form"]').trigger('submit');
    await flush();
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Something went wrong. Please try again.');
    expect(wrapper.find('[data-testid="correction-form"]').exists()).toBe(true);
    expect(row().get('[data-testid="device-name"]').text()).toBe('Acme Cameras camera'); // not the refused name
  });
});

describe('Mark as known', () => {
  it('sends {known: true}, shows the mark and takes the "new" highlight away; Undo gives it back', async () => {
    const { wrapper, correctDevice, row, store } = await render();
    // First seen in the latest scan and not known: new.
    store.receive({ type: 'scan:started', payload: scan({ startedAt: guessed.firstSeen }) });
    await flush();
    expect(row().find('[data-testid="new-badge"]').exists()).toBe(true);
    await wrapper.get('[data-testid="mark-known"]').trigger('click');
    await flush();
    expect(correctDevice).toHaveBeenLastCalledWith(guessed.id, { known: true });
    expect(row().get('[data-testid="known-badge"]').text()).toContain('Known');
    expect(row().find('[data-testid="new-badge"]').exists()).toBe(false);
    expect(document.activeElement).toBe(row().get('[data-testid="unmark-known"]').element);

    await wrapper.get('[data-testid="unmark-known"]').trigger('click');
    await flush();
    expect(correctDevice).toHaveBeenLastCalledWith(guessed.id, { known: false });
    expect(row().find('[data-testid="new-badge"]').exists()).toBe(true);
    expect(row().find('[data-testid="known-badge"]').exists()).toBe(false);
  });

  it('says so when the appliance cannot be reached, and keeps the device as it was', async () => {
    const { wrapper, row } = await render(guessed, () => Promise.reject(new ApiError(0, 'offline')));
    await wrapper.get('[data-testid="mark-known"]').trigger('click');
    await flush();
    expect(row().get('.mark-known [role="alert"]').text()).toContain('Cannot reach the appliance');
    expect(row().find('[data-testid="known-badge"]').exists()).toBe(false);
  });
});

describe('client.correctDevice', () => {
  it('PATCHes JSON with the CSRF header and returns the stored device', async () => {
    const answer = corrected(guessed, { name: 'Garden camera' });
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const client = createApiClient({ fetch });
    await expect(client.correctDevice!('dev/1 ?', { name: 'Garden camera' })).resolves.toEqual(answer);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/devices/dev%2F1%20%3F');
    expect(init?.method).toBe('PATCH');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json', 'x-mamori': '1' });
    expect(JSON.parse(String(init?.body))).toEqual({ name: 'Garden camera' });
  });

  it('turns a refusal into ApiError', async () => {
    const client = createApiClient({
      fetch: async () => new Response(JSON.stringify({ error: 'no such device' }), { status: 404 }),
    });
    await expect(client.correctDevice!('gone', { type: 'tv' })).rejects.toMatchObject({ status: 404, message: 'no such device' });
  });
});
