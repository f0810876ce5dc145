// First run, set-up token, password storage, login, restart and logout — through the real HTTP API
// of an appliance listening on 127.0.0.1 (port 0) with no scan targets.
import { createHash, scrypt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  GOOD_PASSWORD, makeTempDir, removeDir, sessionFrom, setupTokenFrom, startTestAppliance, type TestAppliance,
} from '../../helpers/appliance.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

const started: TestAppliance[] = [];
const dirs: string[] = [];
async function start(dataDir?: string): Promise<TestAppliance> {
  const dir = dataDir ?? await makeTempDir();
  if (!dirs.includes(dir)) dirs.push(dir);
  const test = await startTestAppliance({ dataDir: dir });
  started.push(test);
  return test;
}

afterAll(async () => {
  for (const test of started) await test.stop();
  for (const dir of dirs) await removeDir(dir);
});

describe('first run and owner password', () => {
  let first: TestAppliance;
  let token: string;
  let setupSession: string;

  it('needs set-up and logs a one-time set-up link', async () => {
    first = await start();
    const session = await first.request({ path: '/api/session' });
    expect(session.status).toBe(200);
    expect(session.json).toEqual({ authenticated: false, needsSetup: true });

    const logged = setupTokenFrom(first.lines);
    expect(logged, first.lines.join('\n')).toBeDefined();
    token = logged!;
    expect(token).toBe(first.appliance.auth.setupToken);
    const line = first.lines.find((l) => l.includes(`setup=${token}`))!;
    expect(line).toContain(`${first.origin}/?setup=${token}`);
  });

  it('prints a set-up token that cannot be guessed', async () => {
    // 24 random bytes in base64url: 192 bits.
    expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(new Set(token).size).toBeGreaterThan(12);
    const other = await start();
    const otherToken = setupTokenFrom(other.lines);
    expect(otherToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(otherToken).not.toBe(token);
  });

  it('refuses a wrong set-up token with 403', async () => {
    const wrong = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const response = await first.request({ method: 'POST', path: '/api/setup', body: { token: wrong, password: GOOD_PASSWORD } });
    expect(response.status).toBe(403);
    expect(sessionFrom(response)).toBeUndefined();
    expect(first.appliance.auth.needsSetup).toBe(true);
  });

  it('refuses a short password with 400 and keeps the token usable', async () => {
    const response = await first.request({ method: 'POST', path: '/api/setup', body: { token, password: 'short1' } });
    expect(response.status).toBe(400);
    expect((response.json as { error: string }).error).toMatch(/at least 10 characters/);
    expect(first.appliance.auth.needsSetup).toBe(true);
  });

  it('sets the password with the right token and answers with an HttpOnly, SameSite=Strict session cookie', async () => {
    const response = await first.request({ method: 'POST', path: '/api/setup', body: { token, password: GOOD_PASSWORD } });
    expect(response.status).toBe(204);
    const cookies = response.headers['set-cookie'] ?? [];
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0]!;
    expect(cookie).toMatch(/^mamori_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/);
    expect(cookie).toMatch(/;\s*SameSite=Strict(;|$)/);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP on a LAN: a Secure cookie would never come back
    setupSession = sessionFrom(response)!;

    expect((await first.request({ path: '/api/session', session: setupSession })).json).toEqual({ authenticated: true, needsSetup: false });
    expect((await first.request({ path: '/api/state', session: setupSession })).status).toBe(200);
    expect(first.lines.some((l) => l.includes('owner password set'))).toBe(true);
  });

  it('does not accept the set-up token a second time (409)', async () => {
    const response = await first.request({ method: 'POST', path: '/api/setup', body: { token, password: 'another good password' } });
    expect(response.status).toBe(409);
    expect(sessionFrom(response)).toBeUndefined();
  });

  it('stores the password only as an scrypt hash, and sessions only as SHA-256 hashes', async () => {
    const text = await readFile(join(first.dataDir, 'auth.json'), 'utf8');
    expect(text).not.toContain(GOOD_PASSWORD);
    expect(text).not.toContain(setupSession);
    expect(text).not.toContain(token);
    const file = JSON.parse(text) as {
      password: { salt: string; hash: string; N: number; r: number; p: number };
      sessions: Array<{ hash: string; expiresAt: string }>;
    };
    expect(file.password.N).toBeGreaterThanOrEqual(1 << 14);
    const salt = Buffer.from(file.password.salt, 'base64');
    expect(salt.length).toBeGreaterThanOrEqual(16);
    const expected = await scryptAsync(GOOD_PASSWORD, salt, 32, { N: file.password.N, r: file.password.r, p: file.password.p, maxmem: 64 * 1024 * 1024 });
    expect(file.password.hash).toBe(expected.toString('base64'));
    const sessionHash = createHash('sha256').update(setupSession).digest('hex');
    expect(file.sessions.map((s) => s.hash)).toContain(sessionHash);
  });

  it('answers a wrong password with 401', async () => {
    const response = await first.request({ method: 'POST', path: '/api/login', body: { password: 'not the password at all' } });
    expect(response.status).toBe(401);
    expect(sessionFrom(response)).toBeUndefined();
    expect(first.lines.some((l) => l.includes('failed dashboard login'))).toBe(true);
  });

  describe('after a restart on the same data directory', () => {
    let second: TestAppliance;
    let loginSession: string;

    it('no longer needs set-up and prints no new set-up token', async () => {
      await first.stop();
      second = await start(first.dataDir);
      expect(second.appliance.auth.setupToken).toBeNull();
      expect(setupTokenFrom(second.lines)).toBeUndefined();
      expect(second.lines.join('\n')).not.toMatch(/setup=/);
      expect((await second.request({ path: '/api/session' })).json).toEqual({ authenticated: false, needsSetup: false });
    });

    it('refuses the old set-up token (409)', async () => {
      const response = await second.request({ method: 'POST', path: '/api/setup', body: { token, password: 'attacker password 123' } });
      expect(response.status).toBe(409);
    });

    it('still refuses a wrong password and accepts the right one', async () => {
      expect((await second.request({ method: 'POST', path: '/api/login', body: { password: 'attacker password 123' } })).status).toBe(401);
      const response = await second.request({ method: 'POST', path: '/api/login', body: { password: GOOD_PASSWORD } });
      expect(response.status).toBe(204);
      expect(response.headers['set-cookie']?.[0]).toMatch(/^mamori_session=[^;]+;.*HttpOnly.*SameSite=Strict/);
      loginSession = sessionFrom(response)!;
      expect(loginSession).not.toBe(setupSession);
      expect((await second.request({ path: '/api/state', session: loginSession })).status).toBe(200);
    });

    it('keeps sessions across the restart', async () => {
      expect((await second.request({ path: '/api/state', session: setupSession })).status).toBe(200);
    });

    it('logout invalidates the session (and only that one)', async () => {
      const response = await second.request({ method: 'POST', path: '/api/logout', session: loginSession });
      expect(response.status).toBe(204);
      expect(response.headers['set-cookie']?.[0]).toMatch(/^mamori_session=;.*Max-Age=0/);
      expect((await second.request({ path: '/api/state', session: loginSession })).status).toBe(401);
      expect((await second.request({ path: '/api/session', session: loginSession })).json).toEqual({ authenticated: false, needsSetup: false });
      expect((await second.request({ path: '/api/state', session: setupSession })).status).toBe(200);
      const text = await readFile(join(second.dataDir, 'auth.json'), 'utf8');
      expect(text).not.toContain(createHash('sha256').update(loginSession).digest('hex'));
    });
  });
});

describe('set-up token regeneration and races', () => {
  it('a restart before set-up prints a new token and the old one stops working', async () => {
    const dir = await makeTempDir();
    const before = await start(dir);
    const oldToken = setupTokenFrom(before.lines)!;
    await before.stop();
    const after = await start(dir);
    const newToken = setupTokenFrom(after.lines)!;
    expect(newToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(newToken).not.toBe(oldToken);
    expect((await after.request({ method: 'POST', path: '/api/setup', body: { token: oldToken, password: GOOD_PASSWORD } })).status).toBe(403);
    expect((await after.request({ method: 'POST', path: '/api/setup', body: { token: newToken, password: GOOD_PASSWORD } })).status).toBe(204);
  });

  it('two simultaneous set-ups with the token: only one wins', async () => {
    const test = await start();
    const token = setupTokenFrom(test.lines)!;
    const passwords = ['first racing password', 'second racing password'];
    const responses = await Promise.all(passwords.map((password) =>
      test.request({ method: 'POST', path: '/api/setup', body: { token, password } })));
    expect(responses.map((r) => r.status).sort()).toEqual([204, 409]);
    const winner = passwords[responses.findIndex((r) => r.status === 204)]!;
    const loser = passwords.find((p) => p !== winner)!;
    expect((await test.request({ method: 'POST', path: '/api/login', body: { password: winner } })).status).toBe(204);
    expect((await test.request({ method: 'POST', path: '/api/login', body: { password: loser } })).status).toBe(401);
  });
});
