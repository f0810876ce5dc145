// `mamori evidence create` and `mamori evidence verify`, run as the built CLI (npm run build):
// exit 0 and a summary for a good pack, exit 1 naming the file for a changed one, 2 for bad usage.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../../helpers/appliance.js';
import { AuditLog } from '../../../backend/src/storage/audit.js';
import { entriesOf, packFixture, repack, SCAN_IDS, type PackFixture } from './fixture.js';

const ROOT = join(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'backend/dist/cli.js');
const run = promisify(execFile);
const mamori = (args: string[]) => run(process.execPath, [CLI, 'evidence', ...args], { cwd: ROOT, timeout: 60_000 }).then(
  (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

let fixture: PackFixture;
let pack: string;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('build first: npm run build');
  fixture = await packFixture();
  const scans = SCAN_IDS.map((id, i) => ({ id, status: 'completed', startedAt: `2026-11-1${i * 5}T00:00:00.000Z`, finishedAt: `2026-11-1${i * 5}T00:01:00.000Z`, targets: ['10.77.0.0/24'], loginChecks: true, stats: null, error: null, trigger: 'manual' }));
  await writeFile(join(fixture.dataDir, 'state.json'), JSON.stringify({ schemaVersion: 1, devices: [], findings: [], scans }));
  pack = join(fixture.dataDir, 'pack.tar.gz');
});
afterAll(async () => { await removeDir(fixture.dataDir); });

describe('mamori evidence (CLI)', () => {
  it('creates a pack from a data directory, records it in the audit trail, and verifies it', async () => {
    const created = await mamori(['create', '--from', '2026-11-10', '--to', '2026-11-20', '--lang', 'en', '--out', pack, '--data-dir', fixture.dataDir]);
    expect(created, created.stderr).toMatchObject({ code: 0 });
    const fingerprint = /signing key fingerprint (\S+)/.exec(created.stdout)![1]!;
    expect((await stat(pack)).mode & 0o777).toBe(0o600);
    expect(entriesOf(await readFile(pack)).map((e) => e.name)).toEqual(expect.arrayContaining(['report-en.pdf', 'report-en.html', 'devices.csv', 'findings.csv', `scans/${SCAN_IDS[0]}.json`]));
    const last = (await new AuditLog(fixture.audit.file).entries()).at(-1)!;
    expect(last).toMatchObject({ actor: 'cli', action: 'evidence-pack-created', details: { from: '2026-11-10', to: '2026-11-20', fingerprint } });

    const verified = await mamori(['verify', pack]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/evidence pack intact: 7 files match the signed manifest; audit excerpt of 4 entries, chain intact/);
    expect(verified.stdout).toContain(`signed by the key ${fingerprint}`);
    expect((await mamori(['verify', pack, '--fingerprint', fingerprint.toUpperCase()])).stdout).toContain(`signed by the expected key ${fingerprint}`);
    const wrong = await mamori(['verify', pack, '--fingerprint', '0000-1111-2222-3333-4444-5555-6666-7777']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^mamori: evidence: manifest\.sig: signed by the key .* not by the expected 0000-1111/);
  });

  it('fails with exit 1 naming the file when one byte of it changed', async () => {
    const entries = entriesOf(await readFile(pack));
    const name = `scans/${SCAN_IDS[1]}.json`;
    const tampered = entries.map((e) => {
      if (e.name !== name) return e;
      const bytes = Buffer.from(e.bytes);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      return { name: e.name, bytes };
    });
    const file = join(fixture.dataDir, 'tampered.tar.gz');
    await writeFile(file, repack(tampered));
    const result = await mamori(['verify', file]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`mamori: evidence: ${name}: SHA-256 mismatch`);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for bad usage and 1 for a file that is not there', async () => {
    expect((await mamori(['verify'])).code).toBe(2);
    expect((await mamori(['verify', 'a', 'b'])).code).toBe(2);
    expect((await mamori(['frobnicate'])).code).toBe(2);
    expect((await mamori(['create', '--from', '2026-11-20', '--to', '2026-11-10', '--out', 'x'])).code).toBe(2);
    expect((await mamori(['create', '--from', '2026-11-10', '--to', '2026-11-20'])).code).toBe(2);
    expect((await mamori(['create', '--from', '2026-11-10', '--to', '2026-11-20', '--lang', 'fr', '--out', 'x'])).code).toBe(2);
    const missing = await mamori(['verify', join(fixture.dataDir, 'nope.tar.gz')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/mamori: evidence: cannot read/);
  });
});
