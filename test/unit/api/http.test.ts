// The REST API of a running appliance on 127.0.0.1: which routes need a session, the CSRF/origin
// guard, bad input, security headers. No test here starts a scan that passes the scope policy.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth } from '../../../backend/src/api/auth.js';
import { createHttpApp } from '../../../backend/src/api/http.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import {
  makeTempDir, removeDir, setUpOwner, startTestAppliance, type HttpResult, type TestAppliance,
} from '../../helpers/appliance.js';

const HTTP_SOURCE = fileURLToPath(new URL('../../../backend/src/api/http.ts', import.meta.url));
const PUBLIC_ROUTES = ['GET /api/health', 'GET /api/session', 'POST /api/setup', 'POST /api/login', 'POST /api/logout'];
/** Every route that must refuse a client without a session; checked against the app below. */
const PROTECTED: Array<{ method: 'GET' | 'POST' | 'PATCH'; path: string; body?: unknown }> = [
  { method: 'GET', path: '/api/state' },
  { method: 'GET', path: '/api/knowledge' },
  { method: 'POST', path: '/api/scans', body: { targets: ['8.8.8.0/24'] } },
  { method: 'POST', path: '/api/scans/cancel' },
  { method: 'PATCH', path: '/api/devices/:id', body: { type: 'tv' } },
  { method: 'POST', path: '/api/password', body: { current: 'correct horse battery staple', next: 'another long passphrase' } },
];
/** Routes of mounted routers (not in the router stack above) that must refuse a client without a session too. */
const MOUNTED_PROTECTED: typeof PROTECTED = [
  { method: 'POST', path: '/api/findings/:key/retest' },
  { method: 'POST', path: '/api/findings/:key/accept', body: { reason: 'known', until: '2999-01-01' } },
  { method: 'POST', path: '/api/findings/:key/false-positive', body: { reason: 'not a camera' } },
  { method: 'POST', path: '/api/findings/:key/reopen' },
];

let test: TestAppliance;
let session: string;
const dirs: string[] = [];

beforeAll(async () => {
  test = await startTestAppliance();
  dirs.push(test.dataDir);
  session = await setUpOwner(test);
});

afterAll(async () => {
  await test?.stop();
  for (const dir of dirs) await removeDir(dir);
});

function errorOf(result: HttpResult): string {
  return (result.json as { error?: string } | undefined)?.error ?? '';
}

function expectJsonError(result: HttpResult, status: number): void {
  expect(result.status, result.text).toBe(status);
  expect(result.headers['content-type']).toMatch(/^application\/json/);
  expect(errorOf(result)).not.toBe('');
  expect(result.text).not.toMatch(/<html|<pre|\bat .*\(|node_modules|\.ts:\d+/i);
}

describe('routes that need a session', () => {
  it('the protected list covers every route registered in api/http.ts (router stack)', async () => {
    const dir = await makeTempDir();
    dirs.push(dir);
    const auth = await Auth.open(`${dir}/auth.json`);
    const app = createHttpApp({
      auth, log: createLogger({ level: 'silent' }), snapshot: () => { throw new Error('unused'); },
      startScan: () => ({ ok: false, error: 'unused' }), cancelScan: () => false,
      staticDir: null, allowedOrigins: [], version: 'test',
    });
    type Layer = { route?: { path: string; methods: Record<string, boolean> } };
    const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
    const registered = stack.flatMap((layer) => layer.route
      ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`)
      : []);
    expect(registered.length).toBeGreaterThan(PUBLIC_ROUTES.length);
    const protectedRoutes = registered.filter((r) => !PUBLIC_ROUTES.includes(r));
    expect(protectedRoutes.sort()).toEqual(PROTECTED.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of PUBLIC_ROUTES) expect(registered).toContain(route);
  });

  it('the protected list also covers every route written in the source of api/http.ts', async () => {
    const source = await readFile(HTTP_SOURCE, 'utf8');
    const written = [...source.matchAll(/\b(?:app|router)\.(get|post|put|patch|delete|all)\(\s*'(\/api[^']*)'/g)]
      .map((m) => `${m[1]!.toUpperCase()} ${m[2]}`);
    expect(written.filter((r) => !PUBLIC_ROUTES.includes(r)).sort()).toEqual(PROTECTED.map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const route of [...PROTECTED, ...MOUNTED_PROTECTED]) {
    it(`${route.method} ${route.path} refuses a client without a session (401)`, async () => {
      const anonymous = await test.request({ method: route.method, path: route.path, body: route.body });
      expectJsonError(anonymous, 401);
      const forged = await test.request({ method: route.method, path: route.path, body: route.body, session: 'A'.repeat(43) });
      expectJsonError(forged, 401);
    });
  }

  it('the same routes answer with a session', async () => {
    expect((await test.request({ path: '/api/state', session })).status).toBe(200);
    expect((await test.request({ method: 'POST', path: '/api/scans/cancel', session })).json).toEqual({ cancelled: false });
  });

  it('GET /api/state returns the snapshot', async () => {
    const state = await test.request({ path: '/api/state', session });
    const body = state.json as Record<string, unknown>;
    expect(body).toMatchObject({ devices: [], findings: [], scans: [], running: null, progress: null });
    expect(body['settings']).toMatchObject({ loginChecks: false });
  });

  it('a malformed session cookie is just "not signed in", not a 500', async () => {
    const response = await test.request({ path: '/api/state', headers: { cookie: 'mamori_session=%E0%A4%A' } });
    expectJsonError(response, 401);
    const info = await test.request({ path: '/api/session', headers: { cookie: 'mamori_session=%E0%A4%A' } });
    expect(info.status).toBe(200);
    expect(info.json).toEqual({ authenticated: false, needsSetup: false });
  });

  it('POST /api/scans for a public range is refused by the scope policy and starts nothing', async () => {
    const response = await test.request({ method: 'POST', path: '/api/scans', session, body: { targets: ['8.8.8.0/24'] } });
    expectJsonError(response, 409);
    expect(errorOf(response)).toMatch(/not a private/);
    expect(test.scanStarts).toEqual([['8.8.8.0/24']]); // it did reach the real ScanService…
    expect(test.appliance.scans.running).toBeNull(); // …which refused it
    expect(((await test.request({ path: '/api/state', session })).json as { scans: unknown[] }).scans).toEqual([]);
  });
});

describe('CSRF and origin guard', () => {
  it('refuses a POST from a foreign origin even with a valid cookie and the header (403)', async () => {
    const response = await test.request({ method: 'POST', path: '/api/scans/cancel', session, headers: { origin: 'http://evil.example' } });
    expectJsonError(response, 403);
    expect(errorOf(response)).toMatch(/origin/);
  });

  it('refuses a foreign origin that only differs in port or scheme', async () => {
    const url = new URL(test.origin);
    for (const origin of [`http://127.0.0.1:${Number(url.port) + 1}`, `https://127.0.0.1:${url.port}`, 'null']) {
      expectJsonError(await test.request({ method: 'POST', path: '/api/scans/cancel', session, headers: { origin } }), 403);
    }
  });

  it('refuses a POST without the x-mamori header (403)', async () => {
    const response = await test.request({ method: 'POST', path: '/api/scans/cancel', session, csrfHeader: false });
    expectJsonError(response, 403);
    expect(errorOf(response)).toMatch(/x-mamori/);
    const wrongValue = await test.request({ method: 'POST', path: '/api/scans/cancel', session, headers: { 'x-mamori': 'yes' } });
    expectJsonError(wrongValue, 403);
  });

  it('guards login and logout too (a cross-site form cannot log the owner in or out)', async () => {
    expectJsonError(await test.request({ method: 'POST', path: '/api/logout', session, headers: { origin: 'http://evil.example' } }), 403);
    expectJsonError(await test.request({ method: 'POST', path: '/api/logout', session, csrfHeader: false }), 403);
    expect((await test.request({ path: '/api/state', session })).status).toBe(200);
  });

  it('lets a same-origin POST with the header through', async () => {
    const response = await test.request({ method: 'POST', path: '/api/scans/cancel', session, headers: { origin: test.origin } });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ cancelled: false });
  });

  it('lets a GET through from any origin (reads change nothing, the session still decides)', async () => {
    expect((await test.request({ path: '/api/state', session, headers: { origin: 'http://evil.example' } })).status).toBe(200);
  });
});

describe('bad input', () => {
  it('malformed JSON → 400 JSON error without a stack', async () => {
    const response = await test.request({ method: 'POST', path: '/api/scans', session, rawBody: '{"targets": [' });
    expectJsonError(response, 400);
    expect(errorOf(response)).toBe('malformed request');
  });

  it('a body over 16 kB → 413', async () => {
    const response = await test.request({ method: 'POST', path: '/api/scans', session, body: { targets: ['x'.repeat(17 * 1024)] } });
    expectJsonError(response, 413);
    expect(errorOf(response)).toMatch(/too large/);
  });

  it('unknown fields in the login body → 400', async () => {
    const response = await test.request({ method: 'POST', path: '/api/login', body: { password: 'whatever password', admin: true } });
    expectJsonError(response, 400);
  });

  it('wrong types → 400', async () => {
    expectJsonError(await test.request({ method: 'POST', path: '/api/login', body: { password: 1234567890123 } }), 400);
    expectJsonError(await test.request({ method: 'POST', path: '/api/scans', session, body: { targets: '8.8.8.0/24' } }), 400);
    expectJsonError(await test.request({ method: 'POST', path: '/api/scans', session, body: { targets: [1] } }), 400);
    expectJsonError(await test.request({ method: 'POST', path: '/api/scans', session, body: { targets: ['8.8.8.0/24'], ports: [1] } }), 400);
    expect(test.scanStarts).toHaveLength(1); // only the one refused in the earlier test
  });

  it('unknown /api route → 404 JSON for a signed-in client, 401 for anybody else', async () => {
    expectJsonError(await test.request({ path: '/api/nope', session }), 404);
    expectJsonError(await test.request({ method: 'POST', path: '/api/state', session }), 404);
    expectJsonError(await test.request({ path: '/api/nope' }), 401);
  });

  it('nothing above made the appliance log an internal error', () => {
    expect(test.lines.filter((l) => / ERROR /.test(l))).toEqual([]);
  });
});

describe('security headers', () => {
  it('sends a CSP without upgrade-insecure-requests, no HSTS, no X-Powered-By', async () => {
    for (const path of ['/api/health', '/api/state', '/api/nope']) {
      const response = await test.request({ path, session });
      const csp = String(response.headers['content-security-policy'] ?? '');
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp, path).not.toMatch(/upgrade-insecure-requests/);
      expect(response.headers['strict-transport-security'], path).toBeUndefined();
      expect(response.headers['x-powered-by'], path).toBeUndefined();
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
    }
    // Outside /api with no dashboard built, express's own 404 page: still no HSTS and no X-Powered-By.
    const page = await test.request({ path: '/nothing-here' });
    expect(page.status).toBe(404);
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(page.headers['x-powered-by']).toBeUndefined();
  });

  it('GET /api/health answers without a session', async () => {
    const response = await test.request({ path: '/api/health' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true, version: expect.any(String) });
  });
});

describe('listening address', () => {
  it('reports the real port when asked for port 0', () => {
    expect(test.appliance.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const address = test.appliance.server.address();
    expect(typeof address === 'object' && address !== null && test.appliance.address.endsWith(`:${address.port}`)).toBe(true);
    expect(test.appliance.address).not.toMatch(/:0$/);
  });

  it('brackets an IPv6 host in the reported address', async () => {
    let ipv6: TestAppliance;
    try {
      ipv6 = await startTestAppliance({ config: { host: '::1' }, logLevel: 'silent' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') return; // no IPv6 loopback here
      throw error;
    }
    dirs.push(ipv6.dataDir);
    try {
      expect(ipv6.appliance.address).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect((await ipv6.request({ path: '/api/health' })).status).toBe(200);
    } finally {
      await ipv6.stop();
    }
  });
});
