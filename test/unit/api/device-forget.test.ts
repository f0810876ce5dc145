// POST /api/devices/:id/forget through the real appliance on loopback: only with a session, the
// x-mamori header and the dashboard's origin; 404 for an unknown device, 409 while a scan runs;
// the device leaves the state, its findings are resolved, the audit trail says who forgot what,
// every open dashboard hears device:forgotten, and past scans are kept.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ClientToServerEvents, DeviceForgottenPayload, ScanSummary, ServerToClientEvents, Snapshot,
} from '../../../backend/src/api/contract.js';
import { SESSION_COOKIE } from '../../../backend/src/api/security.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { verifyAuditLog } from '../../../backend/src/storage/audit.js';
import { DEVICE_FORGOTTEN_REASON } from '../../../backend/src/storage/finding-lifecycle.js';
import { Store } from '../../../backend/src/storage/store.js';
import { makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

let test: TestAppliance;
let session: string;
const ID = 'mac-6a3f9c770033';
const MAC = '6a:3f:9c:77:00:33';
const KEY = `cleartext-service:${MAC}:23/tcp`;
const PAST_SCAN: ScanSummary = {
  id: 'scan-past', status: 'completed', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z',
  targets: ['10.77.0.0/24'], loginChecks: false, stats: null, error: null,
};

beforeAll(async () => {
  const dataDir = await makeTempDir('mamori-forget-api-');
  const seed = await Store.open(dataDir);
  seed.upsertDevice(emptyDevice('10.77.0.33', MAC), '2026-01-01T00:00:00.000Z');
  seed.correctDevice(ID, { name: 'Old phone' }, '2026-01-01T00:00:00.000Z');
  seed.upsertFinding({
    key: KEY, family: 'cleartext-service', service: 'telnet', ip: '10.77.0.33', mac: MAC, port: 23, transport: 'tcp',
    severity: 'high', confidence: 'confirmed', title: 'Telnet is open', evidence: 'login prompt', responsible: ['user'],
    fix: ['Turn telnet off'], checkId: 'cleartext-service-telnet',
  }, '2026-01-01T00:00:00.000Z');
  seed.recordScan(PAST_SCAN);
  await seed.flush();
  test = await startTestAppliance({ dataDir });
  session = await setUpOwner(test);
});
afterAll(async () => { await test?.stop(); await removeDir(test.dataDir); });

const forget = (id: string, extra: { session?: string; csrfHeader?: boolean; headers?: Record<string, string>; body?: unknown } = {}) =>
  test.request({ method: 'POST', path: `/api/devices/${id}/forget`, body: {}, ...extra });

describe('POST /api/devices/:id/forget', () => {
  it('needs a session, the x-mamori header and the dashboard\'s own origin', async () => {
    expect((await forget(ID)).status).toBe(401);
    expect((await forget(ID, { session, csrfHeader: false })).status).toBe(403);
    expect((await forget(ID, { session, headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('refuses a body (400) and an unknown device (404)', async () => {
    expect((await forget(ID, { session, body: { everything: true } })).status).toBe(400);
    expect((await forget('mac-000000000000', { session })).status).toBe(404);
  });

  it('refuses while a scan is running (409): the scan may be writing this very device', async () => {
    const running: ScanSummary = { ...PAST_SCAN, id: 'scan-now', status: 'running', finishedAt: null };
    // The scan service's own getter, shadowed for this one request (no real scan leaves loopback).
    Object.defineProperty(test.appliance.scans, 'running', { get: () => running, configurable: true });
    try {
      const response = await forget(ID, { session });
      expect(response.status).toBe(409);
    } finally {
      Reflect.deleteProperty(test.appliance.scans, 'running');
    }
    expect(test.appliance.scans.running).toBeNull();
  });

  it('forgets it: gone from the state, finding resolved, audited, announced; past scans kept', async () => {
    const dashboard: Socket<ServerToClientEvents, ClientToServerEvents> = io(test.origin, {
      transports: ['websocket'], extraHeaders: { cookie: `${SESSION_COOKIE}=${session}`, origin: test.origin }, reconnection: false, forceNew: true,
    });
    try {
      await new Promise<Snapshot>((resolve, reject) => {
        dashboard.once('snapshot', resolve);
        dashboard.once('connect_error', reject);
      });
      const heard = new Promise<DeviceForgottenPayload>((resolve) => dashboard.once('device:forgotten', resolve));

      const response = await forget(ID, { session });
      expect(response.status).toBe(200);
      const answer = response.json as DeviceForgottenPayload;
      expect(answer).toMatchObject({ deviceId: ID, ip: '10.77.0.33', mac: MAC });
      expect(answer.findings).toEqual([expect.objectContaining({ key: KEY, status: 'resolved' })]);
      expect(answer.findings[0]?.history?.at(-1)).toMatchObject({ status: 'resolved', by: 'owner', reason: DEVICE_FORGOTTEN_REASON });
      expect(await heard).toEqual(answer);

      const state = (await test.request({ method: 'GET', path: '/api/state', session })).json as Snapshot;
      expect(state.devices.some((d) => d.id === ID)).toBe(false);
      expect(state.findings.find((f) => f.key === KEY)?.status).toBe('resolved');
      expect(state.scans.map((s) => s.id)).toContain('scan-past');

      // Forgotten once: a second request finds nothing to forget.
      expect((await forget(ID, { session })).status).toBe(404);
    } finally {
      dashboard.close();
    }

    const audit = join(test.dataDir, 'audit.jsonl');
    const entries = (await readFile(audit, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { actor: string; action: string; details: Record<string, unknown> });
    const forgotten = entries.filter((e) => e.action === 'device-forgotten');
    expect(forgotten).toEqual([expect.objectContaining({
      actor: 'owner', details: { deviceId: ID, ip: '10.77.0.33', mac: MAC, name: 'Old phone', closedFindings: [KEY] },
    })]);
    expect((await verifyAuditLog(audit)).ok).toBe(true);
  });
});
