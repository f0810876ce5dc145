// Login rate limit, over TCP (127.0.0.1) and over the Unix socket (config.socketPath, where req.ip
// is undefined and express-rate-limit's default key generator throws).
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  GOOD_PASSWORD, makeTempDir, removeDir, sessionFrom, setUpOwner, startTestAppliance, type HttpResult, type TestAppliance,
} from '../../helpers/appliance.js';

const started: TestAppliance[] = [];
let consoleError: MockInstance;
let consoleWarn: MockInstance;

beforeEach(() => {
  consoleError = vi.spyOn(console, 'error');
  consoleWarn = vi.spyOn(console, 'warn');
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  for (const test of started) {
    await test.stop();
    await removeDir(test.dataDir);
  }
});

function login(test: TestAppliance, password: string, headers?: Record<string, string>): Promise<HttpResult> {
  return test.request({ method: 'POST', path: '/api/login', body: { password }, ...(headers ? { headers } : {}) });
}

function expectLimited(response: HttpResult): void {
  expect(response.status, response.text).toBe(429);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json).toEqual({ error: expect.stringMatching(/too many/) });
  expect(sessionFrom(response)).toBeUndefined();
  // draft-8 headers: RateLimit + RateLimit-Policy (one entry per limiter), Retry-After.
  expect(String(response.headers['ratelimit'])).toMatch(/"5-in-1min"; r=0; t=\d+/);
  expect(String(response.headers['ratelimit-policy'])).toMatch(/"5-in-1min"; q=5; w=60/);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

function expectNoLibraryComplaints(test: TestAppliance): void {
  expect(consoleError).not.toHaveBeenCalled();
  expect(consoleWarn).not.toHaveBeenCalled();
  expect(test.lines.filter((l) => / ERROR /.test(l))).toEqual([]);
}

describe('login rate limit over TCP', () => {
  it('the 6th login within a minute is answered 429, even with the right password', async () => {
    const test = await startTestAppliance();
    started.push(test);
    await setUpOwner(test);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await login(test, `wrong password #${attempt}`);
      expect(response.status, `attempt ${attempt}`).toBe(401);
      expect(String(response.headers['ratelimit'])).toContain(`"5-in-1min"; r=${5 - attempt}`);
    }
    expectLimited(await login(test, GOOD_PASSWORD));
    expectLimited(await login(test, GOOD_PASSWORD));
    // Only the login limiter is used up: the rest of the API still answers.
    expect((await test.request({ path: '/api/session' })).status).toBe(200);
    expectNoLibraryComplaints(test);
  });
});

describe('over a Unix socket', () => {
  let test: TestAppliance;

  it('starts and reports the socket path as its address', async () => {
    const dir = await makeTempDir();
    const socketPath = join(dir, 'mamori.sock');
    test = await startTestAppliance({ dataDir: dir, config: { socketPath } });
    started.push(test);
    expect(test.appliance.address).toBe(socketPath);
    expect(test.lines.some((l) => l.includes(`listening on ${socketPath}`))).toBe(true);
    expect(test.lines.some((l) => l.includes('http://<dashboard address>/?setup='))).toBe(true);
  });

  it('serves the API without errors (no req.ip there)', async () => {
    const session = await test.request({ path: '/api/session' });
    expect(session.status, session.text).toBe(200);
    expect(session.json).toEqual({ authenticated: false, needsSetup: true });
    expectNoLibraryComplaints(test);
  });

  it('logs in over the socket', async () => {
    await setUpOwner(test);
    const response = await login(test, GOOD_PASSWORD, { origin: test.origin });
    expect(response.status, response.text).toBe(204);
    const session = sessionFrom(response)!;
    expect((await test.request({ path: '/api/state', session })).status).toBe(200);
    expectNoLibraryComplaints(test);
  });

  it('still limits logins over the socket', async () => {
    // Only refused attempts count (the sign-in above does not): five wrong ones, then even the right one waits.
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await login(test, `wrong password #${attempt}`)).status, `attempt ${attempt}`).toBe(401);
    }
    expectLimited(await login(test, GOOD_PASSWORD));
    expectNoLibraryComplaints(test);
  });
});
