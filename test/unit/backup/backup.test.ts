// Backup and restore of the data directory: the archive is a real tar.gz (GNU tar reads it), the
// CLI and the API round-trip the data, and crafted archives (path traversal, absolute paths,
// links, unknown files, a gzip bomb, damaged headers, a future schema) are refused before a byte
// is written.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BackupError, createBackup, readBackup, restoreBackup } from '../../../backend/src/storage/backup.js';
import { loadOrCreateEvidenceKey } from '../../../backend/src/evidence/key.js';
import { AuditLog } from '../../../backend/src/storage/audit.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';

// Each backup costs a 128 MiB scrypt (and each sign-in a 32 MiB one): on a loaded shared machine a
// test here can take far longer than the default 20 s, so the limit is generous (no timing is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const dirs: string[] = [];
const temp = async () => { const d = await makeTempDir('mamori-backup-'); dirs.push(d); return d; };
afterAll(async () => { for (const d of dirs) await removeDir(d); });

/** A tar entry written by hand, so a test can say exactly what a hostile archive holds. */
function entry(name: string, content: string | Buffer, type = '0', linkName = ''): Buffer {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000600\0', 100);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write(type, 156);
  header.write(linkName, 157, 100);
  header.write('ustar\u000000', 257);
  const sum = header.reduce((a, b) => a + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}
const archive = (...entries: Buffer[]) => gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));
const STATE = JSON.stringify({ schemaVersion: 1, devices: [], findings: [], scans: [] });

describe('archive format and validation', () => {
  it('writes a tar.gz that GNU tar lists, and reads it back', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'state.json'), STATE);
    const trail = new AuditLog(join(dir, 'audit.jsonl'));
    await trail.append({ actor: 'system', action: 'one', details: {} });
    await trail.append({ actor: 'system', action: 'two', details: {} });
    await writeFile(join(dir, 'unrelated.txt'), 'not part of a backup');
    const file = join(dir, 'out.tar.gz');
    await writeFile(file, await createBackup(dir));
    const { stdout } = await run('tar', ['-tzvf', file]);
    expect(stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/).at(-1))).toEqual(['state.json', 'audit.jsonl']);
    const files = readBackup(await readFile(file));
    expect(files.get('state.json')!.toString()).toBe(STATE);
  });

  const hostile: Array<[string, () => Buffer, RegExp]> = [
    ['path traversal', () => archive(entry('state.json', STATE), entry('../evil.json', '{}')), /unexpected file "\.\.\/evil\.json"/],
    ['an absolute path', () => archive(entry('/etc/cron.d/evil', '* * * * * root sh')), /unexpected file "\/etc\/cron\.d\/evil"/],
    ['a symbolic link', () => archive(entry('state.json', '', '2', '/etc/passwd')), /"state\.json" is not a regular file/],
    ['a hard link', () => archive(entry('auth.json', '', '1', 'state.json')), /not a regular file/],
    ['a directory', () => archive(entry('backups/', '', '5')), /not a regular file/],
    ['an unknown file', () => archive(entry('state.json', STATE), entry('run.sh', '#!/bin/sh')), /unexpected file "run\.sh"/],
    ['a file twice', () => archive(entry('state.json', STATE), entry('state.json', STATE)), /appears twice/],
    ['a damaged header', () => { const t = Buffer.concat([entry('state.json', STATE), Buffer.alloc(1024)]); t[10] = 65; return gzipSync(t); }, /checksum/],
    ['a cut-off file', () => gzipSync(entry('state.json', STATE + ' '.repeat(2000)).subarray(0, 1000)), /cut short/],
    ['not gzip', () => Buffer.from('PK\u0003\u0004 a zip file'), /not a gzip/],
    ['a gzip bomb', () => gzipSync(Buffer.alloc(210 * 1024 * 1024)), /expands to more than 200 MB/],
    ['no state.json', () => archive(entry('settings.json', '{}')), /no state\.json/],
    ['invalid JSON', () => archive(entry('state.json', '{"schemaVersion":')), /state\.json is not valid JSON/],
    ['a future schema', () => archive(entry('state.json', JSON.stringify({ schemaVersion: 999 }))), /schema version 999/],
    ['a key that is not Ed25519', () => archive(entry('state.json', STATE), entry('evidence-key.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')), /evidence-key\.pem is not an Ed25519 private key/],
    ['a scan result outside scans/', () => archive(entry('state.json', STATE), entry('scans/../x.json', '{}')), /unexpected file/],
    ['a scan result that is not JSON', () => archive(entry('state.json', STATE), entry('scans/s1.json', 'nope')), /scans\/s1\.json is not valid JSON/],
  ];
  for (const [what, make, message] of hostile) {
    it(`refuses ${what}`, () => {
      expect(() => readBackup(make())).toThrow(BackupError);
      expect(() => readBackup(make())).toThrow(message);
    });
  }
});

describe('evidence key and kept scan results', () => {
  it('travel with the backup, so a restored box signs with the same key and keeps its scan results', async () => {
    const source = await temp();
    const target = await temp();
    await writeFile(join(source, 'state.json'), STATE);
    const key = await loadOrCreateEvidenceKey(source);
    const result = JSON.stringify({ schema: 'mamori.scan-result/1', scan: { id: 'scan-1', startedAt: '2026-11-24T00:00:00.000Z' } });
    await mkdir(join(source, 'scans'));
    await writeFile(join(source, 'scans', 'scan-1.json'), result);
    // A result the target had, but the backup does not: a restore never deletes what the archive leaves out.
    const other = JSON.stringify({ schema: 'mamori.scan-result/1', scan: { id: 'other', startedAt: '2026-11-25T00:00:00.000Z' } });
    await mkdir(join(target, 'scans'));
    await writeFile(join(target, 'scans', 'other.json'), other);
    await restoreBackup(target, await createBackup(source));
    expect((await loadOrCreateEvidenceKey(target)).fingerprint).toBe(key.fingerprint);
    expect((await readdir(join(target, 'scans'))).sort()).toEqual(['other.json', 'scan-1.json']);
    expect(await readFile(join(target, 'scans', 'scan-1.json'), 'utf8')).toBe(result);
  });
});

describe('mamori backup (CLI)', () => {
  const cli = (args: string[], env: Record<string, string> = { MAMORI_BACKUP_PASSPHRASE: 'a long backup passphrase' }) => run(process.execPath, ['--import', 'tsx', join(ROOT, 'backend/src/cli.ts'), 'backup', ...args], { cwd: ROOT, env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, out: r.stdout }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }));

  it('creates an archive and restores it into another directory, keeping what it replaced', async () => {
    const source = await temp();
    const target = await temp();
    await writeFile(join(source, 'state.json'), STATE);
    await writeFile(join(source, 'settings.json'), '{"schemaVersion":1}');
    await writeFile(join(target, 'state.json'), JSON.stringify({ schemaVersion: 1, devices: [{ id: 'old' }], findings: [], scans: [] }));
    const file = join(source, 'b.tar.gz');
    expect(await cli(['create', '--out', file, '--data-dir', source])).toMatchObject({ code: 0 });
    // Encrypted: no file name or content of the data directory is readable in it.
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 14).toString()).toBe('MAMORI-BACKUP\n');
    expect(bytes.includes('state.json')).toBe(false);
    expect(await cli(['create', '--out', join(source, 'c.tar.gz'), '--data-dir', source], { MAMORI_BACKUP_PASSPHRASE: '' })).toMatchObject({ code: 2 });
    expect(await cli(['restore', file, '--data-dir', target], { MAMORI_BACKUP_PASSPHRASE: 'not the passphrase' })).toMatchObject({ code: 1, out: expect.stringMatching(/wrong passphrase/) });
    const restored = await cli(['restore', file, '--data-dir', target]);
    expect(restored.code).toBe(0);
    expect(await readFile(join(target, 'state.json'), 'utf8')).toBe(STATE);
    expect(await readFile(join(target, 'settings.json'), 'utf8')).toBe('{"schemaVersion":1}');
    const [kept] = await readdir(join(target, 'backups'));
    expect(await readFile(join(target, 'backups', kept!, 'state.json'), 'utf8')).toContain('"old"');
  });

  it('refuses a hostile archive with exit 1 and writes nothing', async () => {
    const target = await temp();
    const file = join(target, 'evil.tar.gz');
    await writeFile(file, archive(entry('state.json', STATE), entry('../escaped.json', '{}')));
    const result = await cli(['restore', file, '--data-dir', join(target, 'data')]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/backup refused: unexpected file/);
    expect(existsSync(join(target, 'data'))).toBe(false);
    expect(existsSync(join(target, 'escaped.json'))).toBe(false);
    expect((await cli(['create'])).code).toBe(2);
  });
});
