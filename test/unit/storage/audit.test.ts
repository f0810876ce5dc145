import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, hashEntry, verifyAuditLog, type AuditEntry } from '../../../backend/src/storage/audit.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mamori-audit-'));
  file = join(dir, 'audit.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function fill(count: number): Promise<AuditLog> {
  const log = new AuditLog(file);
  for (let i = 0; i < count; i++) {
    await log.append({ actor: 'system', action: 'credential-attempt', details: { ip: '10.77.0.11', port: 23, user: 'root', passwordMasked: '1***5', n: i } });
  }
  return log;
}

function lines(): AuditEntry[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
}

function rewrite(entries: AuditEntry[]): void {
  writeFileSync(file, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
}

describe('audit trail', () => {
  it('chains every entry to the one before it', async () => {
    await fill(5);
    const entries = lines();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: true, entries: 5 });
  });

  it('detects a changed entry and names it', async () => {
    await fill(5);
    const entries = lines();
    entries[2]!.details['user'] = 'admin';
    rewrite(entries);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, entries: 2, brokenAt: { seq: 3, line: 3, reason: expect.stringMatching(/changed/) } });
  });

  it('detects a changed entry whose hash was recomputed, at the next link', async () => {
    await fill(5);
    const entries = lines();
    entries[1]!.details['user'] = 'admin';
    const { hash: _old, ...rest } = entries[1]!;
    entries[1]!.hash = hashEntry(rest);
    rewrite(entries);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, brokenAt: { seq: 3, line: 3, reason: expect.stringMatching(/link/) } });
  });

  it('detects a removed or reordered entry', async () => {
    await fill(5);
    const entries = lines();
    rewrite([entries[0]!, entries[1]!, entries[3]!, entries[4]!]);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, brokenAt: { line: 3, reason: expect.stringMatching(/sequence/) } });
    rewrite([entries[1]!, entries[0]!]);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, brokenAt: { line: 1 } });
  });

  it('keeps one chain when two writers (appliance and CLI) append at once', async () => {
    const a = new AuditLog(file);
    const b = new AuditLog(file);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append({ actor: i % 2 ? 'system' : 'cli', action: 'test', details: { i } })));
    expect(await verifyAuditLog(file)).toMatchObject({ ok: true, entries: 40 });
  });

  it('hashes independently of key order in details', () => {
    const base = { seq: 1, at: '2026-01-01T00:00:00.000Z', prevHash: '0'.repeat(64), actor: 'x', action: 'y' };
    expect(hashEntry({ ...base, details: { a: 1, b: { c: 2, d: 3 } } })).toBe(hashEntry({ ...base, details: { b: { d: 3, c: 2 }, a: 1 } }));
    expect(hashEntry({ ...base, details: { a: 1 } })).not.toBe(hashEntry({ ...base, details: { a: 2 } }));
  });
});

describe('mamori audit verify', () => {
  const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', join(ROOT, 'backend/src/cli.ts'), 'audit', 'verify', '--data-dir', dir, ...args], { cwd: ROOT })
    .then((r) => ({ code: 0, out: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }));

  it('reports an intact trail with exit status 0', async () => {
    await fill(3);
    const result = await cli([]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/intact: 3 entries/);
  });

  it('reports the first broken link with exit status 1', async () => {
    await fill(4);
    const entries = lines();
    entries[1]!.action = 'nothing-happened';
    rewrite(entries);
    const result = await cli([]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/BROKEN at line 2 \(entry 2\)/);
  });
});
