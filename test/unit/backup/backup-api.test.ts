// Backup and restore through the API (issue #17, item 1). A session alone no longer carries the
// box's secrets away or replaces them: both need the owner's password (and code), the archive is
// encrypted with a passphrase, every file is checked against the real schemas before staging, a
// restore never deletes what the archive leaves out, a failed apply rolls back, and the trail
// records `restore-applied` linked to the head of the trail it replaced.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { base32Decode, totp } from '../../../backend/src/api/totp.js';
import { verifyAuditLog, type AuditEntry } from '../../../backend/src/storage/audit.js';
import { createBackup, PENDING_RESTORE_DIR, readBackup, restoreBackup } from '../../../backend/src/storage/backup.js';
import { decryptBackup, encryptBackup } from '../../../backend/src/storage/backup-crypto.js';
import { writeTarGz } from '../../../backend/src/storage/tar.js';
import { GOOD_PASSWORD, makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

// Each backup costs a 128 MiB scrypt (and each sign-in a 32 MiB one): on a loaded shared machine a
// test here can take far longer than the default 20 s, so the limit is generous (no timing is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const PASSPHRASE = 'kitchen drawer passphrase';
const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await removeDir(d); });

/** POST /api/backup: the answer's status, headers and body as bytes. */
async function download(test: TestAppliance, session: string, body: unknown): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const answer = await test.request({ method: 'POST', path: '/api/backup', session, body });
  return { status: answer.status, headers: answer.headers, body: answer.bytes };
}

const restoreHeaders = (password: string, passphrase: string, code?: string): Record<string, string> => ({
  'content-type': 'application/octet-stream', 'x-mamori-password': encodeURIComponent(password), 'x-mamori-passphrase': encodeURIComponent(passphrase),
  ...(code ? { 'x-mamori-code': code } : {}),
});

describe('backup and restore need the owner, not only a session', () => {
  let test: TestAppliance;
  let session: string;
  beforeEach(async () => { test = await startTestAppliance({ logLevel: 'silent' }); session = await setUpOwner(test); });
  afterEach(async () => { await test?.stop(); await removeDir(test.dataDir); });

  it('GET /api/backup with a session no longer hands out the data directory', async () => {
    const answer = await test.request({ path: '/api/backup', session });
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('auth.json');
  });

  it('POST /api/backup needs the password and a passphrase, and the archive is encrypted', async () => {
    await test.request({ method: 'PUT', path: '/api/settings', session, body: { notifications: { webhook: { enabled: false, url: 'http://127.0.0.1:9/hook', token: 'super-secret-webhook-token' } } } });
    expect((await download(test, session, { passphrase: PASSPHRASE })).status).toBe(400);
    expect((await download(test, session, { password: GOOD_PASSWORD, passphrase: 'short' })).status).toBe(400);
    expect((await download(test, session, { password: 'not the owner password', passphrase: PASSPHRASE })).status).toBe(403);
    const ok = await download(test, session, { password: GOOD_PASSWORD, passphrase: PASSPHRASE });
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    for (const clear of ['super-secret-webhook-token', 'auth.json', 'PRIVATE KEY', '"hash"']) expect(ok.body.includes(clear), clear).toBe(false);
    await expect(decryptBackup(ok.body, 'a wrong passphrase!')).rejects.toThrow(/wrong passphrase/);
    const files = readBackup(await decryptBackup(ok.body, PASSPHRASE));
    // api-tokens.json too, written by the flush before the backup (no token yet: an empty list).
    expect([...files.keys()].sort()).toEqual(['api-tokens.json', 'audit.jsonl', 'auth.json', 'evidence-key.pem', 'settings.json', 'state.json']);
    const trail = (await readFile(join(test.dataDir, 'audit.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditEntry);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['backup-refused', 'backup-downloaded']));
  });

  it('POST /api/restore of an edited plain archive with a session is refused, and nothing is staged', async () => {
    const archive = writeTarGz([
      { name: 'state.json', bytes: Buffer.from(JSON.stringify({ schemaVersion: 1, devices: [], findings: [], scans: [] })) },
      { name: 'totp.json', bytes: Buffer.from(JSON.stringify({ secret: null, pending: null, lastCounter: null })) },
    ], new Date());
    const plain = await test.request({ method: 'POST', path: '/api/restore', rawBody: archive, headers: { 'content-type': 'application/gzip' }, session });
    expect(plain.status).toBe(400);
    const wrongPassword = await test.request({ method: 'POST', path: '/api/restore', rawBody: await encryptBackup(archive, PASSPHRASE), headers: restoreHeaders('not the owner password', PASSPHRASE), session });
    expect(wrongPassword.status).toBe(403);
    const wrongPassphrase = await test.request({ method: 'POST', path: '/api/restore', rawBody: await encryptBackup(archive, PASSPHRASE), headers: restoreHeaders(GOOD_PASSWORD, 'another passphrase'), session });
    expect(wrongPassphrase.status).toBe(400);
    expect((wrongPassphrase.json as { error: string }).error).toMatch(/wrong passphrase/);
    expect(existsSync(join(test.dataDir, PENDING_RESTORE_DIR))).toBe(false);
  });

  it('an archive whose settings hold an unknown key is refused before staging (it used to stop the box from starting)', async () => {
    const archive = writeTarGz([
      { name: 'state.json', bytes: Buffer.from(JSON.stringify({ schemaVersion: 1, devices: [], findings: [], scans: [] })) },
      { name: 'settings.json', bytes: Buffer.from(JSON.stringify({ schemaVersion: 1, unknownKey: true })) },
    ], new Date());
    const answer = await test.request({ method: 'POST', path: '/api/restore', rawBody: await encryptBackup(archive, PASSPHRASE), headers: restoreHeaders(GOOD_PASSWORD, PASSPHRASE), session });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toMatch(/settings\.json is not valid/);
    expect(existsSync(join(test.dataDir, PENDING_RESTORE_DIR))).toBe(false);
  });

  it('with the second factor on, backup and restore need a current code too', async () => {
    const post = (path: string, body: unknown) => test.request({ method: 'POST', path, body, session });
    const { secret } = (await post('/api/totp/enrol', { password: GOOD_PASSWORD })).json as { secret: string };
    expect((await post('/api/totp/confirm', { password: GOOD_PASSWORD, code: totp(base32Decode(secret), Date.now()) })).status).toBe(204);
    const noCode = await download(test, session, { password: GOOD_PASSWORD, passphrase: PASSPHRASE });
    expect(noCode.status).toBe(401);
    expect((await download(test, session, { password: GOOD_PASSWORD, passphrase: PASSPHRASE, code: '000000' })).status).toBe(403);
    expect((await download(test, session, { password: GOOD_PASSWORD, passphrase: PASSPHRASE, code: totp(base32Decode(secret), Date.now() + 30_000) })).status).toBe(200);
  });

  it('a good encrypted backup is staged, applied at the next start, and recorded in the trail', async () => {
    await test.request({ method: 'PUT', path: '/api/settings', session, body: { retention: { keepScans: 11 } } });
    const backup = await download(test, session, { password: GOOD_PASSWORD, passphrase: PASSPHRASE });
    await test.request({ method: 'PUT', path: '/api/settings', session, body: { retention: { keepScans: 99 } } });
    const staged = await test.request({ method: 'POST', path: '/api/restore', rawBody: backup.body, headers: restoreHeaders(GOOD_PASSWORD, PASSPHRASE), session });
    expect(staged.status).toBe(202);
    const dataDir = test.dataDir;
    const headBefore = (await readFile(join(dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as AuditEntry).at(-1)!;
    await test.stop();
    test = await startTestAppliance({ dataDir, logLevel: 'silent' });
    expect(test.appliance.settings.current.retention.keepScans).toBe(11);
    expect(await test.appliance.auth.login(GOOD_PASSWORD)).toBeTruthy();
    // Restored sessions are not brought back: every browser signs in again.
    expect(test.appliance.auth.isValidSession(session)).toBe(false);
    const trail = (await readFile(join(dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    const applied = trail.find((e) => e.action === 'restore-applied')!;
    expect(applied.details).toMatchObject({ previousTrailHead: { seq: headBefore.seq, hash: headBefore.hash }, trailReplaced: true });
    expect((await verifyAuditLog(join(dataDir, 'audit.jsonl'))).ok).toBe(true);
  });
});

describe('a staged restore that cannot be applied', () => {
  it('is moved aside and the box starts with the data it had', async () => {
    const dataDir = await makeTempDir('mamori-restore-');
    dirs.push(dataDir);
    const first = await startTestAppliance({ dataDir, logLevel: 'silent' });
    await setUpOwner(first);
    await first.stop();
    await mkdir(join(dataDir, PENDING_RESTORE_DIR));
    await writeFile(join(dataDir, PENDING_RESTORE_DIR, 'backup.tar.gz'), gzipSync(Buffer.from('not a tar archive')));
    const again = await startTestAppliance({ dataDir });
    try {
      expect(await again.appliance.auth.login(GOOD_PASSWORD)).toBeTruthy();
      expect(existsSync(join(dataDir, PENDING_RESTORE_DIR))).toBe(false);
      expect((await readdir(dataDir)).some((name) => name.startsWith('restore-failed-'))).toBe(true);
      expect(again.lines.some((line) => /the staged restore was not applied/.test(line))).toBe(true);
    } finally {
      await again.stop();
    }
  });
});

describe('restoring (storage)', () => {
  const STATE = JSON.stringify({ schemaVersion: 1, devices: [], findings: [], scans: [] });
  const temp = async () => { const d = await makeTempDir('mamori-restore-'); dirs.push(d); return d; };

  it('never deletes what the archive leaves out', async () => {
    const source = await temp();
    const target = await temp();
    await writeFile(join(source, 'state.json'), STATE);
    const totpFile = JSON.stringify({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', pending: null, lastCounter: null });
    await writeFile(join(target, 'state.json'), STATE);
    await writeFile(join(target, 'totp.json'), totpFile);
    await writeFile(join(target, 'settings.json'), '{"schemaVersion":1}');
    await restoreBackup(target, await createBackup(source));
    expect(await readFile(join(target, 'totp.json'), 'utf8')).toBe(totpFile);
    expect(await readFile(join(target, 'settings.json'), 'utf8')).toBe('{"schemaVersion":1}');
  });

  it('puts every file back when writing fails half-way', async () => {
    const source = await temp();
    const target = await temp();
    await writeFile(join(source, 'state.json'), STATE);
    await writeFile(join(source, 'settings.json'), JSON.stringify({ schemaVersion: 1, retention: { keepScans: 5 } }));
    await mkdir(join(source, 'scans'));
    await writeFile(join(source, 'scans', 'scan-1.json'), JSON.stringify({ schema: 'mamori.scan-result/1', scan: { id: 'scan-1', startedAt: '2026-11-24T00:00:00.000Z' } }));
    const oldState = JSON.stringify({ schemaVersion: 1, devices: [{ id: 'old', ip: '10.0.0.2' }], findings: [], scans: [] });
    await writeFile(join(target, 'state.json'), oldState);
    // The scan result's place is taken by a directory: that write fails after state.json and settings.json were written.
    await mkdir(join(target, 'scans', 'scan-1.json'), { recursive: true });
    await expect(restoreBackup(target, await createBackup(source))).rejects.toThrow(/rolled back/);
    expect(await readFile(join(target, 'state.json'), 'utf8')).toBe(oldState);
    expect(existsSync(join(target, 'settings.json'))).toBe(false);
    expect((await readdir(target)).filter((n) => n.endsWith('.restore-tmp'))).toEqual([]);
  });

  it('refuses files that the appliance itself would not accept', async () => {
    const bad: Array<[string, string, RegExp]> = [
      ['settings.json', JSON.stringify({ schemaVersion: 1, unknownKey: 1 }), /settings\.json is not valid/],
      ['auth.json', JSON.stringify({ password: null, sessions: [] }), /auth\.json is not valid/],
      ['totp.json', JSON.stringify({ secret: 'not base32!', pending: null, lastCounter: null }), /totp\.json is not valid/],
      ['audit.jsonl', '{"seq":1}\n', /audit\.jsonl is broken/],
      ['state.json', JSON.stringify({ schemaVersion: 1, devices: 'none', findings: [], scans: [] }), /state\.json is not valid/],
      ['scans/a.json', JSON.stringify({ schema: 'mamori.scan-result/1', scan: { id: 'b', startedAt: 'x' } }), /holds the result of scan b/],
    ];
    for (const [name, content, message] of bad) {
      const entries = [{ name, bytes: Buffer.from(content) }];
      if (name !== 'state.json') entries.unshift({ name: 'state.json', bytes: Buffer.from(STATE) });
      expect(() => readBackup(writeTarGz(entries, new Date())), name).toThrow(message);
    }
    expect(() => readBackup(gzipSync(Buffer.alloc(1024)))).toThrow(/no state\.json/);
  });
});
