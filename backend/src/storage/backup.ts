// Backup and restore of the data directory as a .tar.gz (plain ustar, storage/tar.ts: the
// archive holds a handful of known files, so no dependency is needed), encrypted with the owner's
// passphrase when it leaves the box (backup-crypto.ts). A restore accepts only those files, as
// regular files, within size caps, each valid against the appliance's own schemas
// (backup-validate.ts) — a crafted archive cannot write outside the data directory, plant anything
// else or stop the box from starting. A restore only adds and replaces: what the archive leaves
// out stays. If writing fails half-way, every file written is put back as it was.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVIDENCE_KEY_FILE } from './data-files.js';
import { AuditLog, type AuditEntry } from './audit.js';
import { BackupCryptoError, decryptBackup, isEncryptedBackup } from './backup-crypto.js';
import { BackupValidationError, validateBackupFile } from './backup-validate.js';
import { backupDataDir } from './migrations.js';
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

/** Reads and validates a plain .tar.gz archive; returns its files by name. Throws BackupError with the reason. */
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
  for (const [name, content] of files) {
    try {
      validateBackupFile(name, content);
    } catch (error) {
      if (error instanceof BackupValidationError) throw new BackupError(error.message);
      throw error;
    }
  }
  return files;
}

/** The plain archive inside an encrypted backup (a plain one only where `allowPlain`: the CLI on the box). */
export async function openBackup(data: Buffer, passphrase: string | null, options: { allowPlain?: boolean } = {}): Promise<Buffer> {
  if (!isEncryptedBackup(data)) {
    if (options.allowPlain) return data;
    throw new BackupError('only an encrypted Mamori backup is accepted here');
  }
  if (passphrase === null) throw new BackupError('this backup is encrypted: give its passphrase');
  try {
    return await decryptBackup(data, passphrase);
  } catch (error) {
    if (error instanceof BackupCryptoError) throw new BackupError(error.message);
    throw error;
  }
}

export interface RestoreOutcome {
  files: string[];
  /** Where the data directory was copied to before the restore (backups/<stamp>), or null. */
  previous: string | null;
  /** The `restore-applied` entry, linked to the head of the trail the restore replaced. */
  audit: AuditEntry;
}

/** Restored sessions would sign browsers in again that were signed out since: everyone signs in anew. */
function withoutSessions(auth: Buffer): Buffer {
  const data = JSON.parse(auth.toString('utf8')) as { sessions: unknown[] };
  return Buffer.from(JSON.stringify({ ...data, sessions: [] }, null, 2));
}

async function readIfPresent(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function putBack(dataDir: string, saved: Map<string, Buffer | null>): Promise<void> {
  for (const [name, bytes] of saved) {
    const target = join(dataDir, name);
    await rm(`${target}.restore-tmp`, { force: true });
    if (bytes === null) await rm(target, { force: true });
    else await writeFile(target, bytes, { mode: 0o600 });
  }
}

/**
 * Writes the files into dataDir (each through a temporary name) after copying the current data to
 * backups/, then records `restore-applied` in the trail. Any failure puts every file back.
 */
async function applyFiles(dataDir: string, files: Map<string, Buffer>, now: Date, actor: string): Promise<RestoreOutcome> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const auditFile = join(dataDir, 'audit.jsonl');
  const head = (await new AuditLog(auditFile).entries().catch(() => [])).at(-1);
  const previousTrailHead = head ? { seq: head.seq, hash: head.hash } : null;
  const previous = existsSync(join(dataDir, 'state.json')) ? await backupDataDir(dataDir, now) : null;
  const saved = new Map<string, Buffer | null>();
  const names = [...files.keys()].sort((a, b) => Number(a.includes('/')) - Number(b.includes('/')));
  try {
    for (const name of names) {
      const target = join(dataDir, name);
      saved.set(name, await readIfPresent(target));
      if (name.includes('/')) await mkdir(join(dataDir, SCAN_RESULTS_DIR), { recursive: true, mode: 0o700 });
      const content = name === 'auth.json' ? withoutSessions(files.get(name)!) : files.get(name)!;
      await writeFile(`${target}.restore-tmp`, content, { mode: 0o600 });
      await rename(`${target}.restore-tmp`, target);
    }
    const audit = await new AuditLog(auditFile, () => now).append({
      actor, action: 'restore-applied',
      details: { files: names, previousTrailHead, previousData: previous, trailReplaced: files.has('audit.jsonl') },
    });
    return { files: names, previous, audit };
  } catch (error) {
    await putBack(dataDir, saved);
    throw new BackupError(`the restore could not be applied and was rolled back: ${(error as Error).message}`);
  }
}

/** Restores into a data directory no appliance is using (the CLI). */
export async function restoreBackup(dataDir: string, archive: Buffer, now = new Date()): Promise<RestoreOutcome> {
  return applyFiles(dataDir, readBackup(archive), now, 'cli');
}

/** For a running appliance: validates the (decrypted) archive and stages it; it is applied at the next start. */
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

export type PendingRestoreOutcome = ({ ok: true } & RestoreOutcome) | { ok: false; error: string; keptIn: string };

/**
 * At start, before any store opens: applies a staged restore. A restore that cannot be applied is
 * rolled back and moved aside (the box starts with the data it had). Null when none is staged.
 */
export async function applyPendingRestore(dataDir: string, now = new Date()): Promise<PendingRestoreOutcome | null> {
  const staging = join(dataDir, PENDING_RESTORE_DIR);
  const staged = join(staging, 'backup.tar.gz');
  if (!existsSync(staged)) return null;
  try {
    const outcome = await applyFiles(dataDir, readBackup(await readFile(staged)), now, 'owner');
    await rm(staging, { recursive: true, force: true });
    return { ok: true, ...outcome };
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    const keptIn = join(dataDir, `restore-failed-${now.toISOString().replace(/[:.]/g, '-')}`);
    await rename(staging, keptIn);
    return { ok: false, error: error.message, keptIn };
  }
}
