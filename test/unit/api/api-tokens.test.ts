// Read-only API tokens through the real HTTP API of an appliance on 127.0.0.1: made by the owner,
// shown once, stored hashed; they read (GET) and cannot write (403), never open routes that hand out
// secrets, a revoked one is refused at once, each is rate-limited, and the trail records them.
// GET /api/scans/:id/result hands a collector the scan's contract JSON byte for byte.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../../backend/schema/scan-result.schema.json' with { type: 'json' };
import type { ScanResult } from '../../../backend/src/core/types.js';
import { ScanResultStore } from '../../../backend/src/storage/scan-results.js';
import { removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

const SCAN_ID = '0b3a4f52-7c1e-4d8a-9f00-5e2d6c7b8a91';
const RESULT: ScanResult = {
  schema: 'mamori.scan-result/1',
  scan: {
    id: SCAN_ID, startedAt: '2026-12-07T09:00:00.000Z', finishedAt: '2026-12-07T09:01:10.000Z', targets: ['192.168.1.0/24'], interface: 'eth0',
    loginChecks: true, status: 'completed', stats: { addressesProbed: 254, devicesFound: 1, durationMs: 70_000 }, site: { id: 'ueno-shop', name: 'Ueno shop' },
  },
  devices: [{
    mac: 'a4:14:37:77:00:11', ip: '192.168.1.64', randomizedMac: false, vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.', hostnames: [], type: 'camera',
    model: null, mdns: [], upnp: [], services: [{ port: 23, transport: 'tcp', service: 'telnet', encrypted: false, banner: null, product: null }],
  }],
  findings: [],
} as unknown as ScanResult;

let test: TestAppliance;
let session: string;
let token: string;
let tokenId: string;
const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

beforeAll(async () => {
  test = await startTestAppliance({ logLevel: 'silent' });
  session = await setUpOwner(test);
  await new ScanResultStore(test.dataDir).write(RESULT);
});
afterAll(async () => { await test?.stop(); await removeDir(test.dataDir); });

describe('API tokens', () => {
  it('the owner makes one: shown once, listed without the token, kept only as its SHA-256', async () => {
    const created = await test.request({ method: 'POST', path: '/api/tokens', session, body: { name: 'central collector' } });
    expect(created.status).toBe(201);
    const body = created.json as { token: string; id: string; name: string; lastUsedAt: null; revokedAt: null };
    expect(body).toMatchObject({ name: 'central collector', lastUsedAt: null, revokedAt: null });
    expect(body.token).toMatch(/^mamori_[A-Za-z0-9_-]{43}$/);
    ({ token, id: tokenId } = body);
    const listed = await test.request({ path: '/api/tokens', session });
    expect(listed.json).toEqual({ tokens: [{ id: tokenId, name: 'central collector', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null }] });
    expect(listed.text).not.toContain(token.slice(7));
    const stored = await readFile(join(test.dataDir, 'api-tokens.json'), 'utf8');
    expect(stored).not.toContain(token.slice(7));
    expect(stored).toContain(createHash('sha256').update(token).digest('hex'));
    expect((await test.request({ method: 'POST', path: '/api/tokens', session, body: { name: '' } })).status).toBe(400);
    expect((await test.request({ method: 'POST', path: '/api/tokens', body: { name: 'no session' } })).status).toBe(401);
  });

  it('reads: the state, and one scan\'s contract JSON byte for byte (valid against the schema)', async () => {
    const state = await test.request({ path: '/api/state', headers: bearer(token) });
    expect(state.status).toBe(200);
    expect(state.json).toHaveProperty('devices');
    const result = await test.request({ path: `/api/scans/${SCAN_ID}/result`, headers: bearer(token) });
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    expect(result.text).toBe(await readFile(join(test.dataDir, 'scans', `${SCAN_ID}.json`), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(result.json), JSON.stringify(validate.errors)).toBe(true);
    expect((result.json as ScanResult).scan.site).toEqual({ id: 'ueno-shop', name: 'Ueno shop' });
    expect((await test.request({ path: '/api/scans/00000000-0000-4000-8000-000000000000/result', headers: bearer(token) })).status).toBe(404);
    expect((await test.request({ path: '/api/scans/..%2F..%2Fauth/result', headers: bearer(token) })).status).toBe(404);
    const listed = await test.request({ path: '/api/tokens', session });
    expect((listed.json as { tokens: Array<{ lastUsedAt: string | null }> }).tokens[0]!.lastUsedAt).not.toBeNull();
  });

  it('cannot write: every other method is 403 and changes nothing', async () => {
    const before = await test.request({ path: '/api/settings', session });
    const attempts = [
      { method: 'POST', path: '/api/scans', body: { targets: ['8.8.8.0/24'] } },
      { method: 'POST', path: '/api/scans/cancel', body: {} },
      { method: 'PUT', path: '/api/settings', body: { site: { id: 'taken-over' } } },
      { method: 'PATCH', path: '/api/devices/mac-a41437770011', body: { name: 'x' } },
      { method: 'POST', path: '/api/findings/k/accept', body: { reason: 'x', days: 30 } },
      { method: 'POST', path: '/api/tokens', body: { name: 'another' } },
      { method: 'DELETE', path: `/api/tokens/${tokenId}` },
      { method: 'POST', path: '/api/password', body: { current: 'x', next: 'y' } },
      { method: 'POST', path: '/api/backup', body: { password: 'x', passphrase: 'y' } },
    ];
    for (const attempt of attempts) {
      const res = await test.request({ ...attempt, headers: bearer(token) });
      expect(res.status, `${attempt.method} ${attempt.path}`).toBe(403);
    }
    expect(test.scanStarts).toEqual([]);
    expect((await test.request({ path: '/api/settings', session })).json).toEqual(before.json);
    expect(((await test.request({ path: '/api/tokens', session })).json as { tokens: unknown[] }).tokens).toHaveLength(1);
  });

  it('never opens a route that hands out secrets or the keys to the box, even with GET', async () => {
    for (const path of ['/api/settings', '/api/settings/schema', '/api/tokens', '/api/evidence/key', '/api/evidence?from=2026-12-01&to=2026-12-07', '/api/totp']) {
      const res = await test.request({ path, headers: bearer(token) });
      expect(res.status, path).toBe(403);
      expect(res.text).not.toContain('fingerprint');
    }
  });

  it('opens exactly the GET routes openapi.json marks with apiToken, and refuses every other signed-in GET', async () => {
    const doc = JSON.parse(await readFile(join(import.meta.dirname, '../../../backend/openapi.json'), 'utf8')) as {
      paths: Record<string, { get?: { security?: Array<Record<string, unknown>> } }>;
    };
    let opened = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const security = item.get?.security;
      if (!item.get || security?.length === 0 || path === '/metrics') continue; // public, or its own access rule
      const url = path.replace(/\{\w+\}/g, 'x') + (path.startsWith('/api/export/') || path.startsWith('/api/report.') ? '?lang=en' : '');
      const res = await test.request({ path: url, headers: bearer(token) });
      if (security?.some((s) => 'apiToken' in s)) {
        expect([401, 403], `${path} should open to a token`).not.toContain(res.status);
        opened += 1;
      } else {
        expect(res.status, `${path} must not open to a token`).toBe(403);
      }
    }
    expect(opened).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('only as a Bearer header: an unknown token, another scheme or a token in the URL gets nothing', async () => {
    const unknown = await test.request({ path: '/api/state', headers: bearer(`mamori_${'A'.repeat(43)}`) });
    expect(unknown.status).toBe(401);
    expect(unknown.headers['www-authenticate']).toBe('Bearer realm="mamori"');
    expect((await test.request({ path: '/api/state', headers: { authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` } })).status).toBe(401);
    expect((await test.request({ path: `/api/state?token=${token}` })).status).toBe(401);
    expect((await test.request({ path: '/api/state', headers: { cookie: `mamori_session=${token}` } })).status).toBe(401);
  });

  it('is rate-limited per token', async () => {
    const second = await test.request({ method: 'POST', path: '/api/tokens', session, body: { name: 'busy collector' } });
    const busy = (second.json as { token: string }).token;
    const statuses: number[] = [];
    for (let i = 0; i < 62; i += 1) statuses.push((await test.request({ path: '/api/knowledge', headers: bearer(busy) })).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // The other token has its own budget.
    expect((await test.request({ path: '/api/state', headers: bearer(token) })).status).toBe(200);
  });

  it('a revoked token is refused at once; creation, revocation and refused writes are in the audit trail', async () => {
    expect((await test.request({ method: 'DELETE', path: `/api/tokens/${tokenId}`, session })).status).toBe(204);
    expect((await test.request({ path: '/api/state', headers: bearer(token) })).status).toBe(401);
    expect((await test.request({ path: `/api/scans/${SCAN_ID}/result`, headers: bearer(token) })).status).toBe(401);
    expect((await test.request({ method: 'DELETE', path: `/api/tokens/${tokenId}`, session })).status).toBe(404);
    const listed = (await test.request({ path: '/api/tokens', session })).json as { tokens: Array<{ id: string; revokedAt: string | null }> };
    expect(listed.tokens.find((t) => t.id === tokenId)!.revokedAt).not.toBeNull();
    const trail = (await readFile(join(test.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { action: string; details: Record<string, unknown> });
    const actions = trail.map((e) => e.action);
    expect(actions.filter((a) => a === 'api-token-created')).toHaveLength(2);
    expect(trail.find((e) => e.action === 'api-token-revoked')!.details).toEqual({ tokenId, name: 'central collector' });
    expect(trail.filter((e) => e.action === 'api-token-refused').length).toBeGreaterThanOrEqual(9);
    expect(JSON.stringify(trail)).not.toContain(token.slice(7));
  });
});
