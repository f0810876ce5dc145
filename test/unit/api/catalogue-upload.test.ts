// POST /api/catalogue: the dashboard installs a newer software catalogue only when the project
// signed it (here: a key pair made for the test, its public key injected into the appliance), with
// the owner's password, through the same verification and storage as `mamori data update`.
// A tampered, a foreign-signed and an older bundle are refused with 400 and nothing changes.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_CATALOGUE, useCatalogue } from '../../../backend/src/knowledge/software-catalogue.js';
import type { AuditEntry } from '../../../backend/src/storage/audit.js';
import { CATALOGUE_ENV, CATALOGUE_FILE } from '../../../backend/src/storage/catalogue-store.js';
import { GOOD_PASSWORD, removeDir, setUpOwner, startTestAppliance, type HttpResult, type TestAppliance } from '../../helpers/appliance.js';

// Each upload checks the owner's password (a 32 MiB scrypt): generous on a loaded shared machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const project = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');

function bundle(catalogue: unknown, key: KeyObject = project.privateKey): string {
  const payload = Buffer.from(JSON.stringify(catalogue));
  return JSON.stringify({ schema: 'mamori.signed-catalogue/1', payload: payload.toString('base64'), signature: sign(null, payload, key).toString('base64') });
}

/** A bundle whose signed payload was changed afterwards (a later date), the signature kept. */
function tampered(text: string): string {
  const parsed = JSON.parse(text) as { payload: string };
  const catalogue = JSON.parse(Buffer.from(parsed.payload, 'base64').toString('utf8')) as { date: string };
  catalogue.date = '2027-12-31';
  return JSON.stringify({ ...parsed, payload: Buffer.from(JSON.stringify(catalogue)).toString('base64') });
}

const version = (n: number, date: string) => ({ ...BUILT_IN_CATALOGUE, version: BUILT_IN_CATALOGUE.version + n, date });

describe('POST /api/catalogue', () => {
  let test: TestAppliance;
  let session: string;
  beforeEach(async () => {
    useCatalogue(BUILT_IN_CATALOGUE);
    delete process.env[CATALOGUE_ENV];
    test = await startTestAppliance({ logLevel: 'silent', catalogueKey: project.publicKey });
    session = await setUpOwner(test);
  });
  afterEach(async () => {
    await test?.stop();
    await removeDir(test.dataDir);
    useCatalogue(BUILT_IN_CATALOGUE);
    delete process.env[CATALOGUE_ENV];
  });

  const upload = (text: string, options: { session?: string | undefined; password?: string } = {}): Promise<HttpResult> => test.request({
    method: 'POST', path: '/api/catalogue', rawBody: Buffer.from(text), ...('session' in options ? (options.session ? { session: options.session } : {}) : { session }),
    headers: { 'content-type': 'application/octet-stream', 'x-mamori-password': encodeURIComponent(options.password ?? GOOD_PASSWORD) },
  });
  const shown = async () => ((await test.request({ path: '/api/knowledge', session })).json as { softwareCatalogue: { version: number; date: string } }).softwareCatalogue;
  const trail = async () => (await readFile(join(test.dataDir, 'audit.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditEntry);

  it('installs a bundle signed with the project key; GET /api/knowledge shows its version and date, the trail its digest', async () => {
    const answer = await upload(bundle(version(1, '2027-01-15')));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({ version: BUILT_IN_CATALOGUE.version + 1, date: '2027-01-15', source: 'installed' });
    expect(await shown()).toMatchObject({ version: BUILT_IN_CATALOGUE.version + 1, date: '2027-01-15' });
    expect(existsSync(join(test.dataDir, CATALOGUE_FILE))).toBe(true);
    // The next scan process is started with it: its environment names the verified file.
    expect(process.env[CATALOGUE_ENV]).toBe(join(test.dataDir, CATALOGUE_FILE));
    const installed = (await trail()).find((e) => e.action === 'catalogue-installed');
    expect(installed?.details).toMatchObject({ version: BUILT_IN_CATALOGUE.version + 1, date: '2027-01-15', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  // Four refusals: the password limiter lets five failed requests a minute through.
  it('refuses a tampered, a foreign-signed and an older bundle with 400, and nothing changes', async () => {
    const good = bundle(version(2, '2027-02-01'));
    expect((await upload(good)).status).toBe(200);
    const fileBefore = await readFile(join(test.dataDir, CATALOGUE_FILE), 'utf8');
    for (const [name, text] of [
      ['tampered', tampered(bundle(version(3, '2027-03-01')))],
      ['foreign-signed', bundle(version(3, '2027-03-01'), stranger.privateKey)],
      ['older', bundle(version(1, '2027-01-10'))],
      ['same version', bundle(version(2, '2027-02-02'))],
    ] as const) {
      const answer = await upload(text);
      expect(answer.status, name).toBe(400);
      expect((answer.json as { error: string }).error, name).toMatch(/^catalogue refused: /);
      expect(await shown(), name).toMatchObject({ version: BUILT_IN_CATALOGUE.version + 2, date: '2027-02-01' });
      expect(await readFile(join(test.dataDir, CATALOGUE_FILE), 'utf8'), name).toBe(fileBefore);
    }
    expect((await trail()).filter((e) => e.action === 'catalogue-refused')).toHaveLength(4);
  });

  it('a foreign-signed bundle is refused on a fresh box too: the built-in catalogue stays', async () => {
    expect((await upload(bundle(version(5, '2027-05-01'), stranger.privateKey))).status).toBe(400);
    expect(await shown()).toMatchObject({ version: BUILT_IN_CATALOGUE.version, date: BUILT_IN_CATALOGUE.date });
    expect(existsSync(join(test.dataDir, CATALOGUE_FILE))).toBe(false);
  });

  it('needs a session (401) and the owner password (403), and installs nothing without them', async () => {
    const good = bundle(version(1, '2027-01-15'));
    expect((await upload(good, { session: undefined })).status).toBe(401);
    expect((await upload(good, { password: 'not the owner password' })).status).toBe(403);
    expect((await test.request({ method: 'POST', path: '/api/catalogue', session, rawBody: Buffer.from(good), headers: { 'content-type': 'application/octet-stream' } })).status).toBe(400);
    expect(await shown()).toMatchObject({ version: BUILT_IN_CATALOGUE.version });
    expect(existsSync(join(test.dataDir, CATALOGUE_FILE))).toBe(false);
  });

  it('refuses a cross-site request (no CSRF header) before reading the body', async () => {
    const answer = await test.request({ method: 'POST', path: '/api/catalogue', session, csrfHeader: false, rawBody: Buffer.from(bundle(version(1, '2027-01-15'))), headers: { 'content-type': 'application/octet-stream', 'x-mamori-password': encodeURIComponent(GOOD_PASSWORD) } });
    expect(answer.status).toBe(403);
    expect(await shown()).toMatchObject({ version: BUILT_IN_CATALOGUE.version });
  });
});
