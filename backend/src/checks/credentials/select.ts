// Which pairs to try on one service of one device: first the pairs the evidence points to — the
// vendor's own factory pairs (its name) and the board family's (banners, ports, web server, UPnP;
// board-families.ts), strongest evidence first — then the pairs known for its device type, then a
// short common list. The search never tries more than its budget.
import type { Device } from '../../core/types.js';
import { familyPairs, matchBoardFamilies } from './board-families.js';
import { CREDENTIALS, type CredentialRow, type CredentialService } from './data.js';

/** A maker's name on the device (IEEE, model, UPnP) outweighs one board signal, not two. */
const VENDOR_NAME_STRENGTH = 6;

export interface CredentialPair {
  user: string;
  password: string;
  /** Why this pair: the row's public source. */
  source: string;
}

/** Users that mean "anonymous" to FTP: anonymous access is another check's business, not a default password. */
const ANONYMOUS_USERS = new Set(['anonymous', 'ftp']);

/** What the device says about its maker: IEEE vendor, model, UPnP, plus hints from the service (realm, product). */
export function identityText(device: Readonly<Device>, hints: readonly (string | null | undefined)[] = []): string {
  const parts = [device.vendor, device.model, ...device.upnp.flatMap((u) => [u.manufacturer, u.modelName]), ...hints];
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' | ').toLowerCase();
}

export function pairsFor(service: CredentialService, device: Readonly<Device>, hints: readonly (string | null | undefined)[] = [], rows: readonly CredentialRow[] = CREDENTIALS): CredentialPair[] {
  const identity = identityText(device, hints);
  const forService = rows.filter((row) => row.services.includes(service) && !(service === 'ftp' && ANONYMOUS_USERS.has(row.user.toLowerCase())));
  const vendorRows = forService.filter((row) => row.vendor !== null && identity.includes(row.vendor.toLowerCase()));
  const typeRows = forService.filter((row) => row.vendor === null && row.deviceTypes.length > 0 && row.deviceTypes.includes(device.type));
  const commonRows = forService.filter((row) => row.vendor === null && (row.deviceTypes.length === 0 || device.type === 'unknown'));
  // Evidence first, strongest first; a stable sort keeps the vendor's rows ahead on a tie.
  const evidence = [
    ...vendorRows.map((row) => ({ user: row.user, password: row.password, source: row.source, score: VENDOR_NAME_STRENGTH })),
    ...familyPairs(service, matchBoardFamilies(device, hints)).filter((p) => !(service === 'ftp' && ANONYMOUS_USERS.has(p.user.toLowerCase()))),
  ].sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const pairs: CredentialPair[] = [];
  for (const row of [...evidence, ...typeRows, ...commonRows]) {
    const key = `${row.user}\u0000${row.password}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push({ user: row.user, password: row.password, source: row.source });
  }
  return pairs;
}
