// Backup and restore of the data directory as a .tar.gz (plain ustar, storage/tar.ts: the
// archive holds a handful of known files, so no dependency is needed). A restore accepts only
// those files, as regular files, within size caps, each parseable — a crafted archive cannot
// write outside the data directory or plant anything else.
import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVIDENCE_KEY_FILE } from '../evidence/key.js';
import { backupDataDir, CURRENT_SCHEMA_VERSION } from './migrations.js';
import { SCAN_RESULTS_DIR, ScanResultStore } from './scan-results.js';
import { readTarGz, TarError, writeTarGz, type TarEntry } from './tar.js';

/** Everything that makes up the appliance's memory. Anything else in an archive is refused. */
export const BACKUP_FILES = ['state.json', 'auth.json', 'settings.json', 'totp.json', 'audit.jsonl', EVIDENCE_KEY_FILE] as const;
/** Plus every kept scan result (scans/<id>.json): the evidence pack of a restored box needs them. */
const SCAN_RESULT_NAME = new RegExp(`^${SCAN_RESULTS_DIR}/[A-Za-z0-9-]{1,64}\\.json$`);
const isBackupName = (name: string): boolean => (BACKUP_FILES as readonly string[]).includes(name) || SCAN_RESULT_NAME.test(name);
export const PENDING_RESTORE_DIR = 'restore-pending';
/** Upload cap (compressed) and the cap on what it may expand to. */
export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;
export const MAX_EXPANDED_BYTES = 200 * 1024 * 1024;

export class BackupError extends Error {}

/** A .tar.gz of the known files present in dataDir (flush the stores first). */
export async function createBackup(dataDir: string, now = new Date()): Promise<Buffer> {
  const entries: TarEntry[] = [];
  for (const name of BACKUP_FILES) {
    const path = join(dataDir, name);
    if (!existsSync(path)) continue;
    entries.push({ name, bytes: await readFile(path) });
  }
  const results = new ScanResultStore(dataDir);
  for (const id of await results.ids()) {
    const result = await results.read(id);
    if (result) entries.push({ name: `${SCAN_RESULTS_DIR}/${id}.json`, bytes: result.bytes });
  }
  return writeTarGz(entries, now);
}

/** Reads and validates an archive; returns its files by name. Throws BackupError with the reason. */
export function readBackup(archive: Buffer): Map<string, Buffer> {
  let entries: TarEntry[];
  try {
    entries = readTarGz(archive, { maxArchiveBytes: MAX_ARCHIVE_BYTES, maxExpandedBytes: MAX_EXPANDED_BYTES });
  } catch (error) {
    if (error instanceof TarError) throw new BackupError(error.message);
    throw error;
  }
  const files = new Map<string, Buffer>();
  for (const { name, bytes } of entries) {
    if (!isBackupName(name)) throw new BackupError(`unexpected file "${name}" in the archive`);
    files.set(name, bytes);
  }
  if (!files.has('state.json')) throw new BackupError('the archive holds no state.json: not a Mamori backup');
  for (const [name, content] of files) validateContent(name, content);
  return files;
}

function validateContent(name: string, content: Buffer): void {
  const text = content.toString('utf8');
  if (name === EVIDENCE_KEY_FILE) {
    let type: string | undefined;
    try { type = createPrivateKey(text).asymmetricKeyType; } catch { type = undefined; }
    if (type !== 'ed25519') throw new BackupError(`${name} is not an Ed25519 private key`);
    return;
  }
  const lines = name.endsWith('.jsonl') ? text.split('\n').filter((line) => line.trim() !== '') : [text];
  for (const line of lines) {
    let value: unknown;
    try { value = JSON.parse(line); } catch { throw new BackupError(`${name} is not valid JSON`); }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BackupError(`${name} does not hold a JSON object`);
    if (name === 'state.json') {
      const version = (value as { schemaVersion?: unknown }).schemaVersion;
      if (typeof version !== 'number' || version > CURRENT_SCHEMA_VERSION) {
        throw new BackupError(`state.json has schema version ${String(version)}; this Mamori reads up to ${CURRENT_SCHEMA_VERSION}`);
      }
    }
  }
}

/** Writes files into dataDir, each through a temporary name, after copying the current data to backups/. */
async function writeFiles(dataDir: string, files: Map<string, Buffer>, now: Date): Promise<string | null> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const previous = existsSync(join(dataDir, 'state.json')) ? await backupDataDir(dataDir, now) : null;
  for (const name of BACKUP_FILES) {
    const target = join(dataDir, name);
    const content = files.get(name);
    if (content === undefined) { await rm(target, { force: true }); continue; }
    await writeFile(`${target}.restore-tmp`, content, { mode: 0o600 });
    await rename(`${target}.restore-tmp`, target);
  }
  // The kept scan results are replaced as a whole: those of the restored history, no others.
  const results = join(dataDir, SCAN_RESULTS_DIR);
  await rm(results, { recursive: true, force: true });
  for (const [name, content] of files) {
    if (!SCAN_RESULT_NAME.test(name)) continue;
    await mkdir(results, { recursive: true, mode: 0o700 });
    await writeFile(join(dataDir, name), content, { mode: 0o600 });
  }
  return previous;
}

/** Restores into a data directory no appliance is using (the CLI). Returns where the old data went. */
export async function restoreBackup(dataDir: string, archive: Buffer, now = new Date()): Promise<string | null> {
  return writeFiles(dataDir, readBackup(archive), now);
}

/** For a running appliance: validates and stages the archive; it is applied at the next start. */
export async function stageRestore(dataDir: string, archive: Buffer): Promise<string[]> {
  const files = readBackup(archive);
  const staging = join(dataDir, PENDING_RESTORE_DIR);
  await rm(`${staging}.tmp`, { recursive: true, force: true });
  await mkdir(`${staging}.tmp`, { recursive: true, mode: 0o700 });
  await writeFile(join(`${staging}.tmp`, 'backup.tar.gz'), archive, { mode: 0o600 });
  await rm(staging, { recursive: true, force: true });
  await rename(`${staging}.tmp`, staging);
  return [...files.keys()];
}

/** At start, before any store opens: applies a staged restore. Returns the files restored, or null. */
export async function applyPendingRestore(dataDir: string, now = new Date()): Promise<{ files: string[]; previous: string | null } | null> {
  const staged = join(dataDir, PENDING_RESTORE_DIR, 'backup.tar.gz');
  if (!existsSync(staged)) return null;
  const files = readBackup(await readFile(staged));
  const previous = await writeFiles(dataDir, files, now);
  await rm(join(dataDir, PENDING_RESTORE_DIR), { recursive: true, force: true });
  return { files: [...files.keys()], previous };
}
