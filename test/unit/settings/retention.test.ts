// Retention of old scans (settings.retention → Store.pruneScans after every scan): at most N scans,
// none older than D days, the running scan always kept; and on disk after a reopen.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanSummary } from '../../../backend/src/api/contract.js';
import { Store } from '../../../backend/src/storage/store.js';

let dir: string;
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const scan = (id: string, day: number, status: ScanSummary['status'] = 'completed'): ScanSummary => ({
  id, status, startedAt: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`,
  finishedAt: status === 'running' ? null : `2026-11-${String(day).padStart(2, '0')}T00:05:00.000Z`,
  targets: [], loginChecks: false, stats: null, error: null,
});

describe('Store.pruneScans', () => {
  it('keeps the newest N within the age limit, and a running scan', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mamori-retention-'));
    const store = await Store.open(dir);
    for (let day = 1; day <= 10; day++) store.recordScan(scan(`s${day}`, day)); // newest first
    store.recordScan(scan('running', 24, 'running'));
    expect(store.pruneScans(4, new Date('2026-11-05T00:00:00Z'))).toBe(7);
    expect(store.scans().map((s) => s.id)).toEqual(['running', 's10', 's9', 's8']);
    expect(store.pruneScans(10, new Date('2026-11-09T12:00:00Z'))).toBe(2);
    expect(store.scans().map((s) => s.id)).toEqual(['running', 's10']);
    await store.flush();
    expect((await Store.open(dir)).scans().map((s) => s.id)).toEqual(['running', 's10']);
  });
});
