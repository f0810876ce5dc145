// Alerts about the box itself (issue #17): a failed scan, a scheduled scan refused or overdue, and
// the heartbeat after every completed scan. The watch alone with a moved clock, then on a real
// appliance whose scan events reach a real webhook and a real heartbeat receiver on 127.0.0.1.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BoxWatch } from '../../../backend/src/alerts/box-watch.js';
import type { BoxEvent } from '../../../backend/src/alerts/box-message.js';
import type { ScanSummary } from '../../../backend/src/api/contract.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';
import { httpReceiver } from './receivers.js';

const MIN = 60_000;
const T0 = Date.parse('2026-12-07T10:00:00Z');

function watch(over: { next?: () => Date | null; last?: () => Date | null; enabled?: boolean; heartbeat?: string | null } = {}) {
  let now = T0;
  const events: BoxEvent[] = [];
  const box = new BoxWatch({
    nextScheduledScan: over.next ?? (() => new Date(T0 + 60 * MIN)),
    lastScanAt: over.last ?? (() => new Date(T0 - 300 * MIN)),
    scanRunning: () => false,
    enabled: () => over.enabled ?? true,
    heartbeatUrl: () => over.heartbeat ?? null,
    notify: (event) => events.push(event),
    log: createLogger({ level: 'silent' }),
    now: () => new Date(now),
    graceMs: 30 * MIN,
  });
  return { box, events, at: (ms: number) => { now = ms; } };
}

describe('BoxWatch', () => {
  it('a scheduled scan that has not started 30 minutes after it was due is reported once', () => {
    const { box, events, at } = watch();
    box.check();
    at(T0 + 60 * MIN + 29 * MIN);
    box.check();
    expect(events).toEqual([]);
    at(T0 + 60 * MIN + 31 * MIN);
    box.check();
    box.check();
    expect(events).toEqual([{ kind: 'scan-overdue', lastScanAt: new Date(T0 - 300 * MIN).toISOString(), dueSince: new Date(T0 + 60 * MIN).toISOString() }]);
  });

  it('a scheduler that skipped a due start (its next run moved later) is still overdue; a scan that started is not', () => {
    let next = new Date(T0 + 10 * MIN);
    let last = new Date(T0 - 300 * MIN);
    const { box, events, at } = watch({ next: () => next, last: () => last });
    box.check();
    next = new Date(T0 + 70 * MIN); // the scheduler ticked, the start was refused, it moved on
    at(T0 + 45 * MIN);
    box.check();
    expect(events.map((e) => e.kind)).toEqual(['scan-overdue']);

    const second = watch({ next: () => next, last: () => last });
    second.box.check();
    last = new Date(T0 + 5 * MIN); // a manual scan before the scheduled one: waited for afresh
    next = new Date(T0 + 65 * MIN);
    second.at(T0 + 50 * MIN);
    second.box.check();
    second.at(T0 + 80 * MIN);
    second.box.check();
    expect(second.events).toEqual([]);
  });

  it('no schedule, nothing is overdue; a failed scan and a refused start are reported when the owner wants it', () => {
    const idle = watch({ next: () => null });
    idle.box.check();
    idle.at(T0 + 1000 * MIN);
    idle.box.check();
    expect(idle.events).toEqual([]);
    const { box, events } = watch();
    box.scanFinished({ id: 'abcdef0123', status: 'failed', error: 'the scan worker died' });
    box.scheduledScanRefused('no network to scan');
    box.scanFinished({ id: 'abcdef0124', status: 'completed', error: null });
    expect(events).toEqual([
      { kind: 'scan-failed', scanId: 'abcdef0123', reason: 'the scan worker died' },
      { kind: 'scan-failed', scanId: null, reason: 'no network to scan' },
    ]);
    const off = watch({ enabled: false });
    off.box.scanFinished({ id: 'x', status: 'failed', error: 'e' });
    expect(off.events).toEqual([]);
  });
});

describe('on the appliance', () => {
  let test: TestAppliance | null = null;
  afterEach(async () => { if (test) { await test.stop(); await removeDir(test.dataDir); test = null; } });

  const summary = (id: string, status: ScanSummary['status'], error: string | null): ScanSummary => ({
    id, status, startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), targets: ['10.250.250.0/24'],
    loginChecks: false, stats: null, error,
  });

  it('a failed scan goes out as an alert; a completed one pings the heartbeat (write-only address)', async () => {
    const [hook, heartbeat] = [await httpReceiver(), await httpReceiver()];
    try {
      test = await startTestAppliance({ logLevel: 'silent' });
      const session = await setUpOwner(test);
      const saved = await test.request({
        method: 'PUT', path: '/api/settings', session,
        body: { notifications: { language: 'ja', webhook: { enabled: true, url: `${hook.url}/hook` }, heartbeat: { enabled: true, url: `${heartbeat.url}/ping/3f2a9c01` } } },
      });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({ secretsSet: ['notifications.heartbeat.url'] });
      expect(JSON.stringify(saved.json)).not.toContain('3f2a9c01');

      test.appliance.scans.events.emit('scan:finished', summary('scan-failed-1', 'failed', 'the scan worker died'));
      await vi.waitFor(() => expect(hook.received).toHaveLength(1), { timeout: 10_000 });
      expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ kind: 'box', event: 'scan-failed', title: 'Mamori：スキャンが失敗しました' });
      expect(heartbeat.received).toEqual([]);

      test.appliance.scans.events.emit('scan:finished', summary('scan-ok-1', 'completed', null));
      await vi.waitFor(() => expect(heartbeat.received).toHaveLength(1), { timeout: 10_000 });
      expect(heartbeat.received[0]).toMatchObject({ method: 'GET', path: '/ping/3f2a9c01' });
    } finally {
      await hook.close();
      await heartbeat.close();
    }
  });
});
