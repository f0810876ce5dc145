// Issue 21, defence in depth, on the lab: the real appliance (backend/dist) scans the lab while the
// first answer it reads from the camera fills the scan process's heap (a preloaded fixture plays the
// broken parser, fixtures/hostile-answer.mjs). The child process dies of V8's fatal out-of-memory
// abort under the appliance's real 256 MB limit; the appliance keeps its PID and its dashboard, the scan is
// failed with a reason naming the camera, the devices found before are kept, and the next scan
// audits the whole lab normally.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../backend/src/api/contract.js';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { expected } from './lab.js';

const lab = expected();
const camera = lab.devices.find((d) => d.name === 'ip-camera')!;
const work = mkdtempSync(join(tmpdir(), 'mamori-e2e-isolation-'));
const marker = join(work, 'hostile-once');
let appliance: RunningAppliance;
let cookie = '';

async function api<T>(method: string, path: string, body?: object): Promise<{ status: number; json: T }> {
  const res = await fetch(`${appliance.url}${path}`, {
    method, headers: { cookie, 'content-type': 'application/json', 'x-mamori': '1' }, ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, json: await res.json() as T };
}

async function scanToEnd(): Promise<Snapshot> {
  const started = await api<{ scanId: string }>('POST', '/api/scans', {});
  expect(started.status).toBe(202);
  let state: Snapshot | null = null;
  for (let i = 0; i < 240; i++) { // bounded: 120 s
    state = (await api<Snapshot>('GET', '/api/state')).json;
    if (state.scans[0]?.id === started.json.scanId && state.scans[0].status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(state!.scans[0]!.id).toBe(started.json.scanId);
  return state!;
}

/** The process is there and is still the appliance (not a new process that reused the number). */
function applianceAlive(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('backend/dist/main.js');
}

beforeAll(async () => {
  writeFileSync(marker, '');
  appliance = await startLabAppliance(lab.subnet, {
    NODE_OPTIONS: `--import=${pathToFileURL(join(import.meta.dirname, 'fixtures/hostile-answer.mjs')).href}`,
    MAMORI_E2E_HOSTILE_MARKER: marker, MAMORI_E2E_HOSTILE_IP: camera.ip, MAMORI_E2E_HOSTILE_MODE: 'oom',
  });
});
afterAll(async () => {
  await appliance?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a scan whose process runs out of memory on the lab', () => {
  it('fails that scan with the reason, keeps the appliance (same PID) and what was found, and the next scan completes', async () => {
    const pid = appliance.pid;
    expect(applianceAlive(pid)).toBe(true);
    const setup = await fetch(`${appliance.url}/api/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-mamori': '1' },
      body: JSON.stringify({ token: appliance.setupToken, password: 'correct horse battery staple' }),
    });
    expect(setup.status).toBe(204);
    cookie = setup.headers.get('set-cookie')!.split(';')[0]!;

    const failed = await scanToEnd();
    const scan = failed.scans[0]!;
    expect(existsSync(marker)).toBe(false); // the fixture did fire
    expect(scan).toMatchObject({ status: 'failed', failureReason: { kind: 'out-of-memory', ip: camera.ip, transport: 'tcp', whileReading: true } });
    expect(scan.error).toMatch(new RegExp(`^The scan ran out of memory \\(its limit is 256 MB\\) while reading an answer from ${camera.ip.replaceAll('.', '\\.')} `));
    // The devices found before the camera's answer are kept; the appliance is the same process.
    expect(failed.devices.length).toBeGreaterThan(0);
    expect(failed.running).toBeNull();
    expect(applianceAlive(pid)).toBe(true);
    expect(appliance.log()).toMatch(/ran out of memory/);
    expect((await fetch(`${appliance.url}/api/health`)).status).toBe(200);

    const next = await scanToEnd();
    expect(next.scans[0]).toMatchObject({ status: 'completed', error: null });
    expect(next.scans[0]!.failureReason).toBeUndefined();
    const seen = next.devices.find((d) => d.ip === camera.ip)!;
    expect(seen.services.map((s) => s.port).sort((a, b) => a - b)).toEqual([...camera.tcpPorts].sort((a, b) => a - b));
    for (const device of lab.devices) expect(next.devices.map((d) => d.ip)).toContain(device.ip);
    expect(applianceAlive(pid)).toBe(true);
    expect(appliance.pid).toBe(pid);
  });
});
