// Upgrading a data directory: a backup of everything first, then the migrations in order, then an
// atomic replace of state.json — and refusals that say what to do (newer data, broken file).
import { createServer, type Server } from 'node:net';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKUP_DIR, CURRENT_SCHEMA_VERSION, FIRST_SCHEMA_VERSION, MIGRATIONS, MigrationError, migrateDataDir, type Migration,
} from '../../../backend/src/storage/migrations.js';
import { Store } from '../../../backend/src/storage/store.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await makeTempDir('mamori-migrate-');
  dirs.push(dir);
  return dir;
}
afterAll(async () => { for (const dir of dirs) await removeDir(dir); });

/** Two steps of a plausible future: devices get a `notes` field, then scans are renamed `history`. */
const TWO_STEPS: Migration[] = [
  { to: 2, description: 'devices get notes', up: (state) => { for (const d of state['devices'] as Array<Record<string, unknown>>) d['notes'] = ''; } },
  { to: 3, description: 'scans become history', up: (state) => { state['history'] = state['scans']; delete state['scans']; } },
];

const V1_STATE = {
  schemaVersion: 1,
  devices: [{ id: 'mac-001132770013', ip: '10.77.0.13', mac: '00:11:32:77:00:13' }],
  findings: [],
  scans: [{ id: 's1', status: 'completed' }],
};

async function writeV1(dir: string): Promise<string> {
  const text = JSON.stringify(V1_STATE, null, 2);
  await writeFile(join(dir, 'state.json'), text);
  await writeFile(join(dir, 'auth.json'), '{"password":null,"sessions":[]}');
  await mkdir(join(dir, 'reports'));
  await writeFile(join(dir, 'reports', 'r1.json'), '{"r":1}');
  return text;
}

const at = (iso: string) => () => new Date(iso);

describe('migrateDataDir', () => {
  it('backs up the whole data directory, then migrates state.json in order', async () => {
    const dir = await tempDir();
    const original = await writeV1(dir);
    const outcome = await migrateDataDir(dir, { migrations: TWO_STEPS, now: at('2026-11-24T10:00:00.000Z') });

    expect(outcome).toMatchObject({ from: 1, to: 3, applied: ['2: devices get notes', '3: scans become history'] });
    expect(outcome.backup).toBe(join(dir, BACKUP_DIR, '2026-11-24T10-00-00.000Z'));
    expect(await readFile(join(outcome.backup!, 'state.json'), 'utf8')).toBe(original);
    expect(await readFile(join(outcome.backup!, 'auth.json'), 'utf8')).toBe('{"password":null,"sessions":[]}');
    expect(await readFile(join(outcome.backup!, 'reports', 'r1.json'), 'utf8')).toBe('{"r":1}');
    expect((await stat(join(dir, BACKUP_DIR))).mode & 0o777).toBe(0o700);

    const migrated = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as Record<string, unknown>;
    expect(migrated['schemaVersion']).toBe(3);
    expect(migrated['devices']).toEqual([{ ...V1_STATE.devices[0], notes: '' }]);
    expect(migrated['history']).toEqual(V1_STATE.scans);
    expect(migrated).not.toHaveProperty('scans');
    // No temporary file left next to it.
    expect((await readdir(dir)).sort()).toEqual(['auth.json', BACKUP_DIR, 'reports', 'state.json']);
  });

  it('runs only the steps after the stored version, and does nothing (no backup) when up to date', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'state.json'), JSON.stringify({ schemaVersion: 2, devices: [], scans: [] }));
    const seen: number[] = [];
    const spy = TWO_STEPS.map((m) => ({ ...m, up: (s: Record<string, unknown>, c: { dataDir: string }) => { seen.push(m.to); return m.up(s, c); } }));
    expect((await migrateDataDir(dir, { migrations: spy })).applied).toEqual(['3: scans become history']);
    expect(seen).toEqual([3]);
    const again = await migrateDataDir(dir, { migrations: spy });
    expect(again).toEqual({ from: 3, to: 3, backup: null, applied: [] });
    expect(seen).toEqual([3]);
    expect(await readdir(join(dir, BACKUP_DIR))).toHaveLength(1);
  });

  it('a fresh or empty data directory needs nothing', async () => {
    const dir = await tempDir();
    expect(await migrateDataDir(join(dir, 'not-yet-created'), { migrations: TWO_STEPS })).toEqual({ from: 3, to: 3, backup: null, applied: [] });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses data written by a newer version and says where the backup is', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'state.json'), JSON.stringify({ schemaVersion: 9 }));
    await expect(migrateDataDir(dir, { migrations: TWO_STEPS })).rejects.toThrow(/newer Mamori \(schema 9; this version knows up to 3\).*backups/);
  });

  it('a failing step leaves state.json as it was and says where the backup is', async () => {
    const dir = await tempDir();
    const original = await writeV1(dir);
    const failing: Migration[] = [TWO_STEPS[0]!, { to: 3, description: 'breaks', up: () => { throw new Error('boom'); } }];
    const error = await migrateDataDir(dir, { migrations: failing, now: at('2026-11-24T11:00:00.000Z') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/schema 3 \(breaks\) failed: boom; state\.json was not changed.*2026-11-24T11-00-00\.000Z/);
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe(original);
  });

  it('refuses a broken state.json with a way out, and an out-of-order list outright', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'state.json'), '{"schemaVersion": 1, "devi');
    await expect(migrateDataDir(dir)).rejects.toThrow(/not valid JSON.*restore it from/);
    await expect(migrateDataDir(dir, { migrations: [TWO_STEPS[1]!] })).rejects.toThrow(/out of order/);
  });

  it('skips sockets (the dashboard socket may live in the data dir) and keeps only the newest backups', async () => {
    const dir = await tempDir();
    await writeV1(dir);
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'ui.sock'), resolve));
    try {
      const steps = [TWO_STEPS[0]!];
      for (let i = 0; i < 4; i++) {
        await writeFile(join(dir, 'state.json'), JSON.stringify(V1_STATE));
        await migrateDataDir(dir, { migrations: steps, now: at(`2026-11-2${i}T00:00:00.000Z`), keep: 2 });
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const kept = await readdir(join(dir, BACKUP_DIR));
    expect(kept.sort()).toEqual(['2026-11-22T00-00-00.000Z', '2026-11-23T00-00-00.000Z']);
    expect(await readdir(join(dir, BACKUP_DIR, kept[0]!))).not.toContain('ui.sock');
  });
});

describe('the shipped list', () => {
  it('is a gapless sequence from the first schema, and the store writes the current one', async () => {
    MIGRATIONS.forEach((m, i) => expect(m.to).toBe(FIRST_SCHEMA_VERSION + i + 1));
    expect(CURRENT_SCHEMA_VERSION).toBe(FIRST_SCHEMA_VERSION + MIGRATIONS.length);
    const dir = await tempDir();
    const store = await Store.open(dir);
    store.recordScan({ id: 's', status: 'completed', startedAt: 'a', finishedAt: 'b', targets: [], loginChecks: false, stats: null, error: null });
    await store.flush();
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('Store.open runs the migration step: newer data is refused before lowdb touches it', async () => {
    const dir = await tempDir();
    const future = JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION + 1, devices: [], findings: [], scans: [] });
    await writeFile(join(dir, 'state.json'), future);
    await expect(Store.open(dir)).rejects.toThrow(/written by a newer Mamori/);
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe(future);
  });
});
