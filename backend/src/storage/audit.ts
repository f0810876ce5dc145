// The audit trail: an append-only JSON Lines file where every entry carries the hash of the one
// before it, so changing, removing or reordering any entry breaks the chain at that point.
// JSON Lines rather than lowdb: an audit trail is appended to, never rewritten, and each append is
// fsync'ed so an acknowledged entry survives a crash.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  /** Who did it: 'owner' (dashboard), 'system' (scheduler, scan engine), 'cli'. */
  actor: string;
  /** What happened, kebab-case: 'scan-started', 'credential-attempt', 'login-failed'… */
  action: string;
  /** Facts of the event. Never a clear-text secret. */
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export type AuditVerdict =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenAt: { seq: number | null; line: number; reason: string } };

/** sha256 over the entry's fields in a fixed order, so the hash never depends on key order. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const canonical = JSON.stringify([entry.seq, entry.at, entry.prevHash, entry.actor, entry.action, canonicalize(entry.details)]);
  return createHash('sha256').update(canonical).digest('hex');
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonicalize((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export class AuditLog {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string, private readonly now: () => Date = () => new Date()) {}

  /**
   * Appends one entry. Appends from this process are serialised; another process (the CLI beside
   * the appliance) is kept out by a lock file for the few milliseconds of each append.
   */
  append(input: AuditInput): Promise<AuditEntry> {
    const run = this.#queue.catch(() => undefined).then(() => this.#appendLocked(input));
    this.#queue = run;
    return run;
  }

  async #appendLocked(input: AuditInput): Promise<AuditEntry> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const release = await acquireLock(`${this.file}.lock`);
    try {
      const { entry: last, tornBytes } = await lastEntry(this.file);
      if (tornBytes > 0) input = { ...input, details: { ...input.details, repairedTornTailBytes: tornBytes } };
      const base = {
        seq: last ? last.seq + 1 : 1,
        at: this.now().toISOString(),
        prevHash: last ? last.hash : GENESIS_HASH,
        actor: input.actor,
        action: input.action,
        details: input.details,
      };
      const entry: AuditEntry = { ...base, hash: hashEntry(base) };
      const handle = await open(this.file, 'a', 0o600);
      try {
        await handle.write(JSON.stringify(entry) + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return entry;
    } finally {
      await release();
    }
  }

  async entries(): Promise<AuditEntry[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEntry);
  }
}

/** Walks the chain and names the first entry that does not fit. */
export async function verifyAuditLog(file: string): Promise<AuditVerdict> {
  return verifyAuditText(await readFile(file, 'utf8'));
}

/** The same walk over a trail's text (a trail inside a backup archive). */
export function verifyAuditText(text: string): AuditVerdict {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch {
      return { ok: false, entries: index, brokenAt: { seq: null, line: lineNo, reason: 'not valid JSON' } };
    }
    const broken = (reason: string): AuditVerdict => ({ ok: false, entries: index, brokenAt: { seq: entry.seq ?? null, line: lineNo, reason } });
    if (entry.seq !== expectedSeq) return broken(`sequence number ${String(entry.seq)} where ${expectedSeq} was expected (entry removed or reordered)`);
    if (entry.prevHash !== prevHash) return broken('does not link to the entry before it (an earlier entry was changed or removed)');
    const { hash, ...rest } = entry;
    if (hashEntry(rest) !== hash) return broken('its content does not match its hash (the entry was changed)');
    prevHash = hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: lines.length, lastHash: prevHash };
}

/**
 * The last complete entry. A final line without its newline is an append that a crash cut short:
 * it was never acknowledged, so it is cut off here (and the caller notes the repair in the trail).
 */
async function lastEntry(file: string): Promise<{ entry: AuditEntry | null; tornBytes: number }> {
  const size = await stat(file).then((s) => s.size, () => 0);
  if (size === 0) return { entry: null, tornBytes: 0 };
  // Read only the tail: the trail grows for years, each append must stay cheap.
  const handle = await open(file, 'r+');
  try {
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lastNewline = buffer.lastIndexOf(0x0a);
    const tornBytes = length - 1 - lastNewline;
    if (tornBytes > 0) {
      await handle.truncate(size - tornBytes);
      await handle.sync();
    }
    const complete = buffer.subarray(0, lastNewline + 1).toString('utf8').split('\n').filter(Boolean);
    const last = complete.at(-1);
    return { entry: last ? JSON.parse(last) as AuditEntry : null, tornBytes };
  } finally {
    await handle.close();
  }
}

async function acquireLock(path: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 1500; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.write(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await lockIsStale(path)) await rm(path, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  throw new Error(`audit trail is locked: ${path}`);
}

/** A lock whose process is gone (killed mid-append), or older than 10 s, is left over. */
async function lockIsStale(path: string): Promise<boolean> {
  const [owner, age] = await Promise.all([
    readFile(path, 'utf8').then(Number, () => NaN),
    stat(path).then((s) => Date.now() - s.mtimeMs, () => 0),
  ]);
  if (age > 10_000) return true;
  if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid) return false;
  try {
    process.kill(owner, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
