// The finding life cycle: transitions with history, accepted risks that expire (fake clock), a
// rescan that keeps the owner's decisions and never duplicates, and the audit trail of each change
// through the real routes (express on 127.0.0.1, real Store and AuditLog in a temp dir).
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findingRoutes, reopenExpiredFindings } from '../../../backend/src/api/routes/findings.js';
import type { StoredFinding } from '../../../backend/src/api/contract.js';
import type { Finding } from '../../../backend/src/core/types.js';
import type { RetestOutcome } from '../../../backend/src/pipeline/retest.js';
import { AuditLog } from '../../../backend/src/storage/audit.js';
import { afterSighting, reopenIfExpired, withStatus } from '../../../backend/src/storage/finding-lifecycle.js';
import { Store } from '../../../backend/src/storage/store.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';

const dirs: string[] = [];
afterAll(async () => { for (const dir of dirs) await removeDir(dir); });

function rawFinding(evidence = 'HTTP Basic login accepted for admin / 1***5'): Finding {
  return {
    key: 'k-camera-http', family: 'default-credentials', service: 'http', ip: '10.77.0.20', mac: 'a4:14:37:00:00:20', port: 80, transport: 'tcp',
    severity: 'critical', confidence: 'confirmed', title: 'Factory password', evidence, responsible: ['user'], fix: ['Change it'], checkId: 'default-credentials-http',
  };
}
const stored = (status: StoredFinding['status'] = 'open'): StoredFinding => ({ ...rawFinding(), deviceId: 'mac-a41437000020', status, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z' });

describe('finding-lifecycle (pure, fake clock)', () => {
  it('an accepted risk stays accepted before its expiry and comes back as open after it', () => {
    const accepted = withStatus(stored(), { status: 'accepted', at: '2026-01-02T00:00:00.000Z', by: 'owner', reason: 'replacing it next month', until: '2026-02-01T00:00:00.000Z' });
    expect(accepted.acceptedUntil).toBe('2026-02-01T00:00:00.000Z');
    expect(reopenIfExpired(accepted, new Date('2026-01-31T23:59:59.000Z'))).toBeNull();
    const reopened = reopenIfExpired(accepted, new Date('2026-02-01T00:00:00.000Z'))!;
    expect(reopened.status).toBe('open');
    expect(reopened.acceptedUntil).toBeUndefined();
    expect(reopened.history!.map((h) => [h.status, h.by])).toEqual([['open', 'system'], ['accepted', 'owner'], ['open', 'system']]);
  });

  it('a rescan keeps accepted and false-positive, reopens fixed, resolved and an expired acceptance', () => {
    const seen = { ...stored(), evidence: 'new evidence', lastSeen: '2026-01-10T00:00:00.000Z' };
    const now = new Date('2026-01-10T00:00:00.000Z');
    const accepted = withStatus(stored(), { status: 'accepted', at: '2026-01-02T00:00:00.000Z', by: 'owner', reason: 'r', until: '2026-03-01T00:00:00.000Z' });
    expect(afterSighting(accepted, seen, now)).toMatchObject({ status: 'accepted', evidence: 'new evidence', acceptedUntil: '2026-03-01T00:00:00.000Z' });
    expect(afterSighting(accepted, seen, new Date('2026-03-02T00:00:00.000Z')).status).toBe('open');
    const falsePositive = withStatus(stored(), { status: 'false-positive', at: '2026-01-02T00:00:00.000Z', by: 'owner', reason: 'not a camera' });
    expect(afterSighting(falsePositive, seen, now).status).toBe('false-positive');
    for (const status of ['fixed', 'resolved'] as const) {
      const after = afterSighting(withStatus(stored(), { status, at: '2026-01-03T00:00:00.000Z', by: 'system' }), seen, now);
      expect(after.status).toBe('open');
      expect(after.history!.at(-1)).toMatchObject({ status: 'open', evidence: 'new evidence' });
    }
  });
});

describe('Store: status changes and rescans', () => {
  let store: Store;
  beforeEach(async () => {
    const dir = await makeTempDir();
    dirs.push(dir);
    store = await Store.open(dir);
  });

  it('records the first sighting, keeps an accepted finding through a rescan, never duplicates', () => {
    const first = store.upsertFinding(rawFinding(), '2026-01-01T00:00:00.000Z');
    expect(first.history).toEqual([{ status: 'open', at: '2026-01-01T00:00:00.000Z', by: 'system', evidence: rawFinding().evidence }]);
    store.changeFindingStatus(first.key, { status: 'accepted', at: '2026-01-02T00:00:00.000Z', by: 'owner', reason: 'r', until: '2026-06-01T00:00:00.000Z' });
    const again = store.upsertFinding(rawFinding('seen again'), '2026-01-05T00:00:00.000Z');
    expect(store.findings()).toHaveLength(1);
    expect(again).toMatchObject({ status: 'accepted', evidence: 'seen again', firstSeen: '2026-01-01T00:00:00.000Z' });
    expect(store.reopenExpired(new Date('2026-05-31T00:00:00.000Z'))).toEqual([]);
    expect(store.reopenExpired(new Date('2026-06-01T00:00:00.000Z')).map((f) => f.status)).toEqual(['open']);
    expect(store.findings()[0]!.history!.map((h) => h.status)).toEqual(['open', 'accepted', 'open']);
  });
});

describe('finding routes (express on 127.0.0.1, real Store and AuditLog)', () => {
  it('accept, false positive, reopen and re-test change the status, keep history and write the audit trail', async () => {
    const dir = await makeTempDir();
    dirs.push(dir);
    const store = await Store.open(dir);
    const audit = new AuditLog(`${dir}/audit.jsonl`);
    let clock = new Date('2026-01-01T00:00:00.000Z');
    let next: RetestOutcome = { outcome: 'still-raised', evidence: 'still accepted: admin / 1***5' };
    const published: StoredFinding[] = [];
    store.upsertFinding(rawFinding(), clock.toISOString());
    const app = express();
    app.use(express.json());
    app.use(findingRoutes({ store, audit, publish: (f) => published.push(f), now: () => clock, retest: () => Promise.resolve(next) }));
    const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/findings`;
    const post = async (path: string, body: object = {}) => {
      const res = await fetch(`${base}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: await res.json() as Record<string, unknown> };
    };
    try {
      expect((await post('nope/reopen')).status).toBe(404);
      expect((await post('k-camera-http/accept', { reason: 'r', until: '2025-12-31' })).status).toBe(400); // in the past
      expect((await post('k-camera-http/accept', { reason: '', until: '2026-02-01' })).status).toBe(400);
      expect((await post('k-camera-http/false-positive', {})).status).toBe(400);

      expect((await post('k-camera-http/accept', { reason: 'r', until: '2026-02-01', person: 'x'.repeat(101) })).status).toBe(400);
      expect((await post('k-camera-http/accept', { reason: 'r', until: '2026-02-01', person: 'Aiko\nSato' })).status).toBe(400);
      expect((await post('k-camera-http/accept', { reason: 'r', until: '2026-02-01', person: 42 })).status).toBe(400);

      const accepted = await post('k-camera-http/accept', { reason: 'camera replaced in January', until: '2026-01-31', person: ' Aiko Sato ' });
      expect(accepted.json).toMatchObject({ status: 'accepted', acceptedUntil: '2026-01-31T23:59:59.999Z' });
      expect((accepted.json['history'] as Array<Record<string, unknown>>).at(-1)).toMatchObject({ status: 'accepted', person: 'Aiko Sato' });
      clock = new Date('2026-02-01T00:00:00.000Z');
      expect(reopenExpiredFindings({ store, audit, publish: (f) => published.push(f) }, clock).map((f) => f.status)).toEqual(['open']);

      expect((await post('k-camera-http/false-positive', { reason: 'it is a printer' })).json).toMatchObject({ status: 'false-positive' });
      expect((await post('k-camera-http/reopen')).json).toMatchObject({ status: 'open' });

      const still = await post('k-camera-http/retest');
      expect(still.json).toMatchObject({ outcome: 'still-raised', finding: { status: 'open', evidence: 'still accepted: admin / 1***5' } });
      next = { outcome: 'unreachable', evidence: '10.77.0.20:80/tcp is filtered' };
      expect((await post('k-camera-http/retest')).json).toMatchObject({ outcome: 'unreachable', finding: { status: 'open' } });
      next = { outcome: 'not-raised', evidence: 'no factory password accepted' };
      const fixed = await post('k-camera-http/retest');
      expect(fixed.json).toMatchObject({ outcome: 'not-raised', finding: { status: 'fixed' } });

      const history = store.findings()[0]!.history!;
      expect(history.map((h) => h.status)).toEqual(['open', 'accepted', 'open', 'false-positive', 'open', 'open', 'fixed']);
      expect(history[0]!.evidence).toBe(rawFinding().evidence);
      expect(history.at(-1)).toMatchObject({ by: 'owner', evidence: 'no factory password accepted' });
      expect(published.at(-1)!.status).toBe('fixed');

      await new Promise((resolve) => setTimeout(resolve, 50)); // the expiry's audit append is not awaited
      const entries = await audit.entries();
      const changes = entries.filter((e) => e.action === 'finding-status-changed').map((e) => `${String(e.details['from'])}>${String(e.details['to'])}`);
      expect(changes.sort()).toEqual(['open>accepted', 'accepted>open', 'open>false-positive', 'false-positive>open', 'open>fixed'].sort());
      expect(entries.find((e) => e.details['to'] === 'accepted')!.details).toMatchObject({ person: 'Aiko Sato', reason: 'camera replaced in January' });
      expect(entries.filter((e) => e.details['person'] !== undefined)).toHaveLength(1);
      expect(entries.filter((e) => e.action === 'finding-retested').map((e) => e.details['outcome'])).toEqual(['still-raised', 'unreachable', 'not-raised']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
