// A device's history as one list, newest first: when it was first and last seen, the owner's
// correction, and every status change of each of its findings. Pure; tested directly.
import type { DeviceCorrection, FindingStatusChange, StoredDevice, StoredFinding } from '../api/contract';

export type TimelineEntry =
  | { kind: 'first-seen'; at: string }
  | { kind: 'last-seen'; at: string }
  | { kind: 'correction'; at: string; correction: DeviceCorrection }
  | { kind: 'finding'; at: string; finding: StoredFinding; change: FindingStatusChange };

export function deviceTimeline(device: StoredDevice, findings: readonly StoredFinding[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ kind: 'first-seen', at: device.firstSeen }];
  if (device.lastSeen !== device.firstSeen) entries.push({ kind: 'last-seen', at: device.lastSeen });
  if (device.correction) entries.push({ kind: 'correction', at: device.correction.at, correction: device.correction });
  for (const finding of findings) {
    if (finding.deviceId !== device.id) continue;
    // A finding stored before histories existed still has its first sighting.
    const history = finding.history ?? [{ status: 'open', at: finding.firstSeen, by: 'system' } satisfies FindingStatusChange];
    for (const change of history) entries.push({ kind: 'finding', at: change.at, finding, change });
  }
  // Newest first; at the same moment, the device's own entries before its findings'.
  const order = { 'last-seen': 0, correction: 1, 'first-seen': 2, finding: 3 } as const;
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || order[a.kind] - order[b.kind]);
}
