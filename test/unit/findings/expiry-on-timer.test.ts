// Reads have no side effects: an expired risk acceptance is shown as open by GET /api/state, but
// only the timer (or a scan's start) stores the reopening, writes the audit trail and tells the
// dashboards with finding:changed. Real appliance on 127.0.0.1, real store and audit trail on disk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot, StoredFinding } from '../../../backend/src/api/contract.js';
import type { Finding } from '../../../backend/src/core/types.js';
import { Store } from '../../../backend/src/storage/store.js';
import { makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

const KEY = 'k-camera-http';
let running: TestAppliance | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await running?.stop();
  running = undefined;
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

const finding: Finding = {
  key: KEY, family: 'default-credentials', service: 'http', ip: '10.77.0.20', mac: 'a4:14:37:00:00:20', port: 80, transport: 'tcp',
  severity: 'critical', confidence: 'confirmed', title: 'Factory password', evidence: 'login accepted for a***n / 1***5', responsible: ['user'], fix: ['Change it'],
  checkId: 'default-credentials-http',
};

/** A data directory holding one finding whose acceptance expired at the end of 2020. */
async function dataDirWithExpiredAcceptance(): Promise<string> {
  const dir = await makeTempDir('mamori-expiry-');
  dirs.push(dir);
  const store = await Store.open(dir);
  store.upsertFinding(finding, '2020-01-01T00:00:00.000Z');
  store.changeFindingStatus(KEY, { status: 'accepted', at: '2020-01-02T00:00:00.000Z', by: 'owner', reason: 'replaced soon', until: '2020-12-31T23:59:59.999Z' });
  await store.flush();
  return dir;
}

async function storedStatus(dir: string): Promise<string | undefined> {
  const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { findings: StoredFinding[] };
  return state.findings.find((f) => f.key === KEY)?.status;
}

const auditText = (dir: string) => readFile(join(dir, 'audit.jsonl'), 'utf8').catch(() => '');

describe('expired risk acceptances', () => {
  it('a GET shows the expired acceptance as open and writes nothing', async () => {
    const dir = await dataDirWithExpiredAcceptance();
    running = await startTestAppliance({ dataDir: dir });
    const session = await setUpOwner(running);
    const changed: StoredFinding[] = [];
    running.appliance.scans.events.on('finding:changed', (f) => changed.push(f));
    for (let i = 0; i < 3; i += 1) {
      const state = (await running.request({ path: '/api/state', session })).json as Snapshot;
      expect(state.findings.find((f) => f.key === KEY)?.status).toBe('open');
    }
    await running.stop(); // flushes the store: anything a read had changed would be on disk now
    running = undefined;
    expect(await storedStatus(dir)).toBe('accepted');
    expect(await auditText(dir)).not.toContain('finding-status-changed');
    expect(changed).toEqual([]);
  });

  it('the timer stores the reopening once, writes the audit trail and sends finding:changed', async () => {
    const dir = await dataDirWithExpiredAcceptance();
    running = await startTestAppliance({ dataDir: dir, expiryCheckMs: 50 });
    const changed = await new Promise<StoredFinding>((resolve) => running!.appliance.scans.events.on('finding:changed', resolve));
    expect(changed).toMatchObject({ key: KEY, status: 'open' });
    expect(changed.history!.at(-1)).toMatchObject({ status: 'open', by: 'system' });
    await running.stop();
    running = undefined;
    expect(await storedStatus(dir)).toBe('open');
    await expect.poll(() => auditText(dir)).toContain('finding-status-changed');
    expect((await auditText(dir)).match(/finding-status-changed/g)).toHaveLength(1);
  });
});
