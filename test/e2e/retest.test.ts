// Acceptance of the finding life cycle on the lab: the appliance (login checks consented) scans,
// finds the camera's factory web password; a re-test while it still works keeps the finding open
// (negative control); the password is changed live on the camera; a re-test marks it fixed with
// evidence, and its history shows open then fixed. The camera's password is put back afterwards.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetestResult, Snapshot, StoredFinding } from '../../backend/src/api/contract.js';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { expected, ROOT } from './lab.js';

const lab = expected();
const camera = lab.devices.find((d) => d.name === 'ip-camera')!;
const FACTORY_PASSWORD = process.env['LAB_CAM_HTTP_PASS'] ?? '12345';
let appliance: RunningAppliance;
let cookie = '';
let passwordChanged = false;

function setCameraPassword(password: string): void {
  execFileSync('bash', [join(ROOT, 'test/lab/lab.sh'), 'set-cam-password', password], { stdio: 'pipe', timeout: 30_000 });
}

async function api<T>(method: string, path: string, body?: object): Promise<{ status: number; json: T }> {
  const res = await fetch(`${appliance.url}${path}`, {
    method, headers: { cookie, 'content-type': 'application/json', 'x-mamori': '1' }, ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, json: await res.json() as T };
}

beforeAll(async () => { appliance = await startLabAppliance(lab.subnet, { MAMORI_LOGIN_CHECKS: 'yes' }); });
afterAll(async () => {
  if (passwordChanged) setCameraPassword(FACTORY_PASSWORD);
  await appliance?.stop();
});

describe('re-test of one finding on the lab', () => {
  it('turns the camera factory-password finding into fixed (verified) after the password is changed live', async () => {
    const setup = await fetch(`${appliance.url}/api/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-mamori': '1' },
      body: JSON.stringify({ token: appliance.setupToken, password: 'correct horse battery staple' }),
    });
    expect(setup.status).toBe(204);
    cookie = setup.headers.get('set-cookie')!.split(';')[0]!;

    const started = await api<{ scanId: string }>('POST', '/api/scans', {});
    expect(started.status).toBe(202);
    let state: Snapshot | null = null;
    for (let i = 0; i < 180; i++) { // bounded: 90 s
      state = (await api<Snapshot>('GET', '/api/state')).json;
      if (state.scans[0]?.id === started.json.scanId && state.scans[0].status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(state!.scans[0]).toMatchObject({ id: started.json.scanId, status: 'completed', loginChecks: true });
    const found = state!.findings.find((f) => f.checkId === 'default-credentials-http' && f.ip === camera.ip && f.port === 80)!;
    expect(found).toMatchObject({ status: 'open' });

    // Negative control: the factory password still works, so the re-test keeps it open.
    const still = await api<RetestResult>('POST', `/api/findings/${found.key}/retest`);
    expect(still.status).toBe(200);
    expect(still.json).toMatchObject({ outcome: 'still-raised', finding: { status: 'open' } });

    setCameraPassword('Cam-owner-2026');
    passwordChanged = true;
    const started2 = Date.now();
    const fixed = await api<RetestResult>('POST', `/api/findings/${found.key}/retest`);
    process.stdout.write(`re-test after the password change: ${Date.now() - started2} ms, ${fixed.json.outcome}\n`);
    expect(fixed.json).toMatchObject({ outcome: 'not-raised', finding: { status: 'fixed' } });

    const after = (await api<Snapshot>('GET', '/api/state')).json.findings.filter((f) => f.key === found.key);
    expect(after).toHaveLength(1);
    const history = (after[0] as StoredFinding).history!;
    expect(history[0]).toMatchObject({ status: 'open', by: 'system' });
    expect(history[0]!.evidence).toContain('login accepted');
    expect(history.at(-1)).toMatchObject({ status: 'fixed', by: 'owner', reason: 'verified by a re-test' });
    expect(history.at(-1)!.evidence).toContain('no longer raises');
  });
});
