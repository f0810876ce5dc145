// The due-care evidence pack: a fresh pack verifies; a change to any byte of any file is caught
// and named; a missing, extra or renamed file, an edited or re-signed manifest, a wrong key, a
// broken audit chain, hostile names and oversize entries are all refused.
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../../helpers/appliance.js';
import { parsePeriod, parseSignatureFile, signatureFile, type EvidenceManifest } from '../../../backend/src/evidence/format.js';
import { EVIDENCE_KEY_FILE, loadOrCreateEvidenceKey } from '../../../backend/src/evidence/key.js';
import { buildEvidencePack, sealPack, type EvidencePack, type PackFile } from '../../../backend/src/evidence/pack.js';
import { verifyEvidencePack } from '../../../backend/src/evidence/verify.js';
import { hashEntry, type AuditEntry } from '../../../backend/src/storage/audit.js';
import { entriesOf, makePack, packFixture, PERIOD, repack, SCAN_IDS, type PackFixture } from './fixture.js';

let fixture: PackFixture;
let pack: EvidencePack;
beforeAll(async () => { fixture = await packFixture(); pack = await makePack(fixture); });
afterAll(async () => { await removeDir(fixture.dataDir); });

const failure = (archive: Buffer, fingerprint?: string) => {
  const verdict = verifyEvidencePack(archive, fingerprint === undefined ? {} : { fingerprint });
  if (verdict.ok) throw new Error('the pack verified');
  return verdict;
};

describe('a fresh pack', () => {
  it('holds the fixed set of files and verifies', () => {
    expect(entriesOf(pack.archive).map((e) => e.name)).toEqual([
      'manifest.json', 'manifest.sig', 'report-ja.pdf', 'report-ja.html', 'devices.csv', 'findings.csv',
      `scans/${SCAN_IDS[0]}.json`, `scans/${SCAN_IDS[1]}.json`, 'audit/audit-excerpt.jsonl',
    ]);
    const verdict = verifyEvidencePack(pack.archive);
    expect(verdict).toMatchObject({ ok: true, fingerprintChecked: false, auditEntries: 4 });
    expect(pack.fileName).toBe('mamori-evidence-2026-11-10-2026-11-20.tar.gz');
  });

  it('has a manifest with format, period, version, every file hashed and the audit chain head', () => {
    const files = new Map(entriesOf(pack.archive).map((e) => [e.name, e.bytes]));
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as EvidenceManifest;
    expect(manifest).toMatchObject({
      format: 'mamori.evidence-pack/1', generatedAt: '2026-11-24T05:00:00.000Z', language: 'ja',
      period: { from: '2026-11-10', to: '2026-11-20', timeZone: 'UTC' }, appliance: { name: 'Mamori', version: '0.1.0' },
      audit: { entries: 4, firstSeq: 3, lastSeq: 6, head: { seq: 7 } },
    });
    for (const file of manifest.files) {
      expect(file.size).toBe(files.get(file.path)!.length);
      expect(file.sha256).toBe(createHash('sha256').update(files.get(file.path)!).digest('hex'));
    }
    expect(manifest.files.map((f) => f.path)).not.toContain('scans/before-the-period.json');
    expect(manifest.files.map((f) => f.path)).not.toContain('scans/after-the-period.json');
  });

  it('excerpts exactly the period from the trail, linked to the entry before it', async () => {
    const trail = (await readFile(fixture.audit.file, 'utf8')).split('\n').filter(Boolean);
    const excerpt = entriesOf(pack.archive).find((e) => e.name === 'audit/audit-excerpt.jsonl')!.bytes.toString();
    expect(excerpt).toBe(trail.slice(2, 6).map((l) => `${l}\n`).join(''));
    expect(pack.manifest.audit.previousHash).toBe((JSON.parse(trail[1]!) as AuditEntry).hash);
    expect(pack.manifest.audit.head.hash).toBe((JSON.parse(trail[6]!) as AuditEntry).hash);
  });

  it('is signed with one key kept 0600 in the data dir, whose fingerprint the manifest carries', async () => {
    const key = await loadOrCreateEvidenceKey(fixture.dataDir);
    expect((await stat(join(fixture.dataDir, EVIDENCE_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(pack.manifest.signature).toMatchObject({ algorithm: 'Ed25519', publicKey: key.publicKey, fingerprint: key.fingerprint });
    expect(key.fingerprint).toMatch(/^([0-9a-f]{4}-){7}[0-9a-f]{4}$/);
    const again = await loadOrCreateEvidenceKey(fixture.dataDir);
    expect(again.fingerprint).toBe(key.fingerprint);
    // The fingerprint as a person might type it from paper.
    expect(verifyEvidencePack(pack.archive, { fingerprint: key.fingerprint.toUpperCase().replace(/-/g, ' ') })).toMatchObject({ ok: true, fingerprintChecked: true });
  });
});

describe('tampering', () => {
  it('a changed byte anywhere in any file fails, naming exactly that file', () => {
    const entries = entriesOf(pack.archive);
    let tried = 0;
    for (const [index, entry] of entries.entries()) {
      // Bounded: at most 24 positions a file, spread from the first byte to the last.
      const positions = new Set(Array.from({ length: Math.min(24, entry.bytes.length) }, (_, i) => Math.round((i * (entry.bytes.length - 1)) / Math.max(1, Math.min(23, entry.bytes.length - 1)))));
      for (const position of positions) {
        for (const change of [(b: number) => b ^ 0x01, (b: number) => (b + 0x80) & 0xff]) {
          const bytes = Buffer.from(entry.bytes);
          bytes[position] = change(bytes[position]!);
          const tampered = entries.map((e, i) => (i === index ? { name: e.name, bytes } : e));
          const verdict = failure(repack(tampered));
          expect(verdict.file, `${entry.name} byte ${position}: ${verdict.reason}`).toBe(entry.name);
          tried += 1;
        }
      }
    }
    expect(tried).toBeGreaterThan(entries.length * 20);
  });

  it('a missing file, an extra file or a renamed file fails, naming it', () => {
    const entries = entriesOf(pack.archive);
    const scan = `scans/${SCAN_IDS[1]}.json`;
    expect(failure(repack(entries.filter((e) => e.name !== scan)))).toMatchObject({ file: scan, reason: 'missing' });
    expect(failure(repack(entries.filter((e) => e.name !== 'manifest.sig')))).toMatchObject({ file: 'manifest.sig', reason: 'missing' });
    expect(failure(repack(entries.filter((e) => e.name !== 'manifest.json')))).toMatchObject({ file: 'manifest.json', reason: 'missing' });
    expect(failure(repack([...entries, { name: 'notes.txt', bytes: Buffer.from('added later') }]))).toMatchObject({ file: 'notes.txt', reason: expect.stringMatching(/extra file/) });
    const renamed = entries.map((e) => (e.name === scan ? { ...e, name: 'scans/renamed.json' } : e));
    expect(failure(repack(renamed)).file).toBe('scans/renamed.json');
  });

  it('an edited manifest fails its hash; with its hash updated in manifest.sig, the signature fails', () => {
    const entries = entriesOf(pack.archive);
    const manifestBytes = Buffer.from(entries[0]!.bytes.toString().replace('"version": "0.1.0"', '"version": "0.1.1"'));
    expect(manifestBytes.equals(entries[0]!.bytes)).toBe(false);
    const edited = entries.map((e) => (e.name === 'manifest.json' ? { ...e, bytes: manifestBytes } : e));
    expect(failure(repack(edited))).toMatchObject({ file: 'manifest.json', reason: expect.stringMatching(/SHA-256 mismatch/) });
    const sig = parseSignatureFile(entries[1]!.bytes)!;
    const newHash = createHash('sha256').update(manifestBytes).digest('hex');
    const resealed = edited.map((e) => (e.name === 'manifest.sig' ? { ...e, bytes: signatureFile(sig.publicKey, newHash, sig.signature) } : e));
    expect(failure(repack(resealed))).toMatchObject({ file: 'manifest.sig', reason: 'the signature is not valid' });
  });

  it('a pack re-made with another key verifies alone, and fails against the fingerprint noted at handover', async () => {
    const other = await packFixture();
    try {
      const forged = await buildEvidencePack(other.sources, PERIOD, 'ja');
      expect(verifyEvidencePack(forged.archive).ok).toBe(true);
      const verdict = failure(forged.archive, pack.manifest.signature.fingerprint);
      expect(verdict).toMatchObject({ file: 'manifest.sig', reason: expect.stringMatching(/signed by the key .* not by the expected/) });
      expect(verifyEvidencePack(pack.archive, { fingerprint: pack.manifest.signature.fingerprint }).ok).toBe(true);
    } finally {
      await removeDir(other.dataDir);
    }
  });

  it('a broken link or a removed entry in the audit excerpt fails, even in a correctly signed pack', async () => {
    const key = await loadOrCreateEvidenceKey(fixture.dataDir);
    const entries = entriesOf(pack.archive);
    const lines = entries.find((e) => e.name === 'audit/audit-excerpt.jsonl')!.bytes.toString().split('\n').filter(Boolean);
    const { files: _files, signature: _signature, ...facts } = pack.manifest;
    const files = (excerpt: string[]): PackFile[] => entries.filter((e) => !e.name.startsWith('manifest'))
      .map((e) => (e.name === 'audit/audit-excerpt.jsonl' ? { name: e.name, bytes: Buffer.from(excerpt.map((l) => `${l}\n`).join('')) } : e));

    // Entry 5 rewritten so its own hash is right, but it no longer links to entry 4.
    const relinked = lines.map((line) => {
      const entry = JSON.parse(line) as AuditEntry;
      if (entry.seq !== 5) return line;
      const { hash: _hash, ...rest } = { ...entry, prevHash: 'f'.repeat(64) };
      return JSON.stringify({ ...rest, hash: hashEntry(rest) });
    });
    const broken = sealPack(files(relinked), facts, key);
    expect(failure(broken.archive)).toMatchObject({ file: 'audit/audit-excerpt.jsonl', reason: expect.stringMatching(/entry 5 does not link to the entry before it/) });

    const removed = sealPack(files(lines.filter((l) => (JSON.parse(l) as AuditEntry).seq !== 4)), { ...facts, audit: { ...facts.audit, entries: 3 } }, key);
    expect(failure(removed.archive)).toMatchObject({ file: 'audit/audit-excerpt.jsonl', reason: expect.stringMatching(/sequence number 5 where 4 was expected/) });

    const changed = lines.map((l) => l.replace('"accepted"', '"refused"'));
    expect(changed).not.toEqual(lines);
    expect(failure(sealPack(files(changed), facts, key).archive).reason).toMatch(/content does not match its hash/);
  });

  it('refuses hostile names, links and oversize entries before looking at anything else', () => {
    const entries = entriesOf(pack.archive);
    const hostile = (name: string) => failure(repack([...entries, { name, bytes: Buffer.from('x') }]));
    for (const name of ['../evil.json', '/etc/cron.d/evil', 'scans/../../evil', 'audit/../manifest.json', 'scans/a/b.json', '.hidden', 'scans\\x.json']) {
      expect(hostile(name), name).toMatchObject({ file: name, reason: expect.stringMatching(/never holds/) });
    }
    const tar = header('manifest.sig', 0, '2');
    expect(failure(gz(tar)).reason).toMatch(/not a regular file/);
    // A header that claims 200 MB: refused on the claim, before any data is read or allocated.
    expect(failure(gz(header('report-ja.pdf', 200 * 1024 * 1024, '0'))).reason).toMatch(/"report-ja\.pdf" is larger than 128 MB/);
    expect(failure(Buffer.from('not a gzip stream')).reason).toMatch(/not a gzip/);
  });
});

describe('periods', () => {
  it('accepts UTC days, both included, up to 400 days, and refuses anything else', () => {
    expect(parsePeriod('2026-01-01', '2026-01-01')).toMatchObject({ start: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-01-02T00:00:00Z') });
    expect(parsePeriod('2025-01-01', '2026-02-04').from).toBe('2025-01-01');
    expect(() => parsePeriod('2025-01-01', '2026-02-05')).toThrow(/401 days; at most 400/);
    expect(() => parsePeriod('2026-02-02', '2026-02-01')).toThrow(/from is after to/);
    expect(() => parsePeriod('2026-02-30', '2026-03-01')).toThrow(/not a real date/);
    expect(() => parsePeriod('yesterday', '2026-03-01')).toThrow(/YYYY-MM-DD/);
    expect(() => parsePeriod(undefined, '2026-03-01')).toThrow(/YYYY-MM-DD/);
  });

  it('a pack is refused when the audit trail is already broken', async () => {
    const broken = await packFixture();
    try {
      const text = await readFile(broken.audit.file, 'utf8');
      await writeFile(broken.audit.file, text.replace('"settings-changed"', '"settings-changes"'));
      await expect(buildEvidencePack(broken.sources, PERIOD, 'en')).rejects.toThrow(/audit trail is broken at line 2 \(entry 2\)/);
    } finally {
      await removeDir(broken.dataDir);
    }
  });
});

/** A raw tar header, so a test can say exactly what a hostile archive claims. */
function header(name: string, size: number, type: string): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100);
  block.write('0000600\0', 100);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write('        ', 148);
  block.write(type, 156);
  block.write('ustar\u000000', 257);
  const sum = block.reduce((a, b) => a + b, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}
const gz = (tar: Buffer) => gzipSync(Buffer.concat([tar, Buffer.alloc(1024)]));
