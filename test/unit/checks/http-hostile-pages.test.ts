// Pages built to make the HTTP checks' page scans quadratic ("<meta" or "<input" repeated without a
// ">"), served by real node:http servers on loopback. The old whole-page regexes took seconds per
// page; the checks must answer well inside the test timeout, and still find what is really there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleartextServiceHttp } from '../../../backend/src/checks/cleartext-service-http.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { startHttpServer, type RunningServer } from '../../helpers/net.js';

const PAGE = 127 * 1024;
let servers: Record<string, RunningServer>;

const page = (body: string) => startHttpServer((req, res) => {
  if (req.url === '/login.html') { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<form><input name="u"><input type="password" name="p"></form>'); return; }
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end(body);
});

beforeAll(async () => {
  const [metas, inputs, refresh] = await Promise.all([
    page('<meta '.repeat(Math.floor(PAGE / 6))),
    page('<input '.repeat(Math.floor(PAGE / 7))),
    page(`${'<meta charset=utf-8>'.repeat(2000)}<meta http-equiv="refresh" content="0; url=/login.html">`),
  ]);
  servers = { metas, inputs, refresh };
}, 30_000);

afterAll(async () => { await Promise.all(Object.values(servers ?? {}).map((s) => s.close())); });

function run(server: RunningServer) {
  const service = tcpService(server.port, 'http');
  const device = loopbackDevice();
  device.services = [service];
  return cleartextServiceHttp.run({ device, service }, testContext({ tuning: { exchangeTimeoutMs: 3000 } }));
}

describe('cleartext-service-http on hostile pages', () => {
  it('"<meta" repeated over 127 KiB: no redirect, no finding', { timeout: 4000 }, async () => {
    expect(await run(servers.metas!)).toEqual([]);
  });

  it('"<input" repeated over 127 KiB: no password field, no finding', { timeout: 4000 }, async () => {
    expect(await run(servers.inputs!)).toEqual([]);
  });

  it('a real meta refresh after 2000 other meta tags is still followed to the login form', async () => {
    const [found] = await run(servers.refresh!);
    expect(found?.evidence).toMatch(/GET \/login\.html .* password field/);
  });
});
