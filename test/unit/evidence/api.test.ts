// GET /api/evidence and /api/evidence/key on a loopback appliance: the pack carries the real
// report (PDF, HTML, CSV) and the stored scan results of the period, verifies, is recorded in the
// audit trail, and bad periods are refused with 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../backend/src/api/security.js';
import { sha256Hex } from '../../../backend/src/evidence/format.js';
import { verifyEvidencePack } from '../../../backend/src/evidence/verify.js';
import { AuditLog } from '../../../backend/src/storage/audit.js';
import { ScanResultStore } from '../../../backend/src/storage/scan-results.js';
import { removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';
import { entriesOf, scanResult } from './fixture.js';

let test: TestAppliance;
let session: string;
beforeAll(async () => {
  test = await startTestAppliance({ logLevel: 'silent' });
  session = await setUpOwner(test);
});
afterAll(async () => { await test?.stop(); await removeDir(test.dataDir); });

const get = (path: string, withSession = true) => fetch(`${test.origin}${path}`, {
  headers: withSession ? { cookie: `${SESSION_COOKIE}=${session}` } : {}, signal: AbortSignal.timeout(30_000),
});
const today = () => new Date().toISOString().slice(0, 10);

describe('GET /api/evidence', () => {
  it('needs a session', async () => {
    expect((await get(`/api/evidence?from=${today()}&to=${today()}`, false)).status).toBe(401);
    expect((await get('/api/evidence/key', false)).status).toBe(401);
  });

  it('refuses bad dates, a reversed period, a period over 400 days and an unknown language', async () => {
    for (const query of ['from=2026-13-01&to=2026-12-01', 'from=yesterday&to=2026-12-01', 'to=2026-12-01', 'from=2026-12-02&to=2026-12-01', 'from=2025-01-01&to=2026-02-05', `from=${today()}&to=${today()}&lang=fr`]) {
      const res = await get(`/api/evidence?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
  });

  it('downloads a pack with the report, the CSVs and the period\'s scan results, which verifies against the key shown', async () => {
    const id = crypto.randomUUID();
    await new ScanResultStore(test.dataDir).write(scanResult(id, new Date().toISOString()));
    const key = await (await get('/api/evidence/key')).json() as { fingerprint: string; publicKey: string };
    expect(key.fingerprint).toMatch(/^([0-9a-f]{4}-){7}[0-9a-f]{4}$/);
    const res = await get(`/api/evidence?from=${today()}&to=${today()}&lang=ja`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="mamori-evidence-${today()}-${today()}.tar.gz"`);
    const archive = Buffer.from(await res.arrayBuffer());
    expect(verifyEvidencePack(archive, { fingerprint: key.fingerprint })).toMatchObject({ ok: true, fingerprintChecked: true });
    const files = new Map(entriesOf(archive).map((e) => [e.name, e.bytes]));
    expect([...files.keys()].sort()).toEqual(['audit/audit-excerpt.jsonl', 'devices.csv', 'findings.csv', 'manifest.json', 'manifest.sig', 'report-ja.html', 'report-ja.pdf', `scans/${id}.json`]);
    expect(files.get('report-ja.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
    const logged = (await new AuditLog(`${test.dataDir}/audit.jsonl`).entries()).filter((e) => e.action === 'evidence-pack-created');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toMatchObject({ from: today(), to: today(), lang: 'ja', fingerprint: key.fingerprint, bytes: archive.length, sha256: sha256Hex(archive) });

    // The next pack's audit excerpt holds that record, chained: a handed-out pack can be looked up.
    const next = Buffer.from(await (await get(`/api/evidence?from=${today()}&to=${today()}`)).arrayBuffer());
    expect(verifyEvidencePack(next)).toMatchObject({ ok: true });
    const excerpt = entriesOf(next).find((e) => e.name === 'audit/audit-excerpt.jsonl')!.bytes.toString();
    expect(excerpt).toContain(`"sha256":"${sha256Hex(archive)}"`);
    expect(entriesOf(next).map((e) => e.name)).toContain('report-en.pdf');
  });
});
