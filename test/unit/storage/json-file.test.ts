// JsonStore: one lowdb instance per file, debounced writes, flush() now, and a failed write that
// does not block the ones after it.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { JsonStore } from '../../../backend/src/storage/json-file.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';

interface Counter { count: number; items: string[] }
const DEFAULTS: Counter = { count: 0, items: [] };

const dirs: string[] = [];
async function tempFile(): Promise<string> {
  const dir = await makeTempDir('mamori-json-');
  dirs.push(dir);
  return join(dir, 'data.json');
}
afterEach(() => { vi.restoreAllMocks(); });
afterAll(async () => { for (const dir of dirs) await removeDir(dir); });

async function onDisk(file: string): Promise<Counter | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Counter;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('JsonStore', () => {
  it('really writes the file (lowdb JSONFile, not the in-memory preset used under vitest)', async () => {
    expect(process.env['NODE_ENV']).toBe('test'); // the condition under which JSONFilePreset would not write
    const file = await tempFile();
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 50);
    await store.updateNow((d) => { d.count = 7; });
    expect(await onDisk(file)).toEqual({ count: 7, items: [] });
    const reopened = await JsonStore.open<Counter>(file, DEFAULTS, 50);
    expect(reopened.data).toEqual({ count: 7, items: [] });
  });

  it('fills in defaults for keys missing from an older file, without sharing the defaults object', async () => {
    const file = await tempFile();
    await writeFile(file, JSON.stringify({ count: 3 }));
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 50);
    expect(store.data).toEqual({ count: 3, items: [] });
    store.data.items.push('x');
    expect(DEFAULTS.items).toEqual([]);
  });

  it('debounces many updates into few writes, with the last data winning', async () => {
    const writes = vi.spyOn(Low.prototype, 'write');
    const file = await tempFile();
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 100);
    for (let i = 1; i <= 200; i++) store.update((d) => { d.count = i; d.items.push(`item ${i}`); });
    expect(writes).toHaveBeenCalledTimes(0);
    expect(await onDisk(file)).toBeNull();
    await expect.poll(() => onDisk(file), { timeout: 3000, interval: 20 }).toMatchObject({ count: 200 });
    await sleep(250);
    expect(writes).toHaveBeenCalledTimes(1);
    expect((await onDisk(file))!.items).toHaveLength(200);
  });

  it('updates spread over time are still batched (at most one write per delay)', async () => {
    const writes = vi.spyOn(Low.prototype, 'write');
    const file = await tempFile();
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 100);
    const began = Date.now();
    for (let i = 1; i <= 30; i++) {
      store.update((d) => { d.count = i; });
      await sleep(10);
    }
    const elapsed = Date.now() - began;
    await sleep(250);
    expect((await onDisk(file))!.count).toBe(30);
    expect(writes.mock.calls.length).toBeGreaterThanOrEqual(2); // not held back until the end either
    expect(writes.mock.calls.length).toBeLessThanOrEqual(Math.min(10, Math.ceil(elapsed / 100) + 1));
  });

  it('flush() writes at once and cancels the pending debounced write', async () => {
    const writes = vi.spyOn(Low.prototype, 'write');
    const file = await tempFile();
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 300);
    store.update((d) => { d.count = 1; });
    store.update((d) => { d.count = 2; });
    expect(await onDisk(file)).toBeNull();
    await store.flush();
    expect(await onDisk(file)).toEqual({ count: 2, items: [] });
    expect(writes).toHaveBeenCalledTimes(1);
    // The debounce timer was cleared: nothing more is written when it would have fired…
    await sleep(500);
    expect(writes).toHaveBeenCalledTimes(1);
    // …and a new update schedules a fresh one, flushed on demand.
    store.update((d) => { d.count = 3; });
    await store.flush();
    expect(writes).toHaveBeenCalledTimes(2);
    expect((await onDisk(file))!.count).toBe(3);
  });

  it('updateNow resolves only once the change is on disk', async () => {
    const file = await tempFile();
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 10_000);
    await store.updateNow((d) => { d.items.push('durable'); });
    expect((await onDisk(file))!.items).toEqual(['durable']);
  });

  it('a failed write does not block later writes (injected failure)', async () => {
    const file = await tempFile();
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 10_000);
    vi.spyOn(Low.prototype, 'write').mockRejectedValueOnce(new Error('disk full'));
    store.update((d) => { d.count = 1; });
    await expect(store.flush()).rejects.toThrow('disk full');
    expect(await onDisk(file)).toBeNull();
    store.update((d) => { d.count = 2; });
    await store.flush();
    expect(await onDisk(file)).toEqual({ count: 2, items: [] });
  });

  it('a failed write on disk does not block later writes (path occupied by a directory)', async () => {
    const file = await tempFile();
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 10_000);
    // A non-empty directory where the file should be: the atomic rename onto it fails.
    await mkdir(file);
    await writeFile(join(file, 'blocker'), 'x');
    store.update((d) => { d.count = 1; });
    await expect(store.flush()).rejects.toThrow();
    await rm(file, { recursive: true });
    store.update((d) => { d.count = 2; });
    await store.flush();
    expect((await stat(file)).isFile()).toBe(true);
    expect(await onDisk(file)).toEqual({ count: 2, items: [] });
  });

  it('a failed background write is reported to onError and the next one retries with the latest data', async () => {
    const file = await tempFile();
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 30);
    const errors: unknown[] = [];
    store.onError = (error) => errors.push(error);
    vi.spyOn(Low.prototype, 'write').mockRejectedValueOnce(new Error('disk full'));
    store.update((d) => { d.count = 1; });
    await expect.poll(() => errors.length, { timeout: 3000, interval: 10 }).toBe(1);
    expect(String(errors[0])).toContain('disk full');
    store.update((d) => { d.count = 2; });
    await expect.poll(() => onDisk(file), { timeout: 3000, interval: 20 }).toEqual({ count: 2, items: [] });
  });

  it('concurrent flushes are serialised and all settle with the latest data on disk', async () => {
    const file = await tempFile();
    const store = await JsonStore.open<Counter>(file, DEFAULTS, 10_000);
    const flushes: Promise<void>[] = [];
    for (let i = 1; i <= 20; i++) {
      store.update((d) => { d.count = i; });
      flushes.push(store.flush());
    }
    await Promise.all(flushes);
    expect(await onDisk(file)).toEqual({ count: 20, items: [] });
  });
});
