// POST /api/password through the real HTTP API on loopback: the current password is checked, the
// new one must be strong, the asking session stays signed in, every other session ends, the change
// is in the audit trail, and wrong guesses are rate-limited like a sign-in.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../../backend/src/api/totp.js';
import {
  GOOD_PASSWORD, removeDir, sessionFrom, setUpOwner, startTestAppliance, type TestAppliance,
} from '../../helpers/appliance.js';

const NEXT_PASSWORD = 'a different long passphrase';

let test: TestAppliance;
beforeAll(async () => { test = await startTestAppliance({ logLevel: 'silent' }); });
afterAll(async () => { await test?.stop(); await removeDir(test.dataDir); });

const change = (session: string | undefined, body: unknown) =>
  test.request({ method: 'POST', path: '/api/password', body, ...(session ? { session } : {}) });

describe('POST /api/password', () => {
  let mine: string;
  let other: string;

  it('needs a session', async () => {
    mine = await setUpOwner(test);
    const response = await change(undefined, { current: GOOD_PASSWORD, next: NEXT_PASSWORD });
    expect(response.status).toBe(401);
  });

  it('refuses a wrong current password and keeps the old one', async () => {
    const response = await change(mine, { current: `${GOOD_PASSWORD}x`, next: NEXT_PASSWORD });
    expect(response.status).toBe(403);
    expect(await test.appliance.auth.login(GOOD_PASSWORD)).not.toBeNull();
  });

  // Every request counts against the limit of 5 a minute (as for sign-ins), so these stay few.
  it('refuses a weak new password and the same password again', async () => {
    const weak = await change(mine, { current: GOOD_PASSWORD, next: 'aaaaaaaaaaaaaa' });
    expect(weak.status).toBe(400);
    expect((weak.json as { error: string }).error).toMatch(/repetitive/);
    expect((await change(mine, { current: GOOD_PASSWORD, next: GOOD_PASSWORD })).status).toBe(400);
  });

  it('changes it: this session stays, other sessions end, the old password no longer works', async () => {
    other = (await test.appliance.auth.login(GOOD_PASSWORD))!;
    expect(test.appliance.auth.isValidSession(other)).toBe(true);
    const response = await change(mine, { current: GOOD_PASSWORD, next: NEXT_PASSWORD });
    expect(response.status).toBe(204);
    expect(sessionFrom(response)).toBeUndefined();
    expect((await test.request({ path: '/api/settings', session: mine })).status).toBe(200);
    expect((await test.request({ path: '/api/settings', session: other })).status).toBe(401);
    expect(await test.appliance.auth.login(GOOD_PASSWORD)).toBeNull();
    expect(await test.appliance.auth.login(NEXT_PASSWORD)).not.toBeNull();
  });

  it('writes the change to the audit trail, without the password', async () => {
    const text = await readFile(join(test.dataDir, 'audit.jsonl'), 'utf8');
    const entries = text.trim().split('\n').map((line) => JSON.parse(line) as { action: string });
    const changed = entries.filter((e) => e.action === 'owner-password-changed');
    expect(changed).toHaveLength(1);
    expect(entries.some((e) => e.action === 'owner-password-change-refused')).toBe(true);
    expect(text).not.toContain(NEXT_PASSWORD);
    expect(text).not.toContain(GOOD_PASSWORD);
  });

  it('is rate-limited like a sign-in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await change(mine, { current: 'wrong guess number', next: GOOD_PASSWORD })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
  });
});

describe('PUT /api/settings body size', () => {
  // The report logo (≤ 256 KB as a data: URL) is saved through the settings form.
  const big = { report: { siteName: 'x'.repeat(30 * 1024) } };

  it('takes more than 16 kB with a session (refused by validation, not by size)', async () => {
    const session = (await test.appliance.auth.login('a different long passphrase'))!;
    const response = await test.request({ method: 'PUT', path: '/api/settings', session, body: big });
    expect(response.status).toBe(400);
    expect((response.json as { error: string }).error).not.toMatch(/too large/);
  });

  it('still refuses more than 16 kB without a session, and on other routes', async () => {
    expect((await test.request({ method: 'PUT', path: '/api/settings', body: big })).status).toBe(413);
    const session = (await test.appliance.auth.login('a different long passphrase'))!;
    expect((await test.request({ method: 'POST', path: '/api/scans', session, body: { targets: ['x'.repeat(17 * 1024)] } })).status).toBe(413);
  });
});

describe('POST /api/password with the second factor on', () => {
  let guarded: TestAppliance;
  beforeAll(async () => { guarded = await startTestAppliance({ logLevel: 'silent' }); });
  afterAll(async () => { await guarded?.stop(); await removeDir(guarded.dataDir); });

  it('needs a valid code as well: a session and the password alone are not enough', async () => {
    const session = await setUpOwner(guarded);
    const post = (path: string, body: unknown) => guarded.request({ method: 'POST', path, body, session });
    const { secret } = (await post('/api/totp/enrol', { password: GOOD_PASSWORD })).json as { secret: string };
    const codeAt = (ms: number) => totp(base32Decode(secret), ms);
    expect((await post('/api/totp/confirm', { password: GOOD_PASSWORD, code: codeAt(Date.now()) })).status).toBe(204);

    const without = await post('/api/password', { current: GOOD_PASSWORD, next: NEXT_PASSWORD });
    expect(without.status).toBe(403);
    expect((without.json as { error: string }).error).toMatch(/code/);
    const wrongCode = String((Number(codeAt(Date.now() + 30_000)) + 1) % 1_000_000).padStart(6, '0');
    expect((await post('/api/password', { current: GOOD_PASSWORD, next: NEXT_PASSWORD, code: wrongCode })).status).toBe(403);
    expect(await guarded.appliance.auth.login(NEXT_PASSWORD, codeAt(Date.now() + 30_000))).toBeNull();

    // The confirmation used the current step; the next one is still inside the ±1 window.
    const changed = await post('/api/password', { current: GOOD_PASSWORD, next: NEXT_PASSWORD, code: codeAt(Date.now() + 30_000) });
    expect(changed.status).toBe(204);
    expect(guarded.appliance.auth.isValidSession(session)).toBe(true);
  });
});
