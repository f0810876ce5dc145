// The audit trail entries of a period, as the exact lines of audit.jsonl, with what a reader needs
// to check their hash chain on its own: the hash the first one links to and the last one's hash.
// The same walk checks the whole trail before an excerpt is cut, and the excerpt inside a pack.
import { readFile } from 'node:fs/promises';
import { GENESIS_HASH, hashEntry, type AuditEntry } from '../storage/audit.js';
import { EvidenceError, type Period } from './format.js';

export type ChainWalk =
  | { ok: true; entries: AuditEntry[]; lastHash: string }
  | { ok: false; line: number; seq: number | null; reason: string };

/** Checks each line's own hash, its sequence number and its link to the line before. */
export function walkChain(lines: readonly string[], previousHash: string, firstSeq: number): ChainWalk {
  const entries: AuditEntry[] = [];
  let prevHash = previousHash;
  for (const [index, line] of lines.entries()) {
    const broken = (reason: string, seq: number | null): ChainWalk => ({ ok: false, line: index + 1, seq, reason });
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch {
      return broken('not valid JSON', null);
    }
    if (typeof entry !== 'object' || entry === null || typeof entry.hash !== 'string') return broken('not an audit entry', null);
    const seq = typeof entry.seq === 'number' ? entry.seq : null;
    if (seq !== firstSeq + index) return broken(`sequence number ${String(entry.seq)} where ${firstSeq + index} was expected (entry removed or reordered)`, seq);
    if (entry.prevHash !== prevHash) return broken('does not link to the entry before it (an earlier entry was changed or removed)', seq);
    const { hash, ...rest } = entry;
    if (hashEntry(rest) !== hash) return broken('its content does not match its hash (the entry was changed)', seq);
    entries.push(entry);
    prevHash = hash;
  }
  return { ok: true, entries, lastHash: prevHash };
}

export interface AuditExcerpt {
  /** The period's lines, byte for byte as in the trail, each ending in a newline. */
  bytes: Buffer;
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  previousHash: string;
  lastHash: string;
  head: { seq: number; hash: string };
}

/**
 * Cuts the period out of the trail after checking the whole chain: a pack never vouches for a
 * trail that is already broken. The excerpt is contiguous (from the first entry of the period to
 * the last), so it stays checkable even if the clock stepped back inside it.
 */
export async function auditExcerpt(file: string, period: Pick<Period, 'start' | 'until'>): Promise<AuditExcerpt> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  // An append under way has no newline yet: it is not part of the trail until it has.
  const lines = text.split('\n').slice(0, -1);
  const walk = walkChain(lines, GENESIS_HASH, 1);
  if (!walk.ok) {
    throw new EvidenceError(`the audit trail is broken at line ${walk.line}${walk.seq !== null ? ` (entry ${walk.seq})` : ''}: ${walk.reason}; run "mamori audit verify"`);
  }
  const inPeriod = (entry: AuditEntry) => { const at = Date.parse(entry.at); return at >= period.start.getTime() && at < period.until.getTime(); };
  const first = walk.entries.findIndex(inPeriod);
  const last = walk.entries.findLastIndex(inPeriod);
  const last_ = walk.entries.at(-1);
  const head = { seq: last_?.seq ?? 0, hash: walk.lastHash };
  if (first === -1) {
    // Nothing in the period: the excerpt is empty and links to where the trail stood at its end.
    const before = walk.entries.filter((e) => Date.parse(e.at) < period.until.getTime()).at(-1);
    const anchor = before?.hash ?? GENESIS_HASH;
    return { bytes: Buffer.alloc(0), entries: 0, firstSeq: null, lastSeq: null, previousHash: anchor, lastHash: anchor, head };
  }
  const chosen = lines.slice(first, last + 1);
  return {
    bytes: Buffer.from(chosen.map((line) => `${line}\n`).join(''), 'utf8'),
    entries: chosen.length,
    firstSeq: walk.entries[first]!.seq,
    lastSeq: walk.entries[last]!.seq,
    previousHash: walk.entries[first]!.prevHash,
    lastHash: walk.entries[last]!.hash,
    head,
  };
}
