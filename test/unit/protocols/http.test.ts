import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlTitle, httpRequest, parseHttpResponse } from '../../../backend/src/protocols/http.js';
import {
  freePort, LOOPBACK, startHttpServer, startSilentServer, startTcpServer, timed, timedRejection, type RunningServer,
} from '../../helpers/net.js';

const TEN_MB = 10 * 1024 * 1024;
const raw = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('parseHttpResponse', () => {
  it('reads status, status text, headers (lower-cased) and body', () => {
    const response = parseHttpResponse(raw('HTTP/1.1 401 Unauthorized\r\nServer: lighttpd/1.4.35\r\nContent-Length: 5\r\n\r\nhello'));
    expect(response.status).toBe(401);
    expect(response.statusText).toBe('Unauthorized');
    expect(response.headers['server']).toBe('lighttpd/1.4.35');
    expect(response.body).toBe('hello');
    expect(response.truncated).toBe(false);
  });

  it('keeps every value of a repeated header in rawHeaders', () => {
    const response = parseHttpResponse(raw(
      'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="cam", nonce="abc"\r\nWWW-Authenticate: Basic realm="cam"\r\n\r\n',
    ));
    expect(response.rawHeaders.filter(([name]) => name === 'www-authenticate').map(([, value]) => value))
      .toEqual(['Digest realm="cam", nonce="abc"', 'Basic realm="cam"']);
  });

  it('decodes a chunked body (with a chunk extension) and leaves a plain body alone', () => {
    const chunked = parseHttpResponse(raw('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n'));
    expect(chunked.body).toBe('hello, world');
    const plain = parseHttpResponse(raw('HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n5\r\nhello\r\n0\r\n'));
    expect(plain.body).toBe('5\r\nhello\r\n0\r\n');
  });

  it('decodes UTF-8 bodies', () => {
    const bytes = Buffer.concat([raw('HTTP/1.1 200 OK\r\n\r\n'), Buffer.from('<title>カメラ</title>', 'utf8')]);
    expect(htmlTitle(parseHttpResponse(bytes).body)).toBe('カメラ');
  });

  it('parses truncated input: a cut-off head gives headers and an empty body, a cut-off chunk gives what arrived', () => {
    const head = parseHttpResponse(raw('HTTP/1.0 200 OK\r\nServer: GoAhead-Webs\r\nContent-Ty'), true);
    expect(head.status).toBe(200);
    expect(head.headers['server']).toBe('GoAhead-Webs');
    expect(head.body).toBe('');
    expect(head.truncated).toBe(true);
    const chunk = parseHttpResponse(raw('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nhel'));
    expect(chunk.body).toBe('hel');
  });

  it('accepts an RTSP status line', () => {
    expect(parseHttpResponse(raw('RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n')).status).toBe(200);
  });

  it('throws on input that is not an HTTP response', () => {
    expect(() => parseHttpResponse(raw('SSH-2.0-OpenSSH_9.2p1\r\n'))).toThrow(/not an HTTP response/);
    expect(() => parseHttpResponse(raw(''))).toThrow(/not an HTTP response/);
    expect(() => parseHttpResponse(raw('GET / HTTP/1.1\r\n\r\n'))).toThrow(/not an HTTP response/);
    expect(() => parseHttpResponse(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05]))).toThrow(/not an HTTP response/);
  });
});

describe('htmlTitle', () => {
  it('finds the title case-insensitively, with attributes, and collapses whitespace', () => {
    expect(htmlTitle('<html><head><TITLE lang="en">\n  Web   Admin\n</TITLE></head>')).toBe('Web Admin');
  });

  it('returns null without a title or with an unclosed one', () => {
    expect(htmlTitle('<html><body>hi</body></html>')).toBeNull();
    expect(htmlTitle('<title>never closed')).toBeNull();
    expect(htmlTitle('')).toBeNull();
  });
});

describe('httpRequest against a real node:http server on loopback', () => {
  let web: RunningServer;
  let big: RunningServer;
  let tarpit: RunningServer;
  let slow: RunningServer;
  const seen: Array<{ method: string; url: string; host: string | undefined; ua: string | undefined }> = [];

  beforeAll(async () => {
    web = await startHttpServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host, ua: req.headers['user-agent'] });
      if (req.url === '/admin') {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"', Server: 'Boa/0.94.14rc21' });
        res.end('denied');
        return;
      }
      if (req.url === '/chunked') {
        res.writeHead(200, { Server: 'mini_httpd' });
        res.write('<title>Chun');
        setTimeout(() => res.end('ked</title>'), 20);
        return;
      }
      res.writeHead(200, { Server: 'lighttpd', 'Content-Type': 'text/html' });
      res.end('<html><title>Router Login</title></html>');
    });
    big = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(TEN_MB) });
      res.end(Buffer.alloc(TEN_MB, 0x61));
    });
    tarpit = await startSilentServer();
    // Sends a head promising 1000 bytes, 7 of them, then nothing more.
    slow = await startTcpServer((socket) => {
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial'));
    });
  });

  afterAll(async () => {
    await Promise.all([web, big, tarpit, slow].map((s) => s?.close()));
  });

  it('reads status, Server header and the page', async () => {
    const response = await httpRequest({ host: LOOPBACK, port: web.port, timeoutMs: 2000 });
    expect(response.status).toBe(200);
    expect(response.headers['server']).toBe('lighttpd');
    expect(htmlTitle(response.body)).toBe('Router Login');
    expect(response.truncated).toBe(false);
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/', host: `${LOOPBACK}:${web.port}` });
    expect(seen.at(-1)?.ua).toMatch(/^Mamori\//);
  });

  it('reports WWW-Authenticate and the 401 of a protected page', async () => {
    const response = await httpRequest({ host: LOOPBACK, port: web.port, path: '/admin', timeoutMs: 2000 });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="x"');
    expect(response.headers['server']).toBe('Boa/0.94.14rc21');
    expect(response.body).toBe('denied');
  });

  it('decodes a chunked answer that arrives in pieces', async () => {
    const response = await httpRequest({ host: LOOPBACK, port: web.port, path: '/chunked', timeoutMs: 2000 });
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(htmlTitle(response.body)).toBe('Chunked');
  });

  it('caps a 10 MB body at maxBytes and marks it truncated', async () => {
    const { value, ms } = await timed(() => httpRequest({ host: LOOPBACK, port: big.port, timeoutMs: 5000, maxBytes: 32 * 1024 }));
    expect(value.status).toBe(200);
    expect(value.truncated).toBe(true);
    expect(value.body.length).toBeLessThanOrEqual(32 * 1024);
    expect(value.body.length).toBeGreaterThan(30 * 1024);
    expect(ms).toBeLessThan(1500);
  });

  it('a body under maxBytes is complete and not truncated', async () => {
    const response = await httpRequest({ host: LOOPBACK, port: web.port, timeoutMs: 2000, maxBytes: 32 * 1024 });
    expect(response.truncated).toBe(false);
  });

  it('is bounded by timeoutMs against a tarpit that never answers', async () => {
    const { error, ms } = await timedRejection(() => httpRequest({ host: LOOPBACK, port: tarpit.port, timeoutMs: 400 }));
    expect(error.message).toMatch(/not an HTTP response/);
    expect(ms).toBeLessThan(400 + 600);
  });

  it('returns what arrived when the body stalls (bounded by timeoutMs)', async () => {
    const { value, ms } = await timed(() => httpRequest({ host: LOOPBACK, port: slow.port, timeoutMs: 400 }));
    expect(value.status).toBe(200);
    expect(value.body).toBe('partial');
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(400 + 600);
  });

  it('rejects on a closed port', async () => {
    const closed = await freePort();
    await expect(httpRequest({ host: LOOPBACK, port: closed, timeoutMs: 1000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
