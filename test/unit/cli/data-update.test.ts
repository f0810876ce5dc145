// `mamori data update FILE`: a catalogue is installed only when signed with the project's key
// (here: a key pair made for the test, its public key injected). Good, tampered, foreign-signed,
// older, and unsigned bundles; the installed one is used again after a restart, and verified again.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDataCommand } from '../../../backend/src/cli/data.js';
import { PROJECT_CATALOGUE_KEY } from '../../../backend/src/knowledge/catalogue-bundle.js';
import { activeCatalogue, BUILT_IN_CATALOGUE, useCatalogue } from '../../../backend/src/knowledge/software-catalogue.js';
import { applyInstalledCatalogue, CATALOGUE_ENV, CATALOGUE_FILE } from '../../../backend/src/storage/catalogue-store.js';

const project = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');

function bundle(catalogue: unknown, key: KeyObject = project.privateKey): string {
  const payload = Buffer.from(JSON.stringify(catalogue));
  return JSON.stringify({ schema: 'mamori.signed-catalogue/1', payload: payload.toString('base64'), signature: sign(null, payload, key).toString('base64') });
}

const newer = { ...BUILT_IN_CATALOGUE, version: BUILT_IN_CATALOGUE.version + 1, date: '2027-01-15' };
let dir: string;
let lines: string[];
let errors: string[];
const io = () => ({ out: (l: string) => lines.push(l), err: (l: string) => errors.push(l), publicKey: project.publicKey, now: new Date('2027-02-01T00:00:00Z') });

async function update(text: string): Promise<number> {
  const file = join(dir, 'incoming.json');
  await writeFile(file, text);
  return runDataCommand(['update', file, '--data-dir', dir], io());
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mamori-data-'));
  lines = [];
  errors = [];
  useCatalogue(BUILT_IN_CATALOGUE);
  delete process.env[CATALOGUE_ENV];
});
afterEach(async () => {
  useCatalogue(BUILT_IN_CATALOGUE);
  delete process.env[CATALOGUE_ENV];
  await rm(dir, { recursive: true, force: true });
});

describe('mamori data update', () => {
  it('installs a newer catalogue signed with the project key, and uses it', async () => {
    expect(await update(bundle(newer))).toBe(0);
    expect(lines.join('\n')).toMatch(new RegExp(`version ${newer.version}, dated 2027-01-15, \\d+ rows: installed`));
    expect(activeCatalogue().date).toBe('2027-01-15');
    expect(JSON.parse(await readFile(join(dir, CATALOGUE_FILE), 'utf8')).schema).toBe('mamori.signed-catalogue/1');
    // After a restart: read from the data directory, verified again.
    useCatalogue(BUILT_IN_CATALOGUE);
    expect(applyInstalledCatalogue(join(dir, CATALOGUE_FILE), project.publicKey)).toBeNull();
    expect(activeCatalogue().version).toBe(newer.version);
  });

  it('refuses a tampered bundle (a row changed after signing)', async () => {
    const good = JSON.parse(bundle(newer)) as { payload: string };
    const changed = JSON.parse(Buffer.from(good.payload, 'base64').toString('utf8')) as typeof newer;
    changed.entries = changed.entries.filter((e) => e.id !== 'vsftpd-cve-2011-2523');
    const tampered = JSON.stringify({ ...JSON.parse(bundle(newer)), payload: Buffer.from(JSON.stringify(changed)).toString('base64') });
    expect(await update(tampered)).toBe(1);
    expect(errors.join('\n')).toMatch(/signature is not the Mamori project's/);
    expect(activeCatalogue()).toBe(BUILT_IN_CATALOGUE);
  });

  it('refuses a bundle signed with another key', async () => {
    expect(await update(bundle(newer, stranger.privateKey))).toBe(1);
    expect(errors.join('\n')).toMatch(/refused: the signature/);
    expect(activeCatalogue()).toBe(BUILT_IN_CATALOGUE);
  });

  it('refuses an unsigned catalogue, a signed but invalid one, and one not newer than the one in use', async () => {
    expect(await update(JSON.stringify(newer))).toBe(1);
    expect(await update(bundle({ ...newer, entries: [{ ...newer.entries[0], sources: [] }] }))).toBe(1);
    expect(await update(bundle(BUILT_IN_CATALOGUE))).toBe(1);
    expect(errors).toHaveLength(3);
    expect(errors[2]).toMatch(/not newer/);
    expect(activeCatalogue()).toBe(BUILT_IN_CATALOGUE);
  });

  it('a bundle installed and later altered on disk is not used after a restart', async () => {
    expect(await update(bundle(newer))).toBe(0);
    const file = join(dir, CATALOGUE_FILE);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { signature: string };
    await writeFile(file, JSON.stringify({ ...onDisk, signature: Buffer.alloc(64).toString('base64') }));
    useCatalogue(BUILT_IN_CATALOGUE);
    expect(applyInstalledCatalogue(file, project.publicKey)).toMatch(/signature/);
    expect(activeCatalogue()).toBe(BUILT_IN_CATALOGUE);
  });

  it('status says the date, the age, and past 90 days that it is old', async () => {
    expect(await runDataCommand(['status', '--data-dir', dir], io())).toBe(0);
    expect(lines[0]).toMatch(new RegExp(`dated ${BUILT_IN_CATALOGUE.date} \\(\\d+ days old\\).*built-in`));
    lines = [];
    await runDataCommand(['status', '--data-dir', dir], { ...io(), now: new Date(Date.parse(`${BUILT_IN_CATALOGUE.date}T00:00:00Z`) + 91 * 86_400_000) });
    expect(lines[1]).toMatch(/older than 90 days/);
  });

  it('the embedded project key is an Ed25519 public key (the private key is not in the repository)', () => {
    expect(PROJECT_CATALOGUE_KEY).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(PROJECT_CATALOGUE_KEY).not.toMatch(/PRIVATE/);
  });
});
