// The life of a finding: open → fixed (verified by a re-test) · accepted (reason, who, until) ·
// false-positive (reason) · resolved (not seen by a later full scan). Pure functions over one
// finding; the clock is always passed in, so expiry is testable without waiting.
import type { FindingStatus, FindingStatusChange, StoredFinding } from '../core/records.js';

/** Statuses the owner chose: a rescan that raises the finding again does not overrule them. */
const OWNER_DECISIONS: readonly FindingStatus[] = ['accepted', 'false-positive'];

/** A copy of the finding in its new status, with the change appended to its history. */
export function withStatus(finding: StoredFinding, change: FindingStatusChange): StoredFinding {
  const next: StoredFinding = { ...finding, status: change.status, history: [...historyOf(finding), change] };
  if (change.status === 'accepted' && change.until) next.acceptedUntil = change.until;
  else delete next.acceptedUntil;
  return next;
}

/** The history, or for a finding stored before histories existed, its first sighting. */
export function historyOf(finding: StoredFinding): FindingStatusChange[] {
  return finding.history ?? [{ status: 'open', at: finding.firstSeen, by: 'system', evidence: finding.evidence }];
}

/** True when an accepted risk's expiry date has passed at `now`. */
export function acceptanceExpired(finding: StoredFinding, now: Date): boolean {
  return finding.status === 'accepted' && finding.acceptedUntil !== undefined && Date.parse(finding.acceptedUntil) <= now.getTime();
}

/** An accepted risk past its expiry comes back as open; anything else is returned unchanged (null). */
export function reopenIfExpired(finding: StoredFinding, now: Date): StoredFinding | null {
  if (!acceptanceExpired(finding, now)) return null;
  return withStatus(finding, {
    status: 'open', at: now.toISOString(), by: 'system', reason: `accepted risk expired on ${finding.acceptedUntil}`,
  });
}

/**
 * A scan raised the finding (again) with fresh evidence: the owner's decisions stand until they
 * expire; anything else (new, fixed, resolved, expired acceptance) is open from now on.
 */
export function afterSighting(previous: StoredFinding | undefined, seen: StoredFinding, now: Date): StoredFinding {
  if (!previous) return { ...seen, status: 'open', history: [{ status: 'open', at: seen.lastSeen, by: 'system', evidence: seen.evidence }] };
  const carried: StoredFinding = { ...seen, status: previous.status, history: historyOf(previous), ...keptExpiry(previous) };
  if (OWNER_DECISIONS.includes(previous.status) && !acceptanceExpired(previous, now)) return carried;
  if (previous.status === 'open') return carried;
  const reason = acceptanceExpired(previous, now) ? `accepted risk expired on ${previous.acceptedUntil}` : `seen again by a scan after being ${previous.status}`;
  return withStatus(carried, { status: 'open', at: seen.lastSeen, by: 'system', reason, evidence: seen.evidence });
}

function keptExpiry(previous: StoredFinding): Pick<StoredFinding, 'acceptedUntil'> {
  return previous.acceptedUntil !== undefined ? { acceptedUntil: previous.acceptedUntil } : {};
}
