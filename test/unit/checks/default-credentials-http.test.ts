import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsHttp } from '../../../backend/src/checks/default-credentials-http.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, HttpInfo, Service } from '../../../backend/src/core/types.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { startHttpServer, type RunningServer } from '../../helpers/net.js';
import { startBasicServer, startDigestServer, startFormServer, type LoginServer } from '../../helpers/web-logins.js';

const servers: Record<string, LoginServer> = {};
let plain: RunningServer;

beforeAll(async () => {
  const started = await Promise.all([
    startBasicServer({ user: 'admin', password: '12345' }),
    startDigestServer({ user: '888888', password: '888888' }),
    startBasicServer({ user: 'admin', password: 'Long-unique-Pa55' }),
    startBasicServer({ user: 'admin', password: 'x', acceptAnyPassword: true }),
    startBasicServer({ user: 'admin', password: 'Long-unique-Pa55', throttleAfter: 2 }),
    startFormServer('asuswrt', { user: 'admin', password: 'admin' }),
    startFormServer('airos', { user: 'ubnt', password: 'ubnt' }),
    startFormServer('synology-dsm', { user: 'admin', password: '' }),
    startFormServer('openwrt-luci', { user: 'root', password: '' }),
    startFormServer('asuswrt', { user: 'admin', password: 'Long-unique-Pa55' }),
    startHttpServer((_q, s) => s.end('<title>Kitchen Plug</title>')),
  ]);
  ['basic', 'digest', 'secureBasic', 'anything', 'throttling', 'asus', 'airos', 'synology', 'luci', 'secureAsus'].forEach((name, i) => { servers[name] = started[i] as LoginServer; });
  plain = started[10]!;
});
afterAll(async () => { await Promise.all([...Object.values(servers), plain].map((s) => s?.close())); });

function target(port: number, vendor: string | null, http?: HttpInfo): { device: Device; service: Service } {
  const device = loopbackDevice([], 'a4:14:37:00:00:11');
  device.vendor = vendor;
  const service: Service = { ...tcpService(port, 'http'), ...(http ? { http } : {}) };
  device.services = [service];
  return { device, service };
}
const info = (status: number, title: string | null, scheme: string | null = null): HttpInfo => ({ status, server: null, title, authScheme: scheme, realm: null });

describe('default-credentials-http against loopback web logins', () => {
  it('is registered, applies to http and https', () => {
    expect(checks).toContain(defaultCredentialsHttp);
    expect(defaultCredentialsHttp).toMatchObject({ intrusive: true, tags: ['credentials'], maxAttempts: 10 });
    const t = target(80, null);
    expect(defaultCredentialsHttp.appliesTo(t)).toBe(true);
    expect(defaultCredentialsHttp.appliesTo({ ...t, service: { ...t.service, service: 'https', encrypted: true } })).toBe(true);
    expect(defaultCredentialsHttp.appliesTo({ ...t, service: { ...t.service, service: 'rtsp' } })).toBe(false);
  });

  it('Basic: Hikvision admin/12345 found first try, control refused', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsHttp.run(target(servers['basic']!.port, 'Hangzhou Hikvision Digital Technology Co.,Ltd.', info(401, null, 'Basic')), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'HTTP Basic login accepted for a***n / 1***5; a random wrong password was refused' }]);
    expect(servers['basic']!.tries).toEqual(['ok', 'fail']);
  });

  it('Digest: Dahua 888888 pair (server verifies the Digest response)', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsHttp.run(target(servers['digest']!.port, 'Zhejiang Dahua Technology Co., Ltd.'), ctx);
    expect(results[0]?.evidence).toBe('HTTP Digest login accepted for 8****8 / 8****8; a random wrong password was refused');
  });

  it('secured Basic: nothing reported, at most 9 pair tries seen by the server', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsHttp.run(target(servers['secureBasic']!.port, null), ctx)).toEqual([]);
    expect(servers['secureBasic']!.tries.length).toBe(ctx.attempts.length);
    expect(ctx.attempts.length).toBeLessThanOrEqual(9);
  });

  it('accept-anything Basic: one "accepts any password" finding', async () => {
    const results = await defaultCredentialsHttp.run(target(servers['anything']!.port, null), testContext());
    expect(results).toHaveLength(1);
    expect(results[0]!.evidence).toMatch(/^accepts any password: HTTP Basic login accepted/);
    expect(servers['anything']!.tries).toEqual(['ok', 'ok']);
  });

  it('429 stops the search', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsHttp.run(target(servers['throttling']!.port, null), ctx)).toEqual([]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['rejected', 'rejected', 'throttled']);
  });

  it.each([
    ['asus', 'ASUSTek COMPUTER INC.', 'ASUS Login', 'ASUSWRT login form accepted a***n / a***n'],
    ['airos', 'Ubiquiti Inc', 'Login', 'airOS login form accepted u**t / u**t'],
    ['synology', 'Synology Incorporated', 'diskstation - Synology DiskStation', 'Synology DSM login form accepted a***n / (empty)'],
    ['luci', null, 'OpenWrt - LuCI', 'OpenWrt login form accepted r**t / (empty)'],
  ])('form login %s: recognised from data, factory pair found, control refused', async (name, vendor, title, evidence) => {
    const server = servers[name]!;
    const results = await defaultCredentialsHttp.run(target(server.port, vendor, info(200, title)), testContext());
    expect(results).toEqual([{ confidence: 'confirmed', evidence: `${evidence}; a random wrong password was refused` }]);
    expect(server.tries.at(-1)).toBe('fail');
  });

  it('secured ASUS form: nothing; a page with no login at all: no attempt', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsHttp.run(target(servers['secureAsus']!.port, 'ASUSTek COMPUTER INC.', info(200, 'ASUS Login')), ctx)).toEqual([]);
    expect(servers['secureAsus']!.tries.length).toBe(ctx.attempts.length);
    const quiet = testContext();
    const before = plain.connections();
    expect(await defaultCredentialsHttp.run(target(plain.port, 'Espressif Inc.', info(200, 'Kitchen Plug')), quiet)).toEqual([]);
    expect(quiet.attempts).toEqual([]);
    expect(plain.connections() - before).toBe(1); // one look at the front page, no form probing
  });
});
