// Issue #17, items 3, 4 and 8, each a request that succeeded before and must be refused now:
// sign-in guesses spread over many source addresses, second-factor changes with a session alone
// and unthrottled wrong codes, and a reverse proxy whose clients all shared one rate bucket and
// never got a Secure cookie. Many source addresses are real: 127.0.0.2…13 on loopback.
import { request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base32Decode, totp } from '../../../backend/src/api/totp.js';
import { httpReceiver } from '../alerts/receivers.js';
import { GOOD_PASSWORD, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

// Each backup costs a 128 MiB scrypt (and each sign-in a 32 MiB one): on a loaded shared machine a
// test here can take far longer than the default 20 s, so the limit is generous (no timing is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const started: TestAppliance[] = [];
afterEach(async () => {
  for (const test of started.splice(0)) { await test.stop(); await removeDir(test.dataDir); }
});

async function start(config: Parameters<typeof startTestAppliance>[0] = {}): Promise<TestAppliance> {
  const test = await startTestAppliance({ logLevel: 'silent', ...config });
  started.push(test);
  return test;
}

/** POST /api/login from a chosen loopback source address. */
function loginFrom(test: TestAppliance, localAddress: string, password: string): Promise<number> {
  const url = new URL(test.origin);
  const body = JSON.stringify({ password });
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: url.hostname, port: Number(url.port), method: 'POST', path: '/api/login', localAddress, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-mamori': '1' },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', reject);
    req.end(body);
  });
}

const trail = async (test: TestAppliance) => (await readFile(join(test.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n')
  .map((line) => JSON.parse(line) as { action: string; details: Record<string, unknown> });

describe('item 3: a failure budget shared by every source address', () => {
  it('12 addresses × 6 guesses: at most 10 wrong passwords are checked, then sign-in pauses and the owner is told', async () => {
    const hook = await httpReceiver();
    try {
      const test = await start();
      const session = await setUpOwner(test);
      expect((await test.request({ method: 'PUT', path: '/api/settings', session, body: { notifications: { webhook: { enabled: true, url: `${hook.url}/hook` } } } })).status).toBe(200);
      const answers: number[] = [];
      for (let round = 0; round < 6; round++) {
        for (let host = 2; host <= 13; host++) answers.push(await loginFrom(test, `127.0.0.${host}`, `wrong guess ${round}-${host}`));
      }
      const checked = answers.filter((status) => status === 401).length;
      expect(checked).toBeLessThanOrEqual(10);
      expect(answers.filter((status) => status === 429).length).toBe(answers.length - checked);
      // While paused, even the right password waits: the guesser cannot tell it was right.
      expect(await loginFrom(test, '127.0.0.14', GOOD_PASSWORD)).toBe(429);
      const locked = (await trail(test)).find((entry) => entry.action === 'sign-in-locked');
      expect(locked?.details).toMatchObject({ failures: 10, sources: expect.any(Number), lockedForSeconds: 60 });
      expect(Number(locked!.details['sources'])).toBeGreaterThan(1);
      await vi.waitFor(() => expect(hook.received.length).toBe(1), { timeout: 10_000 });
      expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ kind: 'box', event: 'sign-in-locked', title: expect.stringMatching(/sign-in paused/) });
    } finally {
      await hook.close();
    }
  });
});

describe('item 4: second-factor changes need the password and are throttled', () => {
  it('enrol with a session alone is refused; a wrong password is refused and audited', async () => {
    const test = await start();
    const session = await setUpOwner(test);
    const enrol = (body: unknown) => test.request({ method: 'POST', path: '/api/totp/enrol', session, body });
    expect((await enrol({})).status).toBe(400);
    expect((await enrol({ password: 'not the password' })).status).toBe(403);
    expect((await trail(test)).map((e) => e.action)).toContain('second-factor-enrol-refused');
    expect((await enrol({ password: GOOD_PASSWORD })).status).toBe(200);
  });

  it('30 wrong disable codes: at most 5 are checked from one address, the rest answer 429', async () => {
    const test = await start();
    const session = await setUpOwner(test);
    const post = (path: string, body: unknown) => test.request({ method: 'POST', path, session, body });
    const { secret } = (await post('/api/totp/enrol', { password: GOOD_PASSWORD })).json as { secret: string };
    expect((await post('/api/totp/confirm', { password: GOOD_PASSWORD, code: totp(base32Decode(secret), Date.now()) })).status).toBe(204);
    const right = totp(base32Decode(secret), Date.now() + 30_000);
    const statuses: number[] = [];
    for (let n = 0; n < 30; n++) {
      const wrong = String((Number(right) + 1 + n) % 1_000_000).padStart(6, '0');
      statuses.push((await post('/api/totp/disable', { password: GOOD_PASSWORD, code: wrong })).status);
    }
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    expect((await test.request({ path: '/api/totp', session })).json).toEqual({ enabled: true });
  });
});

describe('item 8: behind a reverse proxy (MAMORI_TRUST_PROXY) and the Host allow-list', () => {
  it('the cookie is Secure when the trusted proxy says https, and each forwarded client has its own bucket', async () => {
    const test = await start({ config: { trustProxy: 'loopback' } });
    const token = test.appliance.auth.setupToken!;
    const setup = (forwardedFor: string, body: unknown) => test.request({
      method: 'POST', path: '/api/setup', body, headers: { 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'https' },
    });
    for (let n = 0; n < 5; n++) expect((await setup('192.168.1.20', { token: 'wrong-token', password: GOOD_PASSWORD })).status).toBe(403);
    expect((await setup('192.168.1.20', { token: 'wrong-token', password: GOOD_PASSWORD })).status).toBe(429);
    const other = await setup('192.168.1.21', { token, password: GOOD_PASSWORD });
    expect(other.status).toBe(204);
    expect(String(other.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('without the setting, forwarded headers are not believed', async () => {
    const test = await start();
    const token = test.appliance.auth.setupToken!;
    const setup = await test.request({ method: 'POST', path: '/api/setup', body: { token, password: GOOD_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(setup.status).toBe(204);
    expect(String(setup.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('with MAMORI_ALLOWED_HOSTS, a request for another host name is refused (DNS rebinding)', async () => {
    const test = await start({ config: { allowedHosts: ['mamori.lan'] } });
    const port = new URL(test.origin).port;
    expect((await test.request({ path: '/api/health', headers: { host: `rebound.example:${port}` } })).status).toBe(421);
    expect((await test.request({ path: '/api/health', headers: { host: `mamori.lan:${port}` } })).status).toBe(200);
  });
});
