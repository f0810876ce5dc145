// Compression without a dependency: Node's zlib, brotli first then gzip, as the browser accepts.
// JSON answers are compressed when they are worth it (≥ 1 KiB); the dashboard's files are
// compressed once and kept (they change only with a new build). Hashed build files
// (assets/name-HASH.js) never change under the same name: cached for a year, immutable; the rest
// (index.html, favicon) must be revalidated so a new build is seen at once.
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { RequestHandler, Response } from 'express';

export type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (q=0 refuses), or null. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/** Brotli at quality 5 (quick enough per request, close to the best size on JSON), gzip at level 6. */
export function compress(body: Buffer, encoding: Encoding, quality = 5): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 6 });
}

const MIN_BYTES = 1024;

function sendEncoded(res: Response, body: Buffer, encoding: Encoding | null): void {
  res.vary('Accept-Encoding');
  if (encoding) {
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', String(body.length));
  }
  res.end(body);
}

/** res.json compressed when the client accepts it and the body is worth it. */
export function compressJson(): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = (value: unknown) => {
      const encoding = pickEncoding(req.headers['accept-encoding']);
      const text = JSON.stringify(value);
      if (!encoding || text === undefined || Buffer.byteLength(text) < MIN_BYTES || req.method === 'HEAD') return json(value);
      if (!res.getHeader('Content-Type')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
      sendEncoded(res, compress(Buffer.from(text), encoding), encoding);
      return res;
    };
    next();
  };
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.map', '.txt']);
/** Vite's hashed names: assets/Name-8charHash.ext */
export const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;
export const LONG_CACHE = 'public, max-age=31536000, immutable';

interface Cached { mtimeMs: number; plain: Buffer; encoded: Partial<Record<Encoding, Buffer>> }

/** The dashboard's files, compressed once per build; hashed files cached for a year. Falls through for anything else. */
export function staticFiles(root: string): RequestHandler {
  const cache = new Map<string, Cached>();
  const base = normalize(root + sep);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = normalize(join(root, path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(base) || path.endsWith('/') || !type) return next();
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return next();
    }
    if (!stat.isFile()) return next();
    let entry = cache.get(file);
    if (!entry || entry.mtimeMs !== stat.mtimeMs) {
      entry = { mtimeMs: stat.mtimeMs, plain: readFileSync(file), encoded: {} };
      cache.set(file, entry);
    }
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? LONG_CACHE : 'no-cache');
    res.setHeader('Last-Modified', stat.mtime.toUTCString());
    const since = Date.parse(String(req.headers['if-modified-since'] ?? ''));
    if (!Number.isNaN(since) && Math.floor(stat.mtimeMs / 1000) * 1000 <= since) return void res.status(304).end();
    const encoding = COMPRESSIBLE.has(extname(file)) && entry.plain.length >= MIN_BYTES ? pickEncoding(req.headers['accept-encoding']) : null;
    let body = entry.plain;
    if (encoding) body = entry.encoded[encoding] ??= compress(entry.plain, encoding, 11); // once per build: best size
    if (req.method === 'HEAD') {
      res.vary('Accept-Encoding');
      if (encoding) res.setHeader('Content-Encoding', encoding);
      res.setHeader('Content-Length', String(body.length));
      return void res.end();
    }
    if (!encoding) res.setHeader('Content-Length', String(body.length));
    sendEncoded(res, body, encoding);
  };
}
