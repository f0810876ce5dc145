// The event bus isolates a throwing listener (issue 15/21): one bad subscriber (a broken socket, a
// full disk) is reported and does not unwind the emitter — the other listeners still hear the
// event, and a scan whose store or dashboard listener throws still runs to its end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScanSummary } from '../../../backend/src/core/records.js';
import { EventBus } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { defineDiscoverer } from '../../../backend/src/core/plugins.js';
import { ScanService } from '../../../backend/src/pipeline/scan-service.js';
import { Store } from '../../../backend/src/storage/store.js';
import { testTuning } from '../../helpers/context.js';

afterEach(() => { vi.restoreAllMocks(); });

describe('EventBus', () => {
  it('a throwing listener is reported; emit returns and every other listener still runs', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bus = new EventBus<{ ping: number }>();
    const heard: string[] = [];
    bus.on('ping', (n) => heard.push(`first ${n}`));
    bus.on('ping', () => { throw new Error('disk full'); });
    bus.on('ping', (n) => heard.push(`third ${n}`));
    expect(() => bus.emit('ping', 1)).not.toThrow();
    bus.emit('ping', 2);
    expect(heard).toEqual(['first 1', 'third 1', 'first 2', 'third 2']);
    const reported = stderr.mock.calls.map((c) => String(c[0])).filter((line) => line.includes('ping'));
    expect(reported).toHaveLength(2);
    expect(reported[0]).toContain('disk full');
  });

  it('unsubscribing a listener still removes it', () => {
    const bus = new EventBus<{ ping: number }>();
    const heard: number[] = [];
    const off = bus.on('ping', (n) => heard.push(n));
    bus.emit('ping', 1);
    off();
    bus.emit('ping', 2);
    expect(heard).toEqual([1]);
  });
});

describe('a scan with a throwing subscriber', () => {
  let dir: string | undefined;
  afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it('still runs to its end, stores what it found and announces the end to the other listeners', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    dir = await mkdtemp(join(tmpdir(), 'mamori-bus-'));
    const store = await Store.open(dir);
    const loopback = defineDiscoverer({
      id: 'test-loopback', description: 'reports 127.0.0.1',
      run: (_ctx, report) => { report({ source: 'test-loopback', ip: '127.0.0.1', mac: '02:00:00:00:15:01' }); return Promise.resolve(); },
    });
    const scans = new ScanService({
      engine: { plugins: { discoverers: [loopback], identifiers: [], probes: [], checks: [] } },
      store, log: createLogger({ level: 'silent' }), tuning: testTuning(),
      plan: () => ({ ok: true, targets: ['127.0.0.1/32'], interfaceName: 'lo', interfaceAddress: '127.0.0.1' }),
      loginChecks: () => false,
    });
    // A dashboard socket that broke, and an alert channel that throws.
    scans.events.on('device:found', () => { throw new Error('socket closed'); });
    scans.changes.on('device:new', () => { throw new Error('alert channel broken'); });
    const finished = new Promise<ScanSummary>((resolve) => { scans.events.on('scan:finished', resolve); });
    expect(scans.start().ok).toBe(true);
    expect(await finished).toMatchObject({ status: 'completed' });
    expect(store.devices().map((d) => d.mac)).toEqual(['02:00:00:00:15:01']);
    await store.flush();
  });
});
