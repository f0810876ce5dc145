// A small HTTP/1.1 client over raw sockets (plain or TLS) so every request has a hard deadline
// and a byte cap — an IoT web server may tarpit, stream forever or send a 10 MB page.
import type { Socket } from 'node:net';
import { connectTcp, readSome, writeAll } from './tcp.js';
import { openTls } from './tls.js';

export interface HttpRequest {
  host: string;
  port: number;
  tls?: boolean;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** All values of headers that may repeat (WWW-Authenticate, Set-Cookie). */
  rawHeaders: Array<[string, string]>;
  body: string;
  truncated: boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const maxBytes = request.maxBytes ?? 256 * 1024;
  const socket: Socket = request.tls
    ? await openTls({ host: request.host, port: request.port, timeoutMs: request.timeoutMs, signal: request.signal })
    : await connectTcp({ host: request.host, port: request.port, timeoutMs: request.timeoutMs, signal: request.signal });
  try {
    const hostHeader = request.port === (request.tls ? 443 : 80) ? request.host : `${request.host}:${request.port}`;
    const headers: Record<string, string> = {
      Host: hostHeader,
      'User-Agent': 'Mamori/0.1 (home network audit)',
      Accept: '*/*',
      Connection: 'close',
      ...request.headers,
    };
    if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
    const head = `${request.method ?? 'GET'} ${request.path ?? '/'} HTTP/1.1\r\n`
      + Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n') + '\r\n\r\n';
    await writeAll(socket, head + (request.body ?? ''));
    const raw = await readSome(socket, {
      timeoutMs: request.timeoutMs,
      maxBytes,
      signal: request.signal,
      until: (data) => isWholeHttpAnswer(data),
    });
    return parseHttpResponse(raw, raw.length >= maxBytes);
  } finally {
    socket.destroy();
  }
}

/**
 * Whether `data` holds a whole HTTP answer: its head and, by Content-Length or chunked framing, its
 * body. `waitPastContinue`: a "100 Continue" is only an interim answer, the real one follows (a POST).
 */
export function isWholeHttpAnswer(data: Buffer, waitPastContinue = false): boolean {
  const end = data.indexOf(HEADER_END);
  if (end === -1) return false;
  const head = data.subarray(0, end).toString('latin1');
  if (waitPastContinue && /^HTTP\/1\.1 100\b/.test(head)) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return data.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return data.subarray(end).includes(Buffer.from('\r\n0\r\n\r\n'));
  // HEAD-like answers and 1xx/204/304 have no body.
  return /^HTTP\/\d\.\d (1\d\d|204|304)/.test(head);
}

/** Parses a (possibly truncated) HTTP response. Throws if it does not start like one. */
export function parseHttpResponse(raw: Buffer, truncated = false): HttpResponse {
  const text = raw.toString('latin1');
  const statusLine = /^(HTTP|RTSP)\/\d\.\d (\d{3})(?: ([^\r\n]*))?/.exec(text);
  // The raw answer travels with the error: a slow server-first protocol (an SSH banner that came
  // late) is still recognisable from it.
  if (!statusLine) throw Object.assign(new Error('not an HTTP response'), { raw: raw.subarray(0, 4096) });
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const rawHeaders: Array<[string, string]> = [];
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) rawHeaders.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  const headers = Object.fromEntries(rawHeaders);
  let body = end === -1 ? '' : text.slice(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = decodeChunked(body);
  return {
    status: Number(statusLine[2]),
    statusText: statusLine[3] ?? '',
    headers,
    rawHeaders,
    body: Buffer.from(body, 'latin1').toString('utf8'),
    truncated,
  };
}

function decodeChunked(body: string): string {
  let out = '';
  let rest = body;
  for (let guard = 0; guard < 10_000; guard++) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd === -1) break;
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
  return out;
}

const MAX_TITLE = 200;

/**
 * The page's <title> (the first one closed within 200 characters). A forward scan: the regex it
 * replaces re-read the rest of the page from every "<title" without a ">" (issue #21).
 */
export function htmlTitle(body: string): string | null {
  const opening = /<title/gi;
  let close = -1; // the first ">" after the current "<title", reused while it still lies ahead
  for (let m = opening.exec(body); m; m = opening.exec(body)) {
    const afterName = m.index + 6;
    if (close < afterName) close = body.indexOf('>', afterName);
    if (close === -1) return null; // no ">" anywhere further: no title can follow
    const end = body.indexOf('<', close + 1);
    if (end === -1) return null;
    if (end - close - 1 <= MAX_TITLE && body.slice(end, end + 8).toLowerCase() === '</title>') {
      return body.slice(close + 1, end).trim().replace(/\s+/g, ' ');
    }
    opening.lastIndex = Math.max(opening.lastIndex, end); // no "<title" before `end` can do better
  }
  return null;
}
