import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessHttp, endpointsFor } from '../../../backend/src/checks/anonymous-access-http.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { startHttpServer, startSilentServer, timed, type RunningServer } from '../../helpers/net.js';
import { selfSignedCert, startHttpsServer } from '../../helpers/tls.js';

const TASMOTA_STATUS = { Status: { Module: 6, DeviceName: 'Kitchen Plug', FriendlyName: ['Kitchen Plug'], Topic: 'tasmota_770016', Power: 1 } };

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Tasmota's web server, with or without its web password. */
function tasmota(password: boolean) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/cm')) return json(res, 404, { error: 'not found' });
    if (password) return json(res, 401, { WARNING: 'Need user=<username>&password=<password>' });
    return json(res, 200, TASMOTA_STATUS);
  };
}

const ADMIN_PAGE = (passwordField: boolean) => `<!DOCTYPE html><html><head><title>Router Administration</title></head><body>
<form action="/apply.cgi">${passwordField ? '<input type="password" name="pw">' : ''}<button>Save settings</button></form>
<a href="/reboot.cgi">Reboot</a> <a href="/fw.cgi">Firmware upgrade</a></body></html>`;

let servers: Record<string, RunningServer>;

beforeAll(async () => {
  const cert = await selfSignedCert('plug.test');
  const [open, locked, publicPage, admin, adminLogin, shelly, https, silent] = await Promise.all([
    startHttpServer(tasmota(false)),
    startHttpServer(tasmota(true)),
    // A public page that answers 200 to every path, the control ones included.
    startHttpServer((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<html><head><title>Welcome to our café</title></head><body>Opening hours: 9-17</body></html>'); }),
    startHttpServer((req, res) => { res.writeHead(req.url === '/' ? 200 : 404, { 'Content-Type': 'text/html' }); res.end(req.url === '/' ? ADMIN_PAGE(false) : ''); }),
    startHttpServer((req, res) => { res.writeHead(req.url === '/' ? 200 : 404, { 'Content-Type': 'text/html' }); res.end(req.url === '/' ? ADMIN_PAGE(true) : ''); }),
    startHttpServer((req, res) => (req.url === '/settings'
      ? json(res, 200, { device: { type: 'SHBLB-1', mac: '8400EC770043', hostname: 'shellybulb-porch' }, login: { enabled: false, unprotected: true } })
      : json(res, 404, {}))),
    startHttpsServer(cert, tasmota(false)),
    startSilentServer(),
  ]);
  servers = { open, locked, publicPage, admin, adminLogin, shelly, https, silent };
}, 30_000);

afterAll(async () => {
  await Promise.all(Object.values(servers ?? {}).map((s) => s.close()));
});

function target(port: number, service = 'http', vendor: string | null = null): { device: Device; service: Service } {
  const svc = { ...tcpService(port, service), encrypted: service === 'https' };
  const device = { ...loopbackDevice(), vendor };
  device.services = [svc];
  return { device, service: svc };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 1000 } });

describe('anonymous-access-http', () => {
  it('is registered, non-intrusive, at most 10 requests, on http and https', () => {
    expect(checks).toContain(anonymousAccessHttp);
    expect(anonymousAccessHttp).toMatchObject({ intrusive: false, maxAttempts: 10, finding: { family: 'anonymous-access', service: 'http' } });
    expect(anonymousAccessHttp.appliesTo(target(80))).toBe(true);
    expect(anonymousAccessHttp.appliesTo(target(443, 'https'))).toBe(true);
    expect(anonymousAccessHttp.appliesTo(target(23, 'telnet'))).toBe(false);
  });

  it('tries the endpoints that fit the device first (Shelly for a Shelly vendor)', () => {
    const t = target(80, 'http', 'Shelly Europe LTD');
    expect(endpointsFor(t.device, t.service).slice(0, 2).map((e) => e.id)).toEqual(['shelly-gen1-settings', 'shelly-gen2-config']);
    expect(endpointsFor(t.device, t.service).length).toBeLessThanOrEqual(10);
  });

  it('confirms a Tasmota command API without a web password, naming the device', async () => {
    const t = target(servers.open!.port);
    const results = await anonymousAccessHttp.run(t, ctx());
    expect(results).toEqual([{
      confidence: 'confirmed', severity: 'high',
      evidence: expect.stringMatching(/^GET \/cm\?cmnd=Status answered 200 with the Tasmota command API \(device "Kitchen Plug"\) without any credential: anyone on the network can switch it on and off/),
    }]);
    expect(buildFinding(anonymousAccessHttp, t, results[0]!)).toMatchObject({ family: 'anonymous-access', service: 'http', severity: 'high' });
  });

  it('confirms the same API over HTTPS', async () => {
    const results = await anonymousAccessHttp.run(target(servers.https!.port, 'https'), ctx());
    expect(results[0]?.confidence).toBe('confirmed');
  });

  it('confirms a Shelly Gen1 with login disabled', async () => {
    const results = await anonymousAccessHttp.run(target(servers.shelly!.port, 'http', 'Shelly Europe LTD'), ctx());
    expect(results[0]?.evidence).toContain('GET /settings answered 200 with the Shelly (Gen1) settings API (device "shellybulb-porch")');
  });

  it('reports nothing when the API asks for its password (401), nor for a public page that answers 200 everywhere', async () => {
    expect(await anonymousAccessHttp.run(target(servers.locked!.port), ctx())).toEqual([]);
    expect(await anonymousAccessHttp.run(target(servers.publicPage!.port), ctx())).toEqual([]);
  });

  it('reports an admin page with reboot and firmware controls and no password as likely, not with a password field', async () => {
    const results = await anonymousAccessHttp.run(target(servers.admin!.port), ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.confidence).toBe('likely');
    expect(results[0]!.evidence).toMatch(/^GET \/ answered 200 with the administration page without any credential/);
    expect(await anonymousAccessHttp.run(target(servers.adminLogin!.port), ctx())).toEqual([]);
  });

  it('stops at the first request that times out: a tarpit costs one timeout', async () => {
    const { value, ms } = await timed(() => anonymousAccessHttp.run(target(servers.silent!.port), testContext({ tuning: { exchangeTimeoutMs: 600 } })));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(600 + 500);
  });
});
