// Least privilege, proven on the lab: the appliance runs in the scanner namespace as nobody
// (uid 65534), holding at most the capability the systemd unit declares (CAP_NET_RAW), finds the
// lab's devices and the telnet finding, and writes its data directory. Without any capability it
// does the same and says so plainly; where a capability is really needed (a port below 1024) it
// names the capability and how to grant it instead of a bare EACCES.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../backend/src/api/contract.js';
import { send, sessionFrom, type HttpResult } from '../helpers/appliance.js';
import { expected, ROOT, SCANNER_NS } from './lab.js';

const lab = expected();
const NOBODY = 65534;
/** What the unit grants (deploy/systemd/mamori.service), as setpriv arguments. */
const UNIT_CAPS = ['--inh-caps=-all,+net_raw', '--ambient-caps=+net_raw', '--bounding-set=-all,+net_raw'];
const NO_CAPS = ['--inh-caps=-all', '--bounding-set=-all'];
const PASSWORD = 'least privilege is enough';
const dirs: string[] = [];
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

interface Running { child: ChildProcess; dataDir: string; socketPath: string; output: () => string; exited: Promise<number | null> }

/** Starts the appliance inside the scanner namespace as nobody with the given capability arguments. */
function startAsNobody(caps: string[], env: Record<string, string>): Running {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-lp-'));
  dirs.push(dataDir);
  chownSync(dataDir, NOBODY, NOBODY);
  chmodSync(dataDir, 0o700);
  const socketPath = join(dataDir, 'ui.sock');
  const vars = { PATH: '/usr/bin:/bin', MAMORI_DATA_DIR: dataDir, MAMORI_SOCKET_PATH: socketPath, MAMORI_LOG_LEVEL: 'info', ...env };
  // ip netns exec → setpriv → env → node, each exec'ing the next: the PID we hold is node's.
  const child = spawn('ip', ['netns', 'exec', SCANNER_NS, 'setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--no-new-privs',
    ...caps, '--', 'env', '-i', ...Object.entries(vars).map(([k, v]) => `${k}=${v}`), process.execPath, join(ROOT, 'backend/dist/main.js')],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, dataDir, socketPath, output: () => output, exited };
}

async function stop(app: Running): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGTERM');
  const force = setTimeout(() => app.child.kill('SIGKILL'), 5000);
  await app.exited;
  clearTimeout(force);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, app: Running, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    if (app.child.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`${what} did not happen within ${ms} ms:\n${app.output()}`);
}

const api = (app: Running, request: { method?: string; path: string; body?: unknown; session?: string }): Promise<HttpResult> =>
  send({ socketPath: app.socketPath, ...request });

/** Owner set-up, one scan of the lab through the API, then the stored state. */
async function scanTheLab(app: Running): Promise<{ state: Snapshot; session: string }> {
  const token = await waitFor('the set-up link', () => /\?setup=([A-Za-z0-9_-]+)/.exec(app.output())?.[1], app, 15_000);
  const setup = await api(app, { method: 'POST', path: '/api/setup', body: { token, password: PASSWORD } });
  expect(setup.status, setup.text).toBe(204);
  const session = sessionFrom(setup)!;
  const started = await api(app, { method: 'POST', path: '/api/scans', body: {}, session });
  expect(started.status, started.text).toBe(202);
  const state = await waitFor('the scan to finish', async () => {
    const snapshot = (await api(app, { path: '/api/state', session })).json as Snapshot;
    return snapshot.running === null && snapshot.scans[0]?.status !== 'running' ? snapshot : undefined;
  }, app, 90_000);
  return { state, session };
}

function expectTheLabScanned(state: Snapshot): void {
  expect(state.scans[0]?.status, JSON.stringify(state.scans[0])).toBe('completed');
  expect(state.devices.map((d) => d.ip).sort()).toEqual(lab.devices.map((d) => d.ip).sort());
  const telnetHosts = lab.devices.filter((d) => d.weaknesses.some((w) => w.family === 'cleartext-service' && w.service === 'telnet'));
  expect(telnetHosts.length).toBeGreaterThan(0);
  for (const host of telnetHosts) {
    const finding = state.findings.find((f) => f.ip === host.ip && f.family === 'cleartext-service' && f.service === 'telnet');
    expect(finding, `telnet finding on ${host.ip}`).toMatchObject({ status: 'open', confidence: 'confirmed', mac: host.mac });
  }
}

function expectDataWrittenByNobody(app: Running): void {
  const stateFile = join(app.dataDir, 'state.json');
  expect(statSync(stateFile).uid).toBe(NOBODY);
  expect(statSync(join(app.dataDir, 'auth.json')).uid).toBe(NOBODY);
  const stored = JSON.parse(readFileSync(stateFile, 'utf8')) as { devices: unknown[]; findings: unknown[] };
  expect(stored.devices).toHaveLength(lab.devices.length);
  expect(stored.findings.length).toBeGreaterThan(0);
}

describe('the appliance as nobody in the scanner namespace', () => {
  it('with only CAP_NET_RAW (what the unit grants): scans the lab, raises the telnet finding, writes its data', async () => {
    const app = startAsNobody(UNIT_CAPS, { MAMORI_TARGETS: lab.subnet });
    try {
      const { state, session } = await scanTheLab(app);
      expectTheLabScanned(state);
      expectDataWrittenByNobody(app);
      expect(app.output()).toContain(`privileges: uid ${NOBODY}, not root; effective capabilities: CAP_NET_RAW`);
      expect(app.output()).not.toMatch(/CAP_NET_RAW not held/);
      const metrics = (await api(app, { path: '/metrics', session })).text;
      expect(metrics).toMatch(/^mamori_process_capability\{(?:site="[^"]*",)?capability="CAP_NET_RAW"\} 1$/m);
      expect(metrics).toMatch(/^mamori_process_root(?:\{site="[^"]*"\})? 0$/m);
      expect(metrics).toMatch(new RegExp(`^mamori_devices(?:\\{site="[^"]*"\\})? ${lab.devices.length}$`, 'm'));
      expect(metrics).toMatch(/^mamori_scans_total\{(?:site="[^"]*",)?status="completed"\} 1$/m);
      // The unit's MemoryMax=512M must leave room: peak resident memory over a whole lab scan.
      const peakKb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${app.child.pid}/status`, 'utf8'))![1]);
      expect(peakKb).toBeLessThan(256 * 1024);
    } finally {
      await stop(app);
    }
  });

  it('with no capability at all: the same scan works, and the log says what is missing and that nothing needs it', async () => {
    const app = startAsNobody(NO_CAPS, { MAMORI_TARGETS: lab.subnet });
    try {
      const { state } = await scanTheLab(app);
      expectTheLabScanned(state);
      expectDataWrittenByNobody(app);
      expect(app.output()).toContain(`privileges: uid ${NOBODY}, not root; effective capabilities: none`);
      expect(app.output()).toMatch(/CAP_NET_RAW not held: discovery works without it .*AmbientCapabilities=CAP_NET_RAW.*cap_add: \[NET_RAW\]/);
    } finally {
      await stop(app);
    }
  });

  it('a port below 1024 without CAP_NET_BIND_SERVICE: a clear refusal that names the capability; with it, it listens', async () => {
    const refused = startAsNobody(UNIT_CAPS, { MAMORI_SOCKET_PATH: '', MAMORI_HOST: '127.0.0.1', MAMORI_PORT: '80', MAMORI_TARGETS: lab.subnet });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/mamori: failed to start: cannot listen on port 80: a port below 1024 needs CAP_NET_BIND_SERVICE, which this process does not hold; grant it without root: systemd unit AmbientCapabilities=CAP_NET_BIND_SERVICE/);
    expect(refused.output()).toMatch(/keep the default port 8380/);
    expect(refused.output()).not.toMatch(/\n\s+at /); // no stack trace

    const granted = startAsNobody(['--inh-caps=-all,+net_bind_service', '--ambient-caps=+net_bind_service', '--bounding-set=-all,+net_bind_service'],
      { MAMORI_SOCKET_PATH: '', MAMORI_HOST: '127.0.0.1', MAMORI_PORT: '80', MAMORI_TARGETS: lab.subnet });
    try {
      await waitFor('listening on port 80', () => (/listening on http:\/\/127\.0\.0\.1:80;/.test(granted.output()) ? true : undefined), granted, 15_000);
      // Checked from inside the namespace with the same script the container's HEALTHCHECK runs.
      const health = spawn('ip', ['netns', 'exec', SCANNER_NS, process.execPath, join(ROOT, 'deploy/healthcheck.mjs'), '127.0.0.1', '80']);
      expect(await new Promise((resolve) => health.once('exit', resolve))).toBe(0);
    } finally {
      await stop(granted);
    }
  });
});
