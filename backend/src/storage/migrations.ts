// Upgrading the data directory: state.json carries a schemaVersion; when it is older than the
// code's, the whole data directory is copied to backups/<timestamp>/ first, then the migrations
// from that version on run in order, and state.json is replaced atomically.
//
// MIGRATIONS is append-only: never edit or reorder a released entry, add the next one. Schema 1
// is the first released layout, so the list starts empty.
import { randomBytes } from 'node:crypto';
import { copyFile, lstat, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export type JsonObject = Record<string, unknown>;

export interface Migration {
  /** The schema version this step produces (the previous one + 1). */
  to: number;
  description: string;
  up(state: JsonObject, context: { dataDir: string }): void | Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [];

export const FIRST_SCHEMA_VERSION = 1;
export const CURRENT_SCHEMA_VERSION = FIRST_SCHEMA_VERSION + MIGRATIONS.length;
export const STATE_FILE = 'state.json';
export const BACKUP_DIR = 'backups';
/** Backups kept; older ones are removed after a successful new one (one per upgrade, so rarely reached). */
export const BACKUPS_KEPT = 10;

export class MigrationError extends Error {}

export interface MigrationOutcome {
  from: number;
  to: number;
  /** The backup taken before migrating, or null when nothing had to change. */
  backup: string | null;
  applied: string[];
}

export interface MigrateOptions {
  migrations?: readonly Migration[];
  now?: () => Date;
  keep?: number;
}

/** Brings dataDir/state.json up to the code's schema; a fresh directory needs nothing. */
export async function migrateDataDir(dataDir: string, options: MigrateOptions = {}): Promise<MigrationOutcome> {
  const migrations = options.migrations ?? MIGRATIONS;
  checkSequence(migrations);
  const current = FIRST_SCHEMA_VERSION + migrations.length;
  const path = join(dataDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { from: current, to: current, backup: null, applied: [] };
    throw error;
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new MigrationError(`${path} is not valid JSON (${(error as Error).message}); restore it from ${join(dataDir, BACKUP_DIR)} or move it away to start empty`);
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state)) throw new MigrationError(`${path} does not hold a JSON object`);
  const stored = (state as JsonObject)['schemaVersion'];
  const from = typeof stored === 'number' ? stored : FIRST_SCHEMA_VERSION;
  if (!Number.isInteger(from) || from < FIRST_SCHEMA_VERSION) throw new MigrationError(`${path} has an invalid schemaVersion ${JSON.stringify(stored)}`);
  if (from > current) {
    throw new MigrationError(`${path} was written by a newer Mamori (schema ${from}; this version knows up to ${current}). `
      + `Install that version again, or restore the backup in ${join(dataDir, BACKUP_DIR)} taken before the upgrade`);
  }
  if (from === current) return { from, to: current, backup: null, applied: [] };

  const backup = await backupDataDir(dataDir, (options.now ?? (() => new Date()))());
  const applied: string[] = [];
  for (const migration of migrations.slice(from - FIRST_SCHEMA_VERSION)) {
    try {
      await migration.up(state as JsonObject, { dataDir });
    } catch (error) {
      throw new MigrationError(`migration to schema ${migration.to} (${migration.description}) failed: ${(error as Error).message}; `
        + `${STATE_FILE} was not changed, and the data as it was is in ${backup}`);
    }
    (state as JsonObject)['schemaVersion'] = migration.to;
    applied.push(`${migration.to}: ${migration.description}`);
  }
  await writeAtomically(path, JSON.stringify(state, null, 2));
  await pruneBackups(join(dataDir, BACKUP_DIR), options.keep ?? BACKUPS_KEPT);
  return { from, to: current, backup, applied };
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.to !== FIRST_SCHEMA_VERSION + index + 1) {
      throw new Error(`migration list out of order: entry ${index} produces schema ${migration.to}, expected ${FIRST_SCHEMA_VERSION + index + 1}`);
    }
  });
}

/**
 * Copies every regular file and directory of dataDir (not backups/, not sockets or links) into
 * backups/<timestamp>/, through a temporary name so a half-made backup never looks complete.
 */
export async function backupDataDir(dataDir: string, at: Date): Promise<string> {
  const root = join(dataDir, BACKUP_DIR);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const name = at.toISOString().replace(/:/g, '-');
  const target = join(root, name);
  const partial = join(root, `.partial-${name}-${randomBytes(4).toString('hex')}`);
  await mkdir(partial, { mode: 0o700 });
  try {
    await copyTree(dataDir, partial, (entry) => entry !== BACKUP_DIR);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw new MigrationError(`could not back up ${dataDir} before migrating: ${(error as Error).message}`);
  }
  return target;
}

async function copyTree(from: string, to: string, include: (name: string) => boolean): Promise<void> {
  for (const name of await readdir(from)) {
    if (!include(name)) continue;
    const source = join(from, name);
    const info = await lstat(source);
    if (info.isDirectory()) {
      await mkdir(join(to, name), { mode: 0o700 });
      await copyTree(source, join(to, name), () => true);
    } else if (info.isFile()) {
      await copyFile(source, join(to, name));
    }
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.migrating-${randomBytes(4).toString('hex')}`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

async function pruneBackups(root: string, keep: number): Promise<void> {
  const names = (await readdir(root)).filter((name) => /^\d{4}-\d\d-\d\dT[\d-]+\.\d{3}Z$/.test(name)).sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) await rm(join(root, name), { recursive: true, force: true });
}
