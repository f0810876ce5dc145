// The due-care evidence pack end to end on the lab: the appliance (login checks consented) scans
// once and finds the camera's factory passwords; the pack downloaded through the API holds that
// scan's contract JSON (finding masked, the password nowhere in it or in the audit excerpt) and
// passes `mamori evidence verify` against the key fingerprint the API shows; one changed byte in
// one file makes verify fail naming that file.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../backend/src/api/contract.js';
import type { ScanResult } from '../../backend/src/core/types.js';
import { PACK_LIMITS } from '../../backend/src/evidence/format.js';
import { readTarGz, writeTarGz } from '../../backend/src/storage/tar.js';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { expected, ROOT } from './lab.js';

const lab = expected();
const camera = lab.devices.find((d) => d.name === 'ip-camera')!;
const PASSWORDS = [...new Set([process.env['LAB_CAM_HTTP_PASS'] ?? '12345', process.env['LAB_CAM_TELNET_PASS'] ?? '12345'])];
const run = promisify(execFile);
const verify = (args: string[]) => run(process.execPath, [join(ROOT, 'backend/dist/cli.js'), 'evidence', 'verify', ...args], { cwd: ROOT, timeout: 60_000 }).then(
  (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

let appliance: RunningAppliance;
let work: string;
let cookie = '';
beforeAll(async () => {
  appliance = await startLabAppliance(lab.subnet, { MAMORI_LOGIN_CHECKS: 'yes' });
  work = await mkdtemp(join(tmpdir(), 'mamori-evidence-e2e-'));
});
afterAll(async () => {
  await appliance?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

async function api(method: string, path: string, body?: object): Promise<Response> {
  return fetch(`${appliance.url}${path}`, {
    method, headers: { cookie, 'content-type': 'application/json', 'x-mamori': '1' }, ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(60_000),
  });
}

/** Every string anywhere in a JSON value (numbers such as durations cannot hold a password). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
const holdsPassword = (text: string) => PASSWORDS.some((p) => new RegExp(`(^|[^A-Za-z0-9_])${p}([^A-Za-z0-9_]|$)`).test(text));

describe('due-care evidence pack from a lab scan', () => {
  it('downloads a pack that verifies, holds the scan masked, and fails naming a file changed by one byte', async () => {
    const setup = await fetch(`${appliance.url}/api/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-mamori': '1' },
      body: JSON.stringify({ token: appliance.setupToken, password: 'correct horse battery staple' }),
    });
    expect(setup.status).toBe(204);
    cookie = setup.headers.get('set-cookie')!.split(';')[0]!;

    const started = await (await api('POST', '/api/scans', {})).json() as { scanId: string };
    let state: Snapshot | null = null;
    for (let i = 0; i < 180; i++) { // bounded: 90 s
      state = await (await api('GET', '/api/state')).json() as Snapshot;
      if (state.scans[0]?.id === started.scanId && state.scans[0].status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(state!.scans[0]).toMatchObject({ id: started.scanId, status: 'completed', loginChecks: true });

    // The appliance kept the scan's contract JSON, private to it.
    const dataDir = /data in (\S+);/.exec(appliance.log())![1]!;
    expect((await stat(join(dataDir, 'scans'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, 'scans', `${started.scanId}.json`))).mode & 0o777).toBe(0o600);

    const key = await (await api('GET', '/api/evidence/key')).json() as { fingerprint: string };
    const today = new Date().toISOString().slice(0, 10);
    const t0 = Date.now();
    const res = await api('GET', `/api/evidence?from=${today}&to=${today}&lang=ja`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`mamori-evidence-${today}-${today}.tar.gz`);
    const archive = Buffer.from(await res.arrayBuffer());
    process.stdout.write(`evidence pack: ${archive.length} bytes in ${Date.now() - t0} ms\n`);
    const file = join(work, 'pack.tar.gz');
    await writeFile(file, archive);

    const good = await verify([file, '--fingerprint', key.fingerprint]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain(`signed by the expected key ${key.fingerprint}`);

    const entries = readTarGz(archive, PACK_LIMITS);
    const names = entries.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['report-ja.pdf', 'report-ja.html', 'devices.csv', 'findings.csv', `scans/${started.scanId}.json`, 'audit/audit-excerpt.jsonl']));
    const scanJson = entries.find((e) => e.name === `scans/${started.scanId}.json`)!.bytes.toString();
    const result = JSON.parse(scanJson) as ScanResult;
    // The camera's factory password was found (so the search below is not vacuous)…
    const found = result.findings.filter((f) => f.family === 'default-credentials' && f.ip === camera.ip);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.evidence).join(' ')).toMatch(/\*/);
    // …and no planted password appears in clear, in the scan result or in the audit excerpt.
    expect(strings(result).filter(holdsPassword)).toEqual([]);
    const excerpt = entries.find((e) => e.name === 'audit/audit-excerpt.jsonl')!.bytes.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
    expect(excerpt.some((e) => (e as { action: string }).action === 'credential-attempt')).toBe(true);
    expect(strings(excerpt).filter(holdsPassword)).toEqual([]);

    // One byte changed in the scan result: verify fails and names it.
    const name = `scans/${started.scanId}.json`;
    const tampered = entries.map((e) => {
      if (e.name !== name) return e;
      const bytes = Buffer.from(e.bytes);
      const at = Math.floor(bytes.length / 3);
      bytes[at] = bytes[at]! ^ 0x01;
      return { name: e.name, bytes };
    });
    await writeFile(file, writeTarGz(tampered));
    const bad = await verify([file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(`mamori: evidence: ${name}: SHA-256 mismatch`);
  });
});
