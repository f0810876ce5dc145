// Per-device scan states (found → probing → checking → done): the store keeps them for the running
// scan only, and the progress card counts devices in each state, in English and Japanese.
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../frontend/src/api/client';
import ScanProgress from '../../frontend/src/components/ScanProgress.vue';
import { setLocale } from '../../frontend/src/i18n';
import { applyEvent, deviceStateCounts } from '../../frontend/src/stores/snapshot';
import { scan, snapshot } from './fixtures';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const apply = (events: LiveEvent[], start = snapshot()) => events.reduce(applyEvent, start);
const state = (deviceId: string, s: 'found' | 'probing' | 'checking' | 'done', scanId = 'scan-1'): LiveEvent =>
  ({ type: 'device:state', payload: { scanId, deviceId, ip: '10.77.0.1', state: s } });

describe('device states in the store', () => {
  it('follows each device of the running scan, the latest state winning', () => {
    const s = apply([
      { type: 'scan:started', payload: scan() },
      state('a', 'found'), state('b', 'found'), state('a', 'probing'), state('a', 'checking'), state('b', 'probing'), state('a', 'done'),
    ]);
    expect(s.deviceStates).toEqual({ a: 'done', b: 'probing' });
    expect(deviceStateCounts(s.deviceStates)).toEqual({ found: 0, probing: 1, checking: 0, done: 1 });
  });

  it('drops states of a scan it does not see running, and forgets them when the scan ends', () => {
    const running = apply([{ type: 'scan:started', payload: scan() }, state('a', 'probing'), state('x', 'found', 'other-scan')]);
    expect(running.deviceStates).toEqual({ a: 'probing' });
    const ended = applyEvent(running, { type: 'scan:finished', payload: scan({ status: 'completed', finishedAt: '2026-11-24T01:01:00.000Z' }) });
    expect(ended.deviceStates).toBeUndefined();
    expect(applyEvent(ended, state('a', 'done')).deviceStates).toBeUndefined();
  });

  it('starts a new scan with no states left from the last one', () => {
    const s = apply([{ type: 'scan:started', payload: scan() }, state('a', 'done'), { type: 'scan:started', payload: scan({ id: 'scan-2' }) }]);
    expect(s.deviceStates).toEqual({});
  });
});

describe('the progress card', () => {
  const progress = { scanId: 'scan-1', stage: 'probing' as const, percent: 40, current: null };

  it('counts devices per state, in the order a device moves through them', () => {
    const wrapper = mount(ScanProgress, { props: { progress, states: { a: 'done', b: 'probing', c: 'probing', d: 'found' } } });
    const items = wrapper.findAll('[data-testid="device-states"] li').map((li) => li.text());
    expect(items).toEqual(['Found: 1', 'Looking at its services: 2', 'Checked: 1']);
  });

  it('says it in Japanese too', () => {
    setLocale('ja');
    const wrapper = mount(ScanProgress, { props: { progress, states: { a: 'checking', b: 'checking' } } });
    expect(wrapper.find('[data-testid="device-states"]').text()).toBe('診断中：2台');
  });

  it('shows no device line before any device is found', () => {
    const wrapper = mount(ScanProgress, { props: { progress } });
    expect(wrapper.find('[data-testid="device-states"]').exists()).toBe(false);
  });
});
