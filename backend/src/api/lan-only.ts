// Inbound stays on the LAN: the dashboard, the API and the socket answer only peers on loopback,
// link-local, private or unique-local addresses (plus ranges the owner adds, e.g. a VPN's
// 100.64.0.0/10). This used to be the systemd unit's IPAddressDeny=any, which also blocked every
// alert to a public server (ntfy.sh, a mail provider); the kernel cannot tell the two directions
// apart there, so the app checks the peer of every connection itself. The peer is the socket's
// own address, never a forwarded header: behind a reverse proxy that is the proxy.
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { cidrContains, parseCidr, type Cidr } from '../scope/cidr.js';
import { localBlockOf } from '../scope/policy.js';

const LOOPBACK = [parseCidr('127.0.0.0/8'), parseCidr('::1/128')];

/** "::ffff:192.168.1.5" (an IPv4 client on a dual-stack socket) → "192.168.1.5". */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).split('%')[0]!;
}

export function parseClientRanges(texts: readonly string[]): Cidr[] {
  return texts.map((text) => parseCidr(text));
}

/** Whether a connection from `address` may be answered. A Unix-socket peer (no address) is local. */
export function peerAllowed(address: string | undefined, extra: readonly Cidr[] = []): boolean {
  if (address === undefined || address === '') return true;
  const ip = plainAddress(address);
  let host: Cidr;
  try { host = parseCidr(ip); } catch { return false; }
  if (localBlockOf(host) !== null) return true;
  return [...LOOPBACK, ...extra].some((range) => cidrContains(range, ip));
}

export function lanPeer(req: IncomingMessage, extra: readonly Cidr[]): boolean {
  return peerAllowed(req.socket.remoteAddress, extra);
}

/** Express guard, first in the chain: a peer outside the LAN gets 403 and nothing else. */
export function guardLanPeers(extra: readonly Cidr[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (lanPeer(req, extra)) return next();
    res.status(403).json({ error: 'this appliance answers only its local network' });
  };
}
