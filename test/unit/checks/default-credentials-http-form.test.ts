// The generic form login against two independent real web servers serving plain HTML login forms:
// lighttpd + CGI (CSRF token, session cookie, status page on success) and busybox httpd + CGI
// (302 to the live view on success, to ?error=1 on failure). Each with its negative controls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsHttp } from '../../../backend/src/checks/default-credentials-http.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { startApacheForm } from '../../helpers/apache.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startCameraForm, startRouterForm, type WebFormServer } from '../../helpers/web-forms.js';

const servers: Record<string, WebFormServer> = {};
const apache: Record<string, Daemon> = {};

beforeAll(async () => {
  const entries: Array<[string, () => Promise<WebFormServer>]> = [
    ['router', () => startRouterForm({ user: 'admin', password: 'password' })],
    ['routerSecure', () => startRouterForm({ user: 'admin', password: 'Kx7-unique-pass' })],
    ['routerNever', () => startRouterForm({ user: 'admin', password: 'password', mode: 'never' })],
    ['routerLocking', () => startRouterForm({ user: 'admin', password: 'Kx7-unique-pass', lockAfter: 2 })],
    ['camera', () => startCameraForm({ user: 'admin', password: '1234' })],
    ['cameraSecure', () => startCameraForm({ user: 'admin', password: 'Kx7-unique-pass' })],
    ['cameraNever', () => startCameraForm({ user: 'admin', password: '1234', mode: 'never' })],
    ['cameraAny', () => startCameraForm({ user: 'admin', password: '1234', mode: 'any' })],
    // The form posts to the same address on another port (where a second router listens): never followed.
    ['routerElsewhere', () => startRouterForm({ user: 'admin', password: 'password', action: `http://127.0.0.1:${servers['router']!.port}/cgi-bin/login` })],
  ];
  // The last entry points at the first one's port: start it after the others.
  const first = await Promise.all(entries.slice(0, -1).map(([, start]) => start()));
  entries.slice(0, -1).forEach(([name], i) => { servers[name] = first[i]!; });
  servers['routerElsewhere'] = await entries.at(-1)![1]();
  [apache['factory'], apache['secure']] = await Promise.all([
    startApacheForm({ user: 'admin', password: 'admin' }),
    startApacheForm({ user: 'admin', password: 'Kx7-unique-pass' }),
  ]);
}, 30_000);
afterAll(async () => { await Promise.all([...Object.values(servers), ...Object.values(apache)].map((s) => s.stop())); });

function target(port: number): { device: Device; service: Service } {
  const device = loopbackDevice([], '02:00:00:00:00:01');
  device.vendor = null;
  const service = tcpService(port, 'http');
  device.services = [service];
  return { device, service };
}

describe('default-credentials-http: generic HTML login forms on two real web servers', () => {
  it('lighttpd + CGI with a CSRF token and a session cookie: factory pair found, control refused', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsHttp.run(target(servers['router']!.port), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'login form at / accepted a***n / p******d; a random wrong password was refused' }]);
    expect(ctx.attempts.map((a) => a.outcome).slice(-2)).toEqual(['accepted', 'rejected']);
    expect(await servers['router']!.tries()).toBe(ctx.attempts.length);
  });

  it('busybox httpd + CGI redirecting on success: factory pair found, control refused', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsHttp.run(target(servers['camera']!.port), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'login form at / accepted a***n / 1**4; a random wrong password was refused' }]);
    expect(ctx.attempts.at(-1)?.outcome).toBe('rejected');
    expect(await servers['camera']!.tries()).toBe(ctx.attempts.length);
  });

  it('Apache mod_auth_form (a third implementation, redirect to the form and session cookie): factory pair found, control refused', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsHttp.run(target(apache['factory']!.port), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'login form at /login.html accepted a***n / a***n; a random wrong password was refused' }]);
  });

  it('Apache mod_auth_form with a non-default password: nothing, every try refused', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsHttp.run(target(apache['secure']!.port), ctx)).toEqual([]);
    expect(ctx.attempts.length).toBeGreaterThan(3);
    expect(ctx.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
  });

  it.each(['routerSecure', 'cameraSecure'])('%s (a non-default password): nothing, every try refused, at most 9', async (name) => {
    const ctx = testContext();
    expect(await defaultCredentialsHttp.run(target(servers[name]!.port), ctx)).toEqual([]);
    expect(ctx.attempts.length).toBeGreaterThan(3);
    expect(ctx.attempts.length).toBeLessThanOrEqual(9);
    expect(ctx.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
    expect(await servers[name]!.tries()).toBe(ctx.attempts.length);
  });

  it.each(['routerNever', 'cameraNever'])('%s (a login page that never accepts): nothing', async (name) => {
    const ctx = testContext();
    expect(await defaultCredentialsHttp.run(target(servers[name]!.port), ctx)).toEqual([]);
    expect(ctx.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
  });

  it('a form that accepts any password: no finding from the generic engine (its reading cannot be trusted)', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsHttp.run(target(servers['cameraAny']!.port), ctx)).toEqual([]);
    expect(ctx.attempts.slice(-2).map((a) => a.outcome)).toEqual(['accepted', 'accepted']);
  });

  it('a form whose action is another port is never submitted (no try reaches either server)', async () => {
    const ctx = testContext();
    const before = await servers['router']!.tries();
    expect(await defaultCredentialsHttp.run(target(servers['routerElsewhere']!.port), ctx)).toEqual([]);
    expect(ctx.attempts.every((a) => a.outcome === 'error')).toBe(true);
    expect(await servers['router']!.tries()).toBe(before);
    expect(await servers['routerElsewhere']!.tries()).toBe(0);
  });

  it('stops at the lockout (HTTP 429 after two failures)', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsHttp.run(target(servers['routerLocking']!.port), ctx)).toEqual([]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['rejected', 'rejected', 'throttled']);
  });
});
