// CIDR parsing and address arithmetic. IPv4 addresses are handled as unsigned 32-bit numbers;
// IPv6 as bigint, only as far as classifying a range and counting its size.
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  readonly text: string;
  readonly family: 4 | 6;
  readonly prefix: number;
  /** Network address (host bits cleared). */
  readonly network: bigint;
  readonly size: bigint;
}

export function ipv4ToNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  return (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0;
}

export function numberToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function ipv6ToBigInt(ip: string): bigint {
  const zoneless = ip.split('%')[0]!;
  const [head, tail] = zoneless.includes('::') ? zoneless.split('::') : [zoneless, undefined];
  const headParts = head ? head.split(':') : [];
  let tailParts = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const last = (tail !== undefined ? tailParts : headParts).at(-1);
  if (last && last.includes('.')) {
    const v4 = ipv4ToNumber(last);
    const groups = [(v4 >>> 16).toString(16), (v4 & 0xffff).toString(16)];
    if (tail !== undefined) tailParts = [...tailParts.slice(0, -1), ...groups];
    else headParts.splice(headParts.length - 1, 1, ...groups);
  }
  const missing = 8 - headParts.length - tailParts.length;
  const groups = tail !== undefined ? [...headParts, ...Array(missing).fill('0'), ...tailParts] : headParts;
  return groups.reduce((acc: bigint, g: string) => (acc << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
}

/** Parses "10.0.0.0/24" or "fd00::/64"; a bare address is a /32 or /128. Throws on bad input. */
export function parseCidr(text: string): Cidr {
  const trimmed = text.trim();
  const [addr, prefixText, extra] = trimmed.split('/');
  if (addr === undefined || extra !== undefined) throw new Error(`"${text}" is not a CIDR range`);
  const family = isIPv4(addr) ? 4 : isIPv6(addr) ? 6 : 0;
  if (family === 0) throw new Error(`"${text}" is not a valid IPv4 or IPv6 range`);
  const bits = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) throw new Error(`"${text}" has an invalid prefix length`);
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) throw new Error(`"${text}" has a prefix longer than /${bits}`);
  const value = family === 4 ? BigInt(ipv4ToNumber(addr)) : ipv6ToBigInt(addr);
  const hostBits = BigInt(bits - prefix);
  const network = (value >> hostBits) << hostBits;
  return { text: formatCidr(family, network, prefix), family, prefix, network, size: 1n << hostBits };
}

function formatCidr(family: 4 | 6, network: bigint, prefix: number): string {
  if (family === 4) return `${numberToIpv4(Number(network))}/${prefix}`;
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((network >> BigInt(i * 16)) & 0xffffn).toString(16));
  return `${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}/${prefix}`;
}

export function cidrContains(cidr: Cidr, ip: string): boolean {
  const family = isIPv4(ip) ? 4 : isIPv6(ip) ? 6 : 0;
  if (family !== cidr.family) return false;
  const value = family === 4 ? BigInt(ipv4ToNumber(ip)) : ipv6ToBigInt(ip);
  return value - cidr.network >= 0n && value - cidr.network < cidr.size;
}

/** Usable IPv4 host addresses: without network and broadcast address for prefixes up to /30. */
export function ipv4Hosts(cidr: Cidr): string[] {
  if (cidr.family !== 4) return [];
  const start = Number(cidr.network);
  const size = Number(cidr.size);
  const [first, last] = cidr.prefix <= 30 ? [start + 1, start + size - 2] : [start, start + size - 1];
  const hosts: string[] = [];
  for (let n = first; n <= last; n++) hosts.push(numberToIpv4(n >>> 0));
  return hosts;
}
