// Backup and restore of the data directory as a .tar.gz (plain ustar, storage/tar.ts: the
// archive holds a handful of known files, so no dependency is needed), encrypted with the owner's
// passphrase when it leaves the box (backup-crypto.ts). A restore accepts only those files, as
// regular files, within size caps, each valid against the appliance's own schemas
// (backup-validate.ts) — a crafted archive cannot write outside the data directory, plant anything
// else or stop the box from starting. A restore only adds and replaces: what the archive leaves
// out stays. If writing fails half-way, every file written is put back as it was.
import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_TOKENS_FILE, EVIDENCE_KEY_FILE } from './data-files.js';
import { AuditLog, type AuditEntry } from './audit.js';
import { BackupCryptoError, decryptBackup, isEncryptedBackup } from './backup-crypto.js';
import { BackupValidationError, validateBackupFile } from './backup-validate.js';
import { CATALOGUE_FILE, restoredCatalogueSkipReason } from './catalogue-store.js';
import { backupDataDir } from './migrations.js';
import { SCAN_RESULTS_DIR, ScanResultStore } from './scan-results.js';
import { readTarGz, TarError, writeTarGz, type TarEntry } from './tar.js';

/**
 * Everything that makes up the appliance's memory. Anything else in an archive is refused.
 * API tokens travel (hashes only), so collectors keep working on a restored or new box; so does the
 * installed signed catalogue, or a restored box would quietly fall back to the older built-in one.
 * Not mqtt-outbox.json: it holds messages not yet acknowledged by the broker — pictures of the
 * network at backup time. Replayed after a restore (maybe weeks later, maybe on other hardware)
 * they would publish stale state and old events as new; the publisher sends the current picture
 * on its first connection anyway.
 */
export const BACKUP_FILES = ['state.json', 'auth.json', 'settings.json', 'totp.json', 'audit.jsonl', EVIDENCE_KEY_FILE, API_TOKENS_FILE, CATALOGUE_FILE] as const;
/** Plus every kept scan result (scans/<id>.json): the evidence pack of a restored box needs them. */
const SCAN_RESULT_NAME = new RegExp(`^${SCAN_RESULTS_DIR}/[A-Za-z0-9-]{1,64}\\.json$`);
const isBackupName = (name: string): boolean => (BACKUP_FILES as readonly string[]).includes(name) || SCAN_RESULT_NAME.test(name);
export const PENDING_RESTORE_DIR = 'restore-pending';
/** Upload cap (compressed) and the cap on what it may expand to. */
export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;
export const MAX_EXPANDED_BYTES = 200 * 1024 * 1024;

export class BackupError extends Error {}

export interface BackupOptions {
  /** The key a software catalogue must be signed with: the project's (tests inject their own). */
  catalogueKey?: string | KeyObject;
}

/** A .tar.gz of the known files present in dataDir (flush the stores first). */
export async function createBackup(dataDir: string, now = new Date(), options: BackupOptions = {}): Promise<Buffer> {
  const entries: TarEntry[] = [];
  for (const name of BACKUP_FILES) {
    const path = join(dataDir, name);
    if (!existsSync(path)) continue;
    const bytes = await readFile(path);
    // An installed catalogue that no longer verifies is not in use: carried, it would make the whole backup unrestorable.
    if (name === CATALOGUE_FILE && !isValid(name, bytes, options)) continue;
    entries.push({ name, bytes });
  }
  const results = new ScanResultStore(dataDir);
  for (const id of await results.ids()) {
    const result = await results.read(id);
    if (result) entries.push({ name: `${SCAN_RESULTS_DIR}/${id}.json`, bytes: result.bytes });
  }
  return writeTarGz(entries, now);
}

function isValid(name: string, bytes: Buffer, options: BackupOptions): boolean {
  try { validateBackupFile(name, bytes, options); return true; } catch { return false; }
}

/** Reads and validates a plain .tar.gz archive; returns its files by name. Throws BackupError with the reason. */
export function readBackup(archive: Buffer, options: BackupOptions = {}): Map<string, Buffer> {
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
      validateBackupFile(name, content, options);
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
  /** Valid files of the archive left out on purpose (an older catalogue than the one in place), with why. */
  notRestored: Array<{ file: string; reason: string }>;
}

/** Restored sessions would sign browsers in again that were signed out since: everyone signs in anew. */
function withoutSessions(auth: Buffer): Buffer {
  const data = JSON.parse(auth.toString('utf8')) as { sessions: unknown[] };
  return Buffer.from(JSON.stringify({ ...data, sessions: [] }, null, 2));
}

/**
 * A token revoked on this box since the backup was made stays revoked: a restore must not reopen a
 * door the owner closed. (Tokens made since the backup go, like the rest of the newer state.)
 */
function keepingRevocations(archived: Buffer, current: Buffer | null): Buffer {
  const revokedNow = new Map<string, string>();
  try {
    const tokens: unknown = current ? (JSON.parse(current.toString('utf8')) as { tokens?: unknown }).tokens : [];
    for (const t of Array.isArray(tokens) ? tokens as Array<{ hash?: unknown; revokedAt?: unknown }> : []) {
      if (typeof t.hash === 'string' && typeof t.revokedAt === 'string') revokedNow.set(t.hash, t.revokedAt);
    }
  } catch { /* an unreadable current file revokes nothing */ }
  if (revokedNow.size === 0) return archived;
  const data = JSON.parse(archived.toString('utf8')) as { tokens: Array<{ hash: string; revokedAt: string | null }> };
  for (const token of data.tokens) token.revokedAt ??= revokedNow.get(token.hash) ?? null;
  return Buffer.from(JSON.stringify(data, null, 2));
}

/** What is written for a file of the archive, given what the data directory holds now. */
function contentToWrite(name: string, archived: Buffer, current: Buffer | null): Buffer {
  if (name === 'auth.json') return withoutSessions(archived);
  if (name === API_TOKENS_FILE) return keepingRevocations(archived, current);
  return archived;
}

/** Leaves out a carried catalogue older than the one in place (the catalogue-store rule); the reasons. */
function withoutOlderCatalogue(dataDir: string, files: Map<string, Buffer>, options: BackupOptions): Array<{ file: string; reason: string }> {
  const bundle = files.get(CATALOGUE_FILE);
  if (!bundle) return [];
  let reason: string | null;
  try {
    reason = restoredCatalogueSkipReason(dataDir, bundle.toString('utf8'), options.catalogueKey);
  } catch (error) {
    throw new BackupError(`the software catalogue in the backup is refused: ${(error as Error).message}`);
  }
  if (reason === null) return [];
  files.delete(CATALOGUE_FILE);
  return [{ file: CATALOGUE_FILE, reason }];
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
async function applyFiles(dataDir: string, files: Map<string, Buffer>, now: Date, actor: string, options: BackupOptions): Promise<RestoreOutcome> {
  const notRestored = withoutOlderCatalogue(dataDir, files, options);
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
      const current = await readIfPresent(target);
      saved.set(name, current);
      if (name.includes('/')) await mkdir(join(dataDir, SCAN_RESULTS_DIR), { recursive: true, mode: 0o700 });
      const content = contentToWrite(name, files.get(name)!, current);
      await writeFile(`${target}.restore-tmp`, content, { mode: 0o600 });
      await rename(`${target}.restore-tmp`, target);
    }
    const audit = await new AuditLog(auditFile, () => now).append({
      actor, action: 'restore-applied',
      details: { files: names, previousTrailHead, previousData: previous, trailReplaced: files.has('audit.jsonl'), ...(notRestored.length > 0 ? { notRestored } : {}) },
    });
    return { files: names, previous, audit, notRestored };
  } catch (error) {
    await putBack(dataDir, saved);
    throw new BackupError(`the restore could not be applied and was rolled back: ${(error as Error).message}`);
  }
}

/** Restores into a data directory no appliance is using (the CLI). */
export async function restoreBackup(dataDir: string, archive: Buffer, now = new Date(), options: BackupOptions = {}): Promise<RestoreOutcome> {
  return applyFiles(dataDir, readBackup(archive, options), now, 'cli', options);
}

/** For a running appliance: validates the (decrypted) archive and stages it; it is applied at the next start. */
export async function stageRestore(dataDir: string, archive: Buffer, options: BackupOptions = {}): Promise<string[]> {
  const files = readBackup(archive, options);
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
export async function applyPendingRestore(dataDir: string, now = new Date(), options: BackupOptions = {}): Promise<PendingRestoreOutcome | null> {
  const staging = join(dataDir, PENDING_RESTORE_DIR);
  const staged = join(staging, 'backup.tar.gz');
  if (!existsSync(staged)) return null;
  try {
    const outcome = await applyFiles(dataDir, readBackup(await readFile(staged), options), now, 'owner', options);
    await rm(staging, { recursive: true, force: true });
    return { ok: true, ...outcome };
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    const keptIn = join(dataDir, `restore-failed-${now.toISOString().replace(/[:.]/g, '-')}`);
    await rename(staging, keptIn);
    return { ok: false, error: error.message, keptIn };
  }
}
