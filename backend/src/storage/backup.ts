// Backup and restore of the data directory as a .tar.gz (plain ustar, written and read here: the
// archive holds a handful of known files, so no dependency is needed). A restore accepts only
// those files, as regular files, within size caps, each parseable — a crafted archive cannot
// write outside the data directory or plant anything else.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { backupDataDir, CURRENT_SCHEMA_VERSION } from './migrations.js';

/** Everything that makes up the appliance's memory. Anything else in an archive is refused. */
export const BACKUP_FILES = ['state.json', 'auth.json', 'settings.json', 'totp.json', 'audit.jsonl'] as const;
export const PENDING_RESTORE_DIR = 'restore-pending';
/** Upload cap (compressed) and the cap on what it may expand to. */
export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;
export const MAX_EXPANDED_BYTES = 200 * 1024 * 1024;

export class BackupError extends Error {}

const BLOCK = 512;

function header(name: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK, 0);
  const field = (text: string, offset: number, length: number) => { block.write(text, offset, length, 'ascii'); };
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0');
  field(name, 0, 100);
  field(octal(0o600, 8), 100, 8);
  field(octal(0, 8), 108, 8);
  field(octal(0, 8), 116, 8);
  field(octal(size, 12), 124, 12);
  field(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  field(' '.repeat(8), 148, 8);
  field('0', 156, 1);
  field('ustar\u000000', 257, 8);
  const sum = block.reduce((total, byte) => total + byte, 0);
  field(`${octal(sum, 7)}\u0000 `, 148, 8);
  return block;
}

/** A .tar.gz of the known files present in dataDir (flush the stores first). */
export async function createBackup(dataDir: string, now = new Date()): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const name of BACKUP_FILES) {
    const path = join(dataDir, name);
    if (!existsSync(path)) continue;
    const content = await readFile(path);
    parts.push(header(name, content.length, now), content, Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}

function readString(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** Reads and validates an archive; returns its files by name. Throws BackupError with the reason. */
export function readBackup(archive: Buffer): Map<string, Buffer> {
  if (archive.length > MAX_ARCHIVE_BYTES) throw new BackupError(`archive larger than ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB`);
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: MAX_EXPANDED_BYTES });
  } catch (error) {
    const tooBig = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|too large/i.test(String(error));
    throw new BackupError(tooBig ? `archive expands to more than ${MAX_EXPANDED_BYTES / 1024 / 1024} MB` : 'not a gzip-compressed archive');
  }
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    const stored = Number.parseInt(readString(block, 148, 8).trim() || 'x', 8);
    const sum = block.reduce((total, byte, i) => total + (i >= 148 && i < 156 ? 32 : byte), 0);
    if (stored !== sum) throw new BackupError('damaged archive (header checksum)');
    const prefix = readString(block, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + readString(block, 0, 100);
    const type = String.fromCharCode(block[156]!);
    const size = Number.parseInt(readString(block, 124, 12).trim() || 'x', 8);
    if (type !== '0' && type !== '\u0000') throw new BackupError(`"${name}" is not a regular file`);
    const clean = name.replace(/^\.\//, '');
    if (!(BACKUP_FILES as readonly string[]).includes(clean)) throw new BackupError(`unexpected file "${name}" in the archive`);
    if (files.has(clean)) throw new BackupError(`"${clean}" appears twice`);
    if (!Number.isSafeInteger(size) || size < 0 || offset + BLOCK + size > tar.length) throw new BackupError(`"${clean}" is cut short`);
    files.set(clean, Buffer.from(tar.subarray(offset + BLOCK, offset + BLOCK + size)));
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  if (!files.has('state.json')) throw new BackupError('the archive holds no state.json: not a Mamori backup');
  for (const [name, content] of files) validateContent(name, content);
  return files;
}

function validateContent(name: string, content: Buffer): void {
  const text = content.toString('utf8');
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
