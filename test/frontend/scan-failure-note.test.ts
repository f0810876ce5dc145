// A scan whose isolated worker died (issue 21): the overview's "last scan" says it stopped early,
// names the device whose answer it was reading, says what was kept — in English and Japanese.
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanSummary } from '../../frontend/src/api/contract';
import SummaryCounts from '../../frontend/src/components/SummaryCounts.vue';
import { setLocale } from '../../frontend/src/i18n';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const failed: ScanSummary = {
  id: 's1', status: 'failed', startedAt: '2026-12-07T10:00:00.000Z', finishedAt: '2026-12-07T10:00:09.000Z',
  targets: ['10.0.0.0/24'], loginChecks: false, stats: { addressesProbed: 254, devicesFound: 7, durationMs: 9000 }, trigger: 'manual',
  error: 'The scan ran out of memory (its limit is 256 MB) while reading an answer from 10.0.0.23 (mDNS, udp/5353), during discovery (mDNS / DNS-SD). What it found until then is kept.',
  failureReason: {
    kind: 'out-of-memory', stage: 'discovery', doing: 'mDNS / DNS-SD', ip: '10.0.0.23', transport: 'udp', remotePort: 5353,
    whileReading: true, protocol: 'mDNS', detail: null, message: 'The scan ran out of memory …',
  },
};
const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

function mountSummary(lastScan: ScanSummary) {
  return mount(SummaryCounts, { props: { deviceCount: 7, openCounts: counts, lastScan, nextScan: null } });
}

describe('the last scan stopped early', () => {
  it('says why and names the device, in English', () => {
    const note = mountSummary(failed).get('[data-testid="scan-failure"]');
    expect(note.text()).toContain('This scan stopped early.');
    expect(note.text()).toContain('The scan used up the memory one scan may use.');
    expect(note.get('[data-testid="scan-failure-device"]').text()).toBe('It was reading an answer from 10.0.0.23 (mDNS, udp/5353).');
    expect(note.text()).toContain('Stage: Finding devices (mDNS / DNS-SD)');
    expect(note.text()).toContain('What it found until then is kept.');
    expect(note.find('details').exists()).toBe(false); // no error text for a memory death
  });

  it('in Japanese, with the technical error behind a details toggle for a crash', () => {
    setLocale('ja');
    const crashed: ScanSummary = {
      ...failed,
      failureReason: { ...failed.failureReason!, kind: 'crashed', whileReading: false, detail: "TypeError: Cannot read properties of undefined (reading 'authProtocol')" },
    };
    const note = mountSummary(crashed).get('[data-testid="scan-failure"]');
    expect(note.text()).toContain('このスキャンは途中で止まりました。');
    expect(note.text()).toContain('スキャンが予期しないエラーで止まりました。');
    expect(note.get('[data-testid="scan-failure-device"]').text()).toBe('最後に読んだ応答は 10.0.0.23（mDNS, udp/5353）からのものでした。');
    expect(note.get('details').text()).toContain("TypeError: Cannot read properties of undefined (reading 'authProtocol')");
  });

  it('shows nothing more for a completed scan', () => {
    const ok: ScanSummary = { ...failed, status: 'completed', error: null };
    delete ok.failureReason;
    expect(mountSummary(ok).find('[data-testid="scan-failure"]').exists()).toBe(false);
  });
});
