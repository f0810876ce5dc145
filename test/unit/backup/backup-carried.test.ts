// A backup carries the API tokens (hashes only) and the installed, signed software catalogue, so a
// restored box — or a new one — keeps its collectors working and does not fall back to the older
// built-in catalogue. The catalogue is checked on restore exactly as on install (the project's
// signature, here a test key pair's public key injected), the token file against its own schema;
// a refused archive writes nothing, a failed write puts them back, an older archive without them
// leaves what the box has, a token revoked since the backup stays revoked, and a restore never
// replaces an installed catalogue with an older one.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiTokens } from '../../../backend/src/api/api-tokens.js';
import { runBackupCommand } from '../../../backend/src/cli/backup.js';
import { activeCatalogue, BUILT_IN_CATALOGUE, useCatalogue } from '../../../backend/src/knowledge/software-catalogue.js';
import type { AuditEntry } from '../../../backend/src/storage/audit.js';
import { BackupError, createBackup, PENDING_RESTORE_DIR, readBackup, restoreBackup } from '../../../backend/src/storage/backup.js';
import { encryptBackup } from '../../../backend/src/storage/backup-crypto.js';
import { applyInstalledCatalogue, CATALOGUE_ENV, CATALOGUE_FILE, installCatalogue } from '../../../backend/src/storage/catalogue-store.js';
import { API_TOKENS_FILE } from '../../../backend/src/storage/data-files.js';
import { writeTarGz } from '../../../backend/src/storage/tar.js';
import { GOOD_PASSWORD, makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

// Encrypting costs a 128 MiB scrypt, a sign-in a 32 MiB one: generous limits on a shared machine (no timing is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const project = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const KEY = { catalogueKey: project.publicKey };
const PASSPHRASE = 'kitchen drawer passphrase';
const STATE = JSON.stringify({ schemaVersion: 1, devices: [], findings: [], scans: [] });

function bundle(catalogue: unknown, key: KeyObject = project.privateKey): string {
  const payload = Buffer.from(JSON.stringify(catalogue));
  return JSON.stringify({ schema: 'mamori.signed-catalogue/1', payload: payload.toString('base64'), signature: sign(null, payload, key).toString('base64') });
}
const version = (ahead: number, date: string) => ({ ...BUILT_IN_CATALOGUE, version: BUILT_IN_CATALOGUE.version + ahead, date });
/** The signed bundle with one row removed after signing. */
function tampered(good: string): string {
  const parsed = JSON.parse(good) as { payload: string };
  const catalogue = JSON.parse(Buffer.from(parsed.payload, 'base64').toString('utf8')) as { entries: Array<{ id: string }> };
  catalogue.entries = catalogue.entries.slice(1);
  return JSON.stringify({ ...parsed, payload: Buffer.from(JSON.stringify(catalogue)).toString('base64') });
}

const dirs: string[] = [];
const temp = async () => { const d = await makeTempDir('mamori-carried-'); dirs.push(d); return d; };
afterAll(async () => { for (const d of dirs) await removeDir(d); });
beforeEach(() => { useCatalogue(BUILT_IN_CATALOGUE); delete process.env[CATALOGUE_ENV]; });
afterEach(() => { useCatalogue(BUILT_IN_CATALOGUE); delete process.env[CATALOGUE_ENV]; });

/** A data directory with two live tokens and one revoked, and a newer catalogue installed (as `mamori data update` does). */
async function sourceBox(): Promise<{ dir: string; live: string[]; revoked: string }> {
  const dir = await temp();
  await writeFile(join(dir, 'state.json'), STATE);
  const tokens = await ApiTokens.open(join(dir, API_TOKENS_FILE));
  const made = await Promise.all(['central collector', 'prometheus', 'old siem'].map(async (name) => {
    const created = await tokens.create(name);
    if (!created.ok) throw new Error(created.error);
    return created;
  }));
  await tokens.revoke(made[2]!.view.id);
  await tokens.flush();
  await installCatalogue(dir, bundle(version(2, '2027-03-01')), project.publicKey);
  useCatalogue(BUILT_IN_CATALOGUE);
  return { dir, live: made.slice(0, 2).map((m) => m.token), revoked: made[2]!.token };
}

const fileIn = (dir: string, name: string) => readFile(join(dir, name), 'utf8');

describe('tokens and the installed catalogue travel with a backup', () => {
  it('restored into an empty directory (new hardware) through the CLI: the tokens authenticate, the catalogue is the one in use', async () => {
    const { dir: source, live, revoked } = await sourceBox();
    const target = join(await temp(), 'new-box');
    const passphraseFile = join(source, 'passphrase');
    await writeFile(passphraseFile, PASSPHRASE);
    const out: string[] = [];
    const file = join(source, 'box.mamori-backup');
    expect(await runBackupCommand(['create', '--out', file, '--data-dir', source, '--passphrase-file', passphraseFile], (l) => out.push(l), KEY)).toBe(0);
    const archive = await readFile(file);
    // Encrypted: neither a token's hash nor the catalogue is readable in the file.
    const storedHash = (JSON.parse(await fileIn(source, API_TOKENS_FILE)) as { tokens: Array<{ hash: string }> }).tokens[0]!.hash;
    expect(archive.includes(storedHash)).toBe(false);
    expect(archive.includes('mamori.signed-catalogue/1')).toBe(false);
    expect(await runBackupCommand(['restore', file, '--data-dir', target, '--passphrase-file', passphraseFile], (l) => out.push(l), KEY)).toBe(0);

    expect(await fileIn(target, CATALOGUE_FILE)).toBe(await fileIn(source, CATALOGUE_FILE));
    const tokens = await ApiTokens.open(join(target, API_TOKENS_FILE));
    for (const token of live) expect(tokens.verify(token)).not.toBeNull();
    expect(tokens.verify(revoked)).toBeNull();
    expect(tokens.list().map((t) => t.name)).toEqual(['central collector', 'prometheus', 'old siem']);
    // What a start does: the restored catalogue verifies and replaces the built-in one.
    expect(activeCatalogue()).toBe(BUILT_IN_CATALOGUE);
    expect(applyInstalledCatalogue(join(target, CATALOGUE_FILE), project.publicKey)).toBeNull();
    expect(activeCatalogue()).toMatchObject({ version: BUILT_IN_CATALOGUE.version + 2, date: '2027-03-01' });
    await tokens.flush();
  });

  it('refuses a tampered, a foreign-signed or an unsigned catalogue in an archive, and writes nothing', async () => {
    const { dir: source } = await sourceBox();
    const good = await fileIn(source, CATALOGUE_FILE);
    const cases: Array<[string, string, RegExp]> = [
      ['tampered', tampered(good), /the software catalogue in the backup is refused: the signature is not the Mamori project's/],
      ['foreign-signed', bundle(version(2, '2027-03-01'), stranger.privateKey), /the software catalogue in the backup is refused: the signature is not the Mamori project's/],
      ['unsigned', JSON.stringify(version(2, '2027-03-01')), /the software catalogue in the backup is refused: not a mamori\.signed-catalogue\/1 bundle/],
      ['too large', ' '.repeat(4 * 1024 * 1024 + 1), /software-catalogue\.signed\.json is larger than 4194304 bytes/],
    ];
    for (const [what, text, message] of cases) {
      const archive = writeTarGz([{ name: 'state.json', bytes: Buffer.from(STATE) }, { name: CATALOGUE_FILE, bytes: Buffer.from(text) }], new Date());
      expect(() => readBackup(archive, KEY), what).toThrow(message);
      const target = await temp();
      await expect(restoreBackup(target, archive, new Date(), KEY), what).rejects.toThrow(BackupError);
      expect(await readdir(target), what).toEqual([]);
    }
    // Signed with the test key is not signed with the project's: without the injected key it is refused too.
    const signedForTests = writeTarGz([{ name: 'state.json', bytes: Buffer.from(STATE) }, { name: CATALOGUE_FILE, bytes: Buffer.from(good) }], new Date());
    expect(() => readBackup(signedForTests)).toThrow(/signature is not the Mamori project's/);
    expect(readBackup(signedForTests, KEY).has(CATALOGUE_FILE)).toBe(true);
  });

  it('refuses a token file the appliance would not write: a token in clear, a bad hash, too many, too large', async () => {
    const record = { id: 'a1b2c3d4e5f6', name: 'collector', hash: 'f'.repeat(64), createdAt: '2026-12-01T00:00:00.000Z', lastUsedAt: null, revokedAt: null };
    const cases: Array<[string, unknown, RegExp]> = [
      ['a token in clear', { tokens: [{ ...record, token: 'mamori_abc' }] }, /api-tokens\.json is not valid/],
      ['a hash that is not SHA-256 hex', { tokens: [{ ...record, hash: 'mamori_abc' }] }, /api-tokens\.json is not valid/],
      ['two tokens with one id', { tokens: [record, { ...record, hash: 'e'.repeat(64) }] }, /two tokens share an id/],
      ['too many', { tokens: Array.from({ length: 201 }, (_, i) => ({ ...record, id: i.toString(16) })) }, /api-tokens\.json is not valid/],
      ['no list', { tokens: 'none' }, /api-tokens\.json is not valid/],
    ];
    for (const [what, content, message] of cases) {
      const archive = writeTarGz([{ name: 'state.json', bytes: Buffer.from(STATE) }, { name: API_TOKENS_FILE, bytes: Buffer.from(JSON.stringify(content)) }], new Date());
      expect(() => readBackup(archive), what).toThrow(message);
    }
    const huge = writeTarGz([{ name: 'state.json', bytes: Buffer.from(STATE) }, { name: API_TOKENS_FILE, bytes: Buffer.alloc(256 * 1024 + 1, 32) }], new Date());
    expect(() => readBackup(huge)).toThrow(/api-tokens\.json is larger than 262144 bytes/);
  });

  it('an archive of an older version, without them, restores and leaves the tokens and catalogue the box has', async () => {
    const { dir: box, live } = await sourceBox();
    const [tokensBefore, catalogueBefore] = await Promise.all([fileIn(box, API_TOKENS_FILE), fileIn(box, CATALOGUE_FILE)]);
    const older = writeTarGz([{ name: 'state.json', bytes: Buffer.from(STATE) }, { name: 'settings.json', bytes: Buffer.from('{"schemaVersion":1}') }], new Date());
    const outcome = await restoreBackup(box, older);
    expect(outcome.files).toEqual(['state.json', 'settings.json']);
    expect(await fileIn(box, API_TOKENS_FILE)).toBe(tokensBefore);
    expect(await fileIn(box, CATALOGUE_FILE)).toBe(catalogueBefore);
    expect((await ApiTokens.open(join(box, API_TOKENS_FILE))).verify(live[0]!)).not.toBeNull();
  });

  it('a token revoked since the backup stays revoked after the restore', async () => {
    const { dir: box, live } = await sourceBox();
    const archive = await createBackup(box, new Date(), KEY);
    const tokens = await ApiTokens.open(join(box, API_TOKENS_FILE));
    const leaked = tokens.list().find((t) => t.name === 'prometheus')!;
    await tokens.revoke(leaked.id);
    await restoreBackup(box, archive, new Date(), KEY);
    const after = await ApiTokens.open(join(box, API_TOKENS_FILE));
    expect(after.verify(live[1]!)).toBeNull();
    expect(after.list().find((t) => t.id === leaked.id)?.revokedAt).toEqual(expect.any(String));
    expect(after.verify(live[0]!)).not.toBeNull();
    await after.flush();
  });

  it('never replaces an installed catalogue with an older one, nor installs one older than the built-in', async () => {
    const { dir: source } = await sourceBox();
    const archive = await createBackup(source, new Date(), KEY);
    const target = await temp();
    await writeFile(join(target, 'state.json'), STATE);
    await installCatalogue(target, bundle(version(5, '2027-09-01')), project.publicKey);
    const newer = await fileIn(target, CATALOGUE_FILE);
    const outcome = await restoreBackup(target, archive, new Date(), KEY);
    expect(outcome.files).not.toContain(CATALOGUE_FILE);
    expect(outcome.notRestored).toEqual([{ file: CATALOGUE_FILE, reason: `its catalogue version ${BUILT_IN_CATALOGUE.version + 2} is not newer than the installed one (version ${BUILT_IN_CATALOGUE.version + 5})` }]);
    expect(outcome.audit.details).toMatchObject({ notRestored: outcome.notRestored });
    expect(await fileIn(target, CATALOGUE_FILE)).toBe(newer);
    expect(outcome.files).toContain(API_TOKENS_FILE);

    const asOld = writeTarGz([{ name: 'state.json', bytes: Buffer.from(STATE) }, { name: CATALOGUE_FILE, bytes: Buffer.from(bundle(BUILT_IN_CATALOGUE)) }], new Date());
    const fresh = await temp();
    const skipped = await restoreBackup(fresh, asOld, new Date(), KEY);
    expect(skipped.notRestored[0]?.reason).toMatch(/not newer than the built-in one/);
    expect(existsSync(join(fresh, CATALOGUE_FILE))).toBe(false);
  });

  it('a backup leaves out an installed catalogue that no longer verifies, so it stays restorable', async () => {
    const { dir: source } = await sourceBox();
    await writeFile(join(source, CATALOGUE_FILE), tampered(await fileIn(source, CATALOGUE_FILE)));
    const files = readBackup(await createBackup(source, new Date(), KEY), KEY);
    expect(files.has(CATALOGUE_FILE)).toBe(false);
    expect(files.has(API_TOKENS_FILE)).toBe(true);
  });

  it('a write failing half-way puts the tokens and the catalogue back as they were', async () => {
    const { dir: source } = await sourceBox();
    await mkdir(join(source, 'scans'));
    await writeFile(join(source, 'scans', 'scan-1.json'), JSON.stringify({ schema: 'mamori.scan-result/1', scan: { id: 'scan-1', startedAt: '2026-11-24T00:00:00.000Z' } }));
    const archive = await createBackup(source, new Date(), KEY);
    const target = await temp();
    await writeFile(join(target, 'state.json'), STATE);
    const oldTokens = JSON.stringify({ tokens: [{ id: 'abc', name: 'old', hash: 'a'.repeat(64), createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: null, revokedAt: null }] });
    await writeFile(join(target, API_TOKENS_FILE), oldTokens);
    await installCatalogue(target, bundle(version(1, '2027-01-15')), project.publicKey);
    const oldCatalogue = await fileIn(target, CATALOGUE_FILE);
    // The scan result's place is taken by a directory: that write fails after the top-level files were written.
    await mkdir(join(target, 'scans', 'scan-1.json'), { recursive: true });
    await expect(restoreBackup(target, archive, new Date(), KEY)).rejects.toThrow(/rolled back/);
    expect(await fileIn(target, API_TOKENS_FILE)).toBe(oldTokens);
    expect(await fileIn(target, CATALOGUE_FILE)).toBe(oldCatalogue);
    expect((await readdir(target)).filter((n) => n.endsWith('.restore-tmp'))).toEqual([]);
  });
});

describe('a running appliance', () => {
  let first: TestAppliance | undefined;
  let second: TestAppliance | undefined;
  afterEach(async () => { await first?.stop(); await second?.stop(); });

  /** POST /api/backup, its answer as bytes. */
  async function download(test: TestAppliance, session: string, body: unknown): Promise<{ status: number; body: Buffer }> {
    const answer = await test.request({ method: 'POST', path: '/api/backup', session, body });
    return { status: answer.status, body: answer.bytes };
  }

  const upload = (test: TestAppliance, session: string, path: string, body: Buffer, extra: Record<string, string> = {}) => test.request({
    method: 'POST', path, rawBody: body, session,
    headers: { 'content-type': 'application/octet-stream', 'x-mamori-password': encodeURIComponent(GOOD_PASSWORD), ...extra },
  });

  it('moved to new hardware: after the restore is applied at the next start, the tokens read and the catalogue is in use', async () => {
    first = await startTestAppliance({ logLevel: 'silent', catalogueKey: project.publicKey });
    dirs.push(first.dataDir);
    const session = await setUpOwner(first);
    const created = await first.request({ method: 'POST', path: '/api/tokens', session, body: { name: 'central collector' } });
    const { token } = created.json as { token: string };
    expect((await upload(first, session, '/api/catalogue', Buffer.from(bundle(version(3, '2027-05-01'))))).status).toBe(200);
    expect((await first.request({ path: '/api/state', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const backup = await download(first, session, { password: GOOD_PASSWORD, passphrase: PASSPHRASE });
    expect(backup.status).toBe(200);
    await first.stop();
    first = undefined;
    useCatalogue(BUILT_IN_CATALOGUE);

    second = await startTestAppliance({ logLevel: 'silent', catalogueKey: project.publicKey });
    const dataDir = second.dataDir;
    dirs.push(dataDir);
    const secondSession = await setUpOwner(second);
    const staged = await upload(second, secondSession, '/api/restore', backup.body, { 'x-mamori-passphrase': encodeURIComponent(PASSPHRASE) });
    expect(staged.status, staged.text).toBe(202);
    expect((staged.json as { files: string[] }).files).toEqual(expect.arrayContaining([API_TOKENS_FILE, CATALOGUE_FILE]));
    expect((await second.request({ path: '/api/state', headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await second.stop();
    useCatalogue(BUILT_IN_CATALOGUE);

    second = await startTestAppliance({ dataDir, logLevel: 'silent', catalogueKey: project.publicKey });
    expect((await second.request({ path: '/api/state', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(activeCatalogue()).toMatchObject({ version: BUILT_IN_CATALOGUE.version + 3, date: '2027-05-01' });
    const again = await second.appliance.auth.login(GOOD_PASSWORD);
    const knowledge = await second.request({ path: '/api/knowledge', session: again! });
    expect((knowledge.json as { softwareCatalogue: { version: number; source?: string } }).softwareCatalogue.version).toBe(BUILT_IN_CATALOGUE.version + 3);
    const trail = (await fileIn(dataDir, 'audit.jsonl')).trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    expect(trail.find((e) => e.action === 'restore-applied')?.details).toMatchObject({ files: expect.arrayContaining([API_TOKENS_FILE, CATALOGUE_FILE]) });
  });

  it('POST /api/restore refuses an archive with a tampered catalogue, with the reason, and stages nothing', async () => {
    first = await startTestAppliance({ logLevel: 'silent', catalogueKey: project.publicKey });
    dirs.push(first.dataDir);
    const session = await setUpOwner(first);
    const plain = writeTarGz([
      { name: 'state.json', bytes: Buffer.from(STATE) },
      { name: CATALOGUE_FILE, bytes: Buffer.from(tampered(bundle(version(3, '2027-05-01')))) },
    ], new Date());
    const answer = await upload(first, session, '/api/restore', await encryptBackup(plain, PASSPHRASE), { 'x-mamori-passphrase': encodeURIComponent(PASSPHRASE) });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toBe('backup refused: the software catalogue in the backup is refused: the signature is not the Mamori project\'s: catalogue refused');
    expect(existsSync(join(first.dataDir, PENDING_RESTORE_DIR))).toBe(false);
    expect(existsSync(join(first.dataDir, CATALOGUE_FILE))).toBe(false);
  });
});
