// MAC address helpers. The canonical form everywhere in Mamori is lower-case, colon-separated:
// "a4:14:37:01:02:03".

const CANONICAL = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;
const COLONS_OR_DASHES = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/;
const DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/;
const BARE = /^[0-9a-f]{12}$/;

/**
 * Accepts "a4:14:37:01:02:03", "A4-14-37-01-02-03", "a414.3701.0203" (Cisco) or "a41437010203",
 * in any case, with surrounding whitespace. Returns the canonical form, or null if invalid.
 * Separators must be consistent and every octet must have two digits.
 */
export function normalizeMac(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  if (CANONICAL.test(input)) return input; // the common case, already canonical
  const s = input.trim().toLowerCase();
  let hex: string;
  if (COLONS_OR_DASHES.test(s)) hex = s.replace(/[:-]/g, '');
  else if (DOTTED.test(s)) hex = s.replaceAll('.', '');
  else if (BARE.test(s)) hex = s;
  else return null;
  return `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}:${hex.slice(8, 10)}:${hex.slice(10, 12)}`;
}

function firstOctet(mac: string): number | null {
  const n = normalizeMac(mac);
  return n === null ? null : parseInt(n.slice(0, 2), 16);
}

/**
 * Locally administered (U/L bit 0x02 of the first octet set): randomized "private" Wi-Fi addresses,
 * Docker/VM/veth interfaces. Such an address carries no manufacturer. False for invalid input.
 */
export function isLocallyAdministered(mac: string): boolean {
  const o = firstOctet(mac);
  return o !== null && (o & 0x02) !== 0;
}

/** Group address (I/G bit 0x01 of the first octet set): never the address of one device. */
export function isMulticast(mac: string): boolean {
  const o = firstOctet(mac);
  return o !== null && (o & 0x01) !== 0;
}
