// The life of a finding: open → fixed (verified by a re-test) · accepted (reason, who, until) ·
// false-positive (reason) · resolved (not seen by a later full scan, or its device forgotten).
// Pure functions over one finding; the clock is always passed in, so expiry is testable without waiting.
import type { FindingStatus, FindingStatusChange, StoredFinding } from '../core/records.js';

/** Statuses the owner chose: a rescan that raises the finding again does not overrule them. */
const OWNER_DECISIONS: readonly FindingStatus[] = ['accepted', 'false-positive'];

/** The reason kept in a finding's history when the owner forgot its device ("Forget this device"). */
export const DEVICE_FORGOTTEN_REASON = 'device forgotten by the owner';

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
  const reason = acceptanceExpired(previous, now) ? `accepted risk expired on ${previous.acceptedUntil}`
    : wasForgotten(previous) ? 'seen again by a scan after its device was forgotten' : `seen again by a scan after being ${previous.status}`;
  return withStatus(carried, { status: 'open', at: seen.lastSeen, by: 'system', reason, evidence: seen.evidence });
}

/** Closed because the owner forgot its device (the last step of its history says so). */
function wasForgotten(finding: StoredFinding): boolean {
  return finding.status === 'resolved' && finding.history?.at(-1)?.reason === DEVICE_FORGOTTEN_REASON;
}

function keptExpiry(previous: StoredFinding): Pick<StoredFinding, 'acceptedUntil'> {
  return previous.acceptedUntil !== undefined ? { acceptedUntil: previous.acceptedUntil } : {};
}

/**
 * The owner forgot the finding's device: a finding still open (or accepted, whose expiry would
 * otherwise reopen it on a device no longer listed) is resolved with that reason, history kept.
 * Anything already closed (fixed, resolved, false positive) is returned unchanged (null).
 */
export function closeForForgottenDevice(finding: StoredFinding, at: Date, by: string): StoredFinding | null {
  if (finding.status !== 'open' && finding.status !== 'accepted') return null;
  return withStatus(finding, { status: 'resolved', at: at.toISOString(), by, reason: DEVICE_FORGOTTEN_REASON });
}
