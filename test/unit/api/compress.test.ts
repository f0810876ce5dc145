// Compression and caching (api/compress.ts) over a real loopback server: brotli or gzip as the
// client accepts, plain when it accepts neither, a year's immutable cache for hashed build files
// only, and nothing outside the dashboard's folder.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressJson, LONG_CACHE, pickEncoding, staticFiles } from '../../../backend/src/api/compress.js';

const root = mkdtempSync(join(tmpdir(), 'mamori-compress-'));
const script = `export const words = ${JSON.stringify(Array.from({ length: 4000 }, (_, i) => `word-${i % 50}`))};\n`;
const knowledge = { entries: Array.from({ length: 300 }, (_, i) => ({ family: 'cleartext-service', service: `svc-${i % 7}`, text: 'Telnet sends passwords in clear text.' })) };
let server: Server;
let port = 0;

beforeAll(async () => {
  mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(root, 'dist', 'assets', 'index-CQr9fnHh.js'), script);
  writeFileSync(join(root, 'dist', 'index.html'), `<!doctype html><title>Mamori</title>${'<!-- pad -->'.repeat(200)}`);
  writeFileSync(join(root, 'secret.txt'), 'outside the dashboard folder');
  const app = express();
  app.use('/api', compressJson());
  app.get('/api/knowledge', (_req, res) => { res.json(knowledge); });
  app.get('/api/small', (_req, res) => { res.json({ ok: true }); });
  app.use(staticFiles(join(root, 'dist')));
  app.use((_req, res) => { res.status(404).end('not found'); });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('pickEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip', 'gzip'], ['identity', null], [undefined, null], ['*', 'br'], ['*;q=0', null],
  ])('%s → %s', (header, expected) => expect(pickEncoding(header)).toBe(expected));
});

describe('the dashboard files', () => {
  it('sends a hashed script brotli-compressed, cached for a year, immutable', async () => {
    const res = await get('/assets/index-CQr9fnHh.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(LONG_CACHE);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
    expect(res.body.length).toBeLessThan(script.length / 4);
  });
  it('sends gzip to a client without brotli, and plain text to one without either', async () => {
    const gz = await get('/assets/index-CQr9fnHh.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get('/assets/index-CQr9fnHh.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });
  it('has index.html revalidated (not the year-long cache), and answers 304 when unchanged', async () => {
    const res = await get('/index.html', { 'accept-encoding': 'br' });
    expect(res.headers['cache-control']).toBe('no-cache');
    const again = await get('/index.html', { 'if-modified-since': String(res.headers['last-modified']) });
    expect(again.status).toBe(304);
  });
  it('serves nothing outside its folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await get(path);
      expect(res.body.toString()).not.toContain('outside the dashboard folder');
    }
  });
});

describe('JSON answers', () => {
  it('compresses the knowledge base and leaves tiny answers alone', async () => {
    const big = await get('/api/knowledge', { 'accept-encoding': 'br' });
    expect(big.headers['content-encoding']).toBe('br');
    expect(big.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(brotliDecompressSync(big.body).toString())).toEqual(knowledge);
    const gz = await get('/api/knowledge', { 'accept-encoding': 'gzip' });
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(knowledge);
    const small = await get('/api/small', { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ ok: true });
  });
});
