// ScanService: one scan at a time, a bounded queue behind it, cancel (of the running scan, of one
// queued scan, of everything), partial results kept, change events for alerts. The discoverer
// here reports loopback addresses and then waits for a gate or the abort signal: no packet leaves.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanSummary } from '../../../backend/src/api/contract.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { defineDiscoverer } from '../../../backend/src/core/plugins.js';
import { MAX_QUEUED, ScanService } from '../../../backend/src/pipeline/scan-service.js';
import { Store } from '../../../backend/src/storage/store.js';
import { testTuning } from '../../helpers/context.js';

let dir: string;
let store: Store;
let gates: Array<() => void> = [];
let runs = 0;

/** Each run reports 127.0.0.<run> with its own MAC, then holds until released or aborted. */
const holdingDiscoverer = defineDiscoverer({
  id: 'test-holding',
  description: 'reports one loopback host per run, then waits',
  run: async (ctx, report) => {
    runs += 1;
    report({ source: 'test-holding', ip: `127.0.0.${runs}`, mac: `02:00:00:00:00:${String(runs).padStart(2, '0')}` });
    await new Promise<void>((resolve) => {
      gates.push(resolve);
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  },
});

function service(): ScanService {
  return new ScanService({
    engine: { plugins: { discoverers: [holdingDiscoverer], identifiers: [], probes: [], checks: [] } },
    store, log: createLogger({ level: 'silent' }), tuning: testTuning(),
    plan: (targets) => ({ ok: true, targets: targets ?? ['127.0.0.0/30'], interfaceName: 'lo', interfaceAddress: '127.0.0.1' }),
    loginChecks: () => false,
  });
}

function finished(scans: ScanService): Promise<ScanSummary> {
  return new Promise((resolve) => { const off = scans.events.on('scan:finished', (s) => { off(); resolve(s); }); });
}
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mamori-queue-'));
  store = await Store.open(dir);
  gates = [];
  runs = 0;
});
afterEach(async () => {
  await store.flush();
  await rm(dir, { recursive: true, force: true });
});

describe('ScanService queue', () => {
  it('queues a second start, runs it after the first, and bounds the queue', async () => {
    const scans = service();
    const started: string[] = [];
    const done: string[] = [];
    scans.events.on('scan:started', (s) => started.push(s.id));
    scans.events.on('scan:finished', (s) => done.push(`${s.id}:${s.status}`));
    const first = scans.start();
    expect(first).toMatchObject({ ok: true, queued: false });
    const queued = [scans.start(), scans.start(), scans.start()];
    for (const q of queued) expect(q).toMatchObject({ ok: true, queued: true });
    expect(scans.queued).toHaveLength(MAX_QUEUED);
    expect(scans.start()).toEqual({ ok: false, error: expect.stringMatching(/3 are waiting/) });
    expect(started).toHaveLength(1);

    await until(() => gates.length === 1);
    gates.shift()!();
    await until(() => started.length === 2);
    expect(started[1]).toBe((queued[0] as { scanId: string }).scanId);
    expect(scans.queued).toHaveLength(2);
    // Cancelling one queued scan by id leaves the others.
    expect(scans.cancel((queued[1] as { scanId: string }).scanId)).toBe(true);
    expect(scans.queued.map((q) => q.id)).toEqual([(queued[2] as { scanId: string }).scanId]);
    await until(() => gates.length === 1);
    gates.shift()!();
    await until(() => gates.length === 1);
    gates.shift()!();
    await scans.whenIdle();
    expect(done.map((d) => d.split(':')[1])).toEqual(['completed', 'completed', 'completed']);
    expect(started).toEqual([(first as { scanId: string }).scanId, (queued[0] as { scanId: string }).scanId, (queued[2] as { scanId: string }).scanId]);
  });

  it('a scheduled scan is queued once at most', () => {
    const scans = service();
    scans.start();
    expect(scans.start(undefined, 'schedule')).toMatchObject({ ok: true, queued: true });
    expect(scans.start(undefined, 'schedule')).toEqual({ ok: false, error: 'a scheduled scan is already waiting' });
    scans.cancel();
    return scans.whenIdle();
  });

  it('cancel stops the running scan at once, keeps what it found, and empties the queue', async () => {
    const scans = service();
    const newDevices: string[] = [];
    scans.changes.on('device:new', ({ device }) => newDevices.push(device.id));
    const first = scans.start();
    scans.start();
    await until(() => gates.length === 1 && store.devices().length === 1);
    const end = finished(scans);
    const at = Date.now();
    expect(scans.cancel()).toBe(true);
    const summary = await end;
    expect(Date.now() - at).toBeLessThan(1000);
    expect(summary).toMatchObject({ id: (first as { scanId: string }).scanId, status: 'cancelled' });
    await scans.whenIdle();
    expect(scans.queued).toEqual([]);
    expect(runs).toBe(1); // the queued scan never ran
    expect(store.devices().map((d) => d.id)).toEqual(['mac-020000000001']);
    expect(newDevices).toEqual(['mac-020000000001']);
    const reopened = await Store.open(dir); // on disk too, not only in memory
    expect(reopened.devices().map((d) => d.ip)).toEqual(['127.0.0.1']);
    expect(reopened.scans()[0]).toMatchObject({ status: 'cancelled' });
  });
});
