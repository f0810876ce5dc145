// The scanner's IPv4 routes through a gateway, read from /proc/net/route (no packet sent). A range
// that no interface is on but that an explicit route leads to (a subnet behind a router) can still
// be audited; the default route never counts: it leads to the Internet, not to a known network.
import { readFileSync } from 'node:fs';
import { numberToIpv4, parseCidr, type Cidr } from './cidr.js';

export interface GatewayRoute {
  /** The interface the route leaves by. */
  interfaceName: string;
  destination: Cidr;
  gateway: string;
}

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;

/** Routes through a gateway, most specific first; [] when the table cannot be read. */
export function listGatewayRoutes(read: () => string = () => readFileSync('/proc/net/route', 'utf8')): GatewayRoute[] {
  let text: string;
  try {
    text = read();
  } catch {
    return [];
  }
  return text.split('\n').slice(1).flatMap((line) => {
    const [iface, destination, gateway, flags, , , , mask] = line.trim().split(/\s+/);
    if (!iface || !destination || !gateway || !flags || !mask) return [];
    const flagBits = parseInt(flags, 16);
    if ((flagBits & RTF_UP) === 0 || (flagBits & RTF_GATEWAY) === 0) return [];
    const prefix = prefixOf(littleEndian(mask));
    if (prefix === null || prefix === 0) return []; // the default route is no way to a known network
    return [{ interfaceName: iface, destination: parseCidr(`${numberToIpv4(littleEndian(destination))}/${prefix}`), gateway: numberToIpv4(littleEndian(gateway)) }];
  }).sort((a, b) => b.destination.prefix - a.destination.prefix);
}

/** The most specific route through a gateway whose destination holds the whole range. */
export function routeTo(target: Cidr, routes: readonly GatewayRoute[]): GatewayRoute | null {
  return routes.find((r) => r.destination.family === target.family && r.destination.prefix <= target.prefix
    && (target.network >> BigInt(32 - r.destination.prefix)) === (r.destination.network >> BigInt(32 - r.destination.prefix))) ?? null;
}

/** /proc/net/route writes addresses as host-order (little-endian) hex. */
function littleEndian(hex: string): number {
  const n = parseInt(hex, 16);
  return (((n & 0xff) << 24) | (((n >>> 8) & 0xff) << 16) | (((n >>> 16) & 0xff) << 8) | ((n >>> 24) & 0xff)) >>> 0;
}

function prefixOf(mask: number): number | null {
  let prefix = 0;
  while (prefix < 32 && ((mask >>> (31 - prefix)) & 1) === 1) prefix++;
  const canonical = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (mask >>> 0) === canonical ? prefix : null;
}
