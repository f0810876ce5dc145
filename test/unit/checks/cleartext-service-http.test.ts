import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleartextServiceHttp } from '../../../backend/src/checks/cleartext-service-http.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { startHttpServer, type RunningServer } from '../../helpers/net.js';

let servers: Record<string, RunningServer>;

const challenge = (value: string) => startHttpServer((_req, res) => {
  res.writeHead(401, { 'WWW-Authenticate': value, 'Content-Type': 'text/html' });
  res.end('<title>401</title>');
});

beforeAll(async () => {
  const [basic, digest, bearer, form, publicPage, toHttps] = await Promise.all([
    challenge('Basic realm="DS-2CD2042WD-I"'),
    challenge('Digest realm="IP Camera", qop="auth", nonce="abc", opaque="def"'),
    challenge('Bearer realm="api"'),
    // The login form sits one redirect away from /, as on most routers.
    startHttpServer((req, res) => {
      if (req.url === '/') { res.writeHead(302, { Location: '/login.html' }); res.end(); return; }
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<form method="post" action="/login.cgi"><input name="user"><input type="password" name="pass"></form>');
    }),
    startHttpServer((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<title>Kitchen Plug - Main Menu</title><p>Tasmota</p>'); }),
    startHttpServer((_req, res) => { res.writeHead(301, { Location: 'https://127.0.0.1/' }); res.end(); }),
  ]);
  servers = { basic, digest, bearer, form, publicPage, toHttps };
}, 30_000);

afterAll(async () => {
  await Promise.all(Object.values(servers ?? {}).map((s) => s.close()));
});

function target(port: number, service = 'http'): { device: Device; service: Service } {
  const svc = { ...tcpService(port, service), encrypted: service === 'https' };
  const device = loopbackDevice();
  device.services = [svc];
  return { device, service: svc };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 1000 } });

describe('cleartext-service-http', () => {
  it('is registered, non-intrusive, plain HTTP only', () => {
    expect(checks).toContain(cleartextServiceHttp);
    expect(cleartextServiceHttp).toMatchObject({ intrusive: false, finding: { family: 'cleartext-service', service: 'http' } });
    expect(cleartextServiceHttp.appliesTo(target(80))).toBe(true);
    expect(cleartextServiceHttp.appliesTo(target(443, 'https'))).toBe(false);
  });

  it('confirms Basic authentication on plain HTTP, at high severity (the password is only base64)', async () => {
    const t = target(servers.basic!.port);
    const results = await cleartextServiceHttp.run(t, ctx());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ confidence: 'confirmed', severity: 'high' });
    expect(results[0]!.evidence).toContain('HTTP Basic authentication (realm "DS-2CD2042WD-I")');
    expect(buildFinding(cleartextServiceHttp, t, results[0]!)).toMatchObject({ family: 'cleartext-service', service: 'http', severity: 'high' });
  });

  it('confirms Digest authentication at the knowledge severity', async () => {
    const results = await cleartextServiceHttp.run(target(servers.digest!.port), ctx());
    expect(results[0]).toMatchObject({ confidence: 'confirmed' });
    expect(results[0]!.severity).toBeUndefined();
    expect(results[0]!.evidence).toContain('HTTP Digest authentication');
  });

  it('follows a redirect to a login form with a password field', async () => {
    const results = await cleartextServiceHttp.run(target(servers.form!.port), ctx());
    expect(results[0]?.evidence).toMatch(/^GET \/login\.html on plain HTTP port \d+ serves a login form with a password field/);
  });

  it('reports no page without a login, no redirect to HTTPS and no other auth scheme (negative controls)', async () => {
    for (const name of ['publicPage', 'toHttps', 'bearer']) {
      expect(await cleartextServiceHttp.run(target(servers[name]!.port), ctx()), name).toEqual([]);
    }
  });
});
