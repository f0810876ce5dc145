// SSDP (UPnP discovery), the socket part: M-SEARCH to 239.255.255.250:1900 from an ephemeral port
// bound to the scanned interface; every device answers us by unicast. No dependency: node-ssdp's
// server side is broken on Linux with an explicit bind and it drags in old packages (notes §8).
import { createSocket, type RemoteInfo } from 'node:dgram';
import { datagramSender, guardInput } from './input-guard.js';

export const SSDP_GROUP = '239.255.255.250';
export const SSDP_PORT = 1900;
/** An M-SEARCH answer is a few hundred bytes; anything near a full datagram is not one. */
export const MAX_SSDP_PACKET = 8192;
const MAX_HEADERS = 64;
const MAX_HEADER_VALUE = 1024;

export interface SsdpResponse {
  status: number;
  /** Header names in lower case; the first occurrence wins. */
  headers: Record<string, string>;
}

export type SsdpParse = { ok: true; response: SsdpResponse } | { ok: false; reason: string };

export function mSearchMessage(searchTarget = 'ssdp:all', mx = 1): string {
  return [
    'M-SEARCH * HTTP/1.1',
    `HOST: ${SSDP_GROUP}:${SSDP_PORT}`,
    'MAN: "ssdp:discover"',
    `MX: ${mx}`,
    `ST: ${searchTarget}`,
    'USER-AGENT: Linux UPnP/1.1 Mamori/0.1',
    '', '',
  ].join('\r\n');
}

/** Parses an M-SEARCH answer ("HTTP/1.1 200 OK" + headers). Never throws. */
export function parseSsdpResponse(buf: Buffer): SsdpParse {
  if (buf.length > MAX_SSDP_PACKET) return { ok: false, reason: `datagram of ${buf.length} bytes is too large for SSDP` };
  const text = buf.toString('latin1');
  const lines = text.split(/\r?\n/);
  const status = /^HTTP\/1\.[01] (\d{3})\b/i.exec(lines[0] ?? '');
  if (!status) return { ok: false, reason: `not an SSDP answer: ${JSON.stringify((lines[0] ?? '').slice(0, 40))}` };
  const headers: Record<string, string> = {};
  let count = 0;
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // a line without a header name is skipped, not fatal
    if (++count > MAX_HEADERS) return { ok: false, reason: `more than ${MAX_HEADERS} header lines` };
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim().replace(/\p{Cc}/gu, '').slice(0, MAX_HEADER_VALUE);
    if (!Object.hasOwn(headers, name)) headers[name] = value;
  }
  return { ok: true, response: { status: Number(status[1]), headers } };
}

export interface MSearchOptions {
  interfaceAddress: string | null;
  /** When to send an M-SEARCH, in ms from the start: twice, since UDP may drop one. */
  sendAt: readonly number[];
  /** How long to listen after the last send (MX plus a margin). */
  listenMs: number;
  mx?: number;
  signal: AbortSignal;
  /** Tests point the search at a loopback responder instead of the multicast group. */
  destination?: { address: string; port: number };
  onResponse(from: string, response: SsdpResponse): void;
  onMalformed(from: string, reason: string): void;
  onError(error: Error): void;
}

/** Sends the searches, listens, and resolves when the time is up (or the scan is cancelled). */
export function mSearch(options: MSearchOptions): Promise<void> {
  const destination = options.destination ?? { address: SSDP_GROUP, port: SSDP_PORT };
  const message = Buffer.from(mSearchMessage('ssdp:all', options.mx ?? 1));
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const timers: NodeJS.Timeout[] = [];
    let finished = false;
    let bound = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal.removeEventListener('abort', finish);
      socket.close();
      resolve();
    };
    socket.on('error', (error) => {
      options.onError(error);
      if (!bound) finish(); // could not bind: nothing to listen on
    });
    socket.on('message', guardInput('ssdp', datagramSender, (buf: Buffer, rinfo: RemoteInfo) => {
      const parsed = parseSsdpResponse(buf);
      if (parsed.ok) options.onResponse(rinfo.address, parsed.response);
      else options.onMalformed(rinfo.address, parsed.reason);
    }));
    if (options.signal.aborted) return finish();
    options.signal.addEventListener('abort', finish, { once: true });
    socket.bind({ address: options.interfaceAddress ?? undefined, port: 0 }, () => {
      bound = true;
      if (finished) return;
      try {
        if (options.interfaceAddress) socket.setMulticastInterface(options.interfaceAddress);
        socket.setMulticastTTL(2);
      } catch (error) {
        options.onError(error as Error);
      }
      for (const at of options.sendAt) {
        timers.push(setTimeout(() => {
          if (!finished) socket.send(message, destination.port, destination.address, (error) => { if (error) options.onError(error); });
        }, at));
      }
      timers.push(setTimeout(finish, Math.max(0, ...options.sendAt) + options.listenMs));
    });
  });
}
