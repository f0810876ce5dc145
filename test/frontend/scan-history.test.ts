// The scan history: what changed in each finished scan, and what stayed open after it.
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import ScanHistory from '../../frontend/src/components/overview/ScanHistory.vue';
import { setLocale } from '../../frontend/src/i18n';
import { scanHistory } from '../../frontend/src/stores/scan-history';
import { device, finding, scan } from './fixtures';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const first = scan({ id: 's1', status: 'completed', startedAt: '2026-12-01T01:00:00.000Z', finishedAt: '2026-12-01T01:05:00.000Z' });
const second = scan({ id: 's2', status: 'completed', startedAt: '2026-12-02T01:00:00.000Z', finishedAt: '2026-12-02T01:05:00.000Z' });
const third = scan({ id: 's3', status: 'cancelled', startedAt: '2026-12-03T01:00:00.000Z', finishedAt: '2026-12-03T01:01:00.000Z' });
const running = scan({ id: 's4', status: 'running', startedAt: '2026-12-04T01:00:00.000Z', finishedAt: null });
const devices = [
  device({ id: 'cam', firstSeen: '2026-12-01T01:01:00.000Z' }),
  device({ id: 'nas', ip: '10.77.0.13', firstSeen: '2026-12-01T01:02:00.000Z' }),
  device({ id: 'tv', ip: '10.77.0.20', firstSeen: '2026-12-02T01:03:00.000Z' }),
];
const findings = [
  // Found in the first scan, gone in the second, back in the third.
  finding({ key: 'a', deviceId: 'cam', firstSeen: '2026-12-01T01:01:30.000Z', history: [
    { status: 'open', at: '2026-12-01T01:01:30.000Z', by: 'system' },
    { status: 'resolved', at: '2026-12-02T01:04:00.000Z', by: 'system' },
    { status: 'open', at: '2026-12-03T01:00:30.000Z', by: 'system' },
  ] }),
  // Found in the first scan, still open.
  finding({ key: 'b', deviceId: 'nas', firstSeen: '2026-12-01T01:02:30.000Z', history: [{ status: 'open', at: '2026-12-01T01:02:30.000Z', by: 'system' }] }),
  // New in the second scan; an older record without history.
  finding({ key: 'c', deviceId: 'tv', firstSeen: '2026-12-02T01:03:30.000Z' }),
];

describe('scanHistory', () => {
  it('counts what changed in each finished scan, newest first, and what stayed open', () => {
    const history = scanHistory([first, running, third, second], devices, findings);
    expect(history.map((h) => h.scan.id)).toEqual(['s3', 's2', 's1']);
    expect(history.map(({ newDevices, newProblems, fixed, reopened, openAfter }) => ({ newDevices, newProblems, fixed, reopened, openAfter }))).toEqual([
      { newDevices: 0, newProblems: 0, fixed: 0, reopened: 1, openAfter: 3 },
      { newDevices: 1, newProblems: 1, fixed: 1, reopened: 0, openAfter: 2 },
      { newDevices: 2, newProblems: 2, fixed: 0, reopened: 0, openAfter: 2 },
    ]);
  });
});

describe('ScanHistory', () => {
  it('lists each scan with its changes, in English and Japanese', async () => {
    const wrapper = mount(ScanHistory, { props: { scans: [first, second], devices, findings } });
    const items = wrapper.findAll('[data-testid="scan-history-entry"]');
    expect(items).toHaveLength(2);
    expect(items[0]!.text()).toContain('New devices: 1 · New problems: 1 · Fixed: 1 · Back again: 0');
    expect(items[0]!.text()).toContain('Open after this scan: 2');
    setLocale('ja');
    await wrapper.vm.$nextTick();
    expect(wrapper.findAll('[data-testid="scan-history-entry"]')[0]!.text()).toContain('新しい機器 1 台');
  });
  it('says when no scan has finished', () => {
    const wrapper = mount(ScanHistory, { props: { scans: [running], devices: [], findings: [] } });
    expect(wrapper.get('[data-testid="scan-history-none"]').text()).toBe('No finished scan yet.');
  });
});
