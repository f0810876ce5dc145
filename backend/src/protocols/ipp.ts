// An IPP client for one read-only question: Get-Printer-Attributes (RFC 8011 §4.2.5), POSTed as
// application/ipp over HTTP (RFC 8010 §4). One connection per request, a hard deadline, a byte
// cap, the socket destroyed on every path. It never submits a job or changes a setting.
import type { IppPrinterInfo } from '../core/types.js';
import { isWholeHttpAnswer } from './http.js';
import { connectTcp, readSome, writeAll } from './tcp.js';
import { decodeIppResponse, getPrinterAttributesRequest, parseDeviceId, type IppResponse } from './ipp-codec.js';

export type { IppPrinterInfo };

export interface IppOptions {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Resource paths tried in turn until one answers in IPP (IPP Everywhere's first, then the root). */
  paths?: readonly string[];
  maxBytes?: number;
}

export const IPP_PATHS = ['/ipp/print', '/'] as const;
const HEADER_END = Buffer.from('\r\n\r\n');

/** Asks for the printer attributes; null when no path answered in IPP (not an IPP server). */
export async function getPrinterAttributes(options: IppOptions): Promise<IppPrinterInfo | null> {
  for (const path of options.paths ?? IPP_PATHS) {
    if (options.signal?.aborted) return null;
    const answer = await ippExchange(options, path).catch(() => null);
    if (answer) return toPrinterInfo(answer, path);
  }
  return null;
}

function toPrinterInfo(answer: IppResponse, path: string): IppPrinterInfo {
  const first = (name: string): string | null => answer.printer[name]?.[0] ?? null;
  const deviceId = first('printer-device-id');
  return {
    version: answer.version,
    path,
    status: answer.status,
    makeAndModel: first('printer-make-and-model'),
    info: first('printer-info'),
    name: first('printer-name'),
    make: deviceId ? parseDeviceId(deviceId).make : null,
    firmware: answer.printer['printer-firmware-string-version'] ?? answer.printer['printer-firmware-version'] ?? [],
    uuid: first('printer-uuid'),
  };
}

/** One POST; the decoded IPP answer, or null when the HTTP answer is not application/ipp. */
async function ippExchange(options: IppOptions, path: string): Promise<IppResponse | null> {
  const hostPort = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
  const body = getPrinterAttributesRequest(`ipp://${hostPort}${path}`);
  const head = `POST ${path} HTTP/1.1\r\nHost: ${hostPort}\r\nUser-Agent: Mamori/0.1 (home network audit)\r\n`
    + `Content-Type: application/ipp\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  const socket = await connectTcp(options);
  try {
    await writeAll(socket, Buffer.concat([Buffer.from(head, 'latin1'), body]));
    const raw = await readSome(socket, {
      timeoutMs: options.timeoutMs, maxBytes: options.maxBytes ?? 64 * 1024, signal: options.signal, until: (data) => isWholeHttpAnswer(data, true),
    });
    const ipp = ippBodyOf(raw);
    return ipp ? decodeIppResponse(ipp) : null;
  } finally {
    socket.destroy();
  }
}

/** The IPP message inside an HTTP answer: a 200 with Content-Type application/ipp, de-chunked. */
export function ippBodyOf(raw: Buffer): Buffer | null {
  let start = 0;
  // Skip interim "100 Continue" answers (bounded: each one consumes its own header block).
  for (let guard = 0; guard < 4; guard++) {
    const end = raw.indexOf(HEADER_END, start);
    if (end === -1) return null;
    const head = raw.subarray(start, end).toString('latin1');
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
    if (status === '100') {
      start = end + 4;
      continue;
    }
    if (status !== '200' || !/\r\ncontent-type:\s*application\/ipp\b/i.test(head)) return null;
    const body = raw.subarray(end + 4);
    return /\r\ntransfer-encoding:\s*chunked/i.test(head) ? dechunk(body) : body;
  }
  return null;
}

/** Joins the chunks of a chunked body; stops at the last chunk, a malformed size or the data's end. */
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1 || lineEnd - at > 16) break;
    const size = parseInt(body.toString('latin1', at, lineEnd), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    const start = lineEnd + 2;
    parts.push(body.subarray(start, Math.min(start + size, body.length)));
    if (start + size > body.length) break;
    at = start + size + 2;
  }
  return Buffer.concat(parts);
}
