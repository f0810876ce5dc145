// deploy/install.sh into a throw-away root (--root DIR): the tree, the user, the modes; then the
// installed copy runs as that user with only CAP_NET_RAW on 127.0.0.1 and answers /api/health.
// Re-running keeps settings and data; --no-net-raw toggles; uninstall keeps data unless --purge.
// Needs root (it creates a user inside the temp root and drops to it) and npm (production packages
// from the npm cache or registry). The full run in a debootstrapped Debian is
// deploy/test/install-in-chroot.sh, run by hand (it downloads Debian).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../helpers/appliance.js';
import { listenLoopback } from '../../helpers/net.js';
import { createServer } from 'node:net';

const SRC = join(import.meta.dirname, '../../..');
const IS_ROOT = process.getuid?.() === 0;
const BUILT = existsSync(join(SRC, 'backend/dist/main.js')) && existsSync(join(SRC, 'frontend/dist/index.html'));
let root: string;

function sh(script: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('bash', [join(SRC, script), ...args], { timeout: 180_000, cwd: tmpdir(), maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listenLoopback(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const inRoot = (path: string) => join(root, path);
const passwdEntry = () => readFileSync(inRoot('etc/passwd'), 'utf8').split('\n').find((l) => l.startsWith('mamori:'));
const idsOfMamori = () => { const f = passwdEntry()!.split(':'); return { uid: Number(f[2]), gid: Number(f[3]) }; };

/** Runs the installed tree as the installed user, like mamori-run: setpriv, only CAP_NET_RAW, env from the file. */
function startInstalled(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const { uid, gid } = idsOfMamori();
  const node = inRoot('opt/mamori/bin/node');
  const child = spawn('setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--no-new-privs',
    '--inh-caps=-all,+net_raw', '--ambient-caps=+net_raw', '--bounding-set=-all,+net_raw', '--',
    'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), node, inRoot('opt/mamori/backend/dist/main.js')],
  { cwd: inRoot('opt/mamori'), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(force);
}

/** The settings file as KEY=value pairs, as systemd would read it. */
function envFile(): Record<string, string> {
  return Object.fromEntries(readFileSync(inRoot('etc/mamori/mamori.env'), 'utf8').split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

beforeAll(() => {
  if (!IS_ROOT || !BUILT) return;
  root = mkdtempSync(join(tmpdir(), 'mamori-install-'));
  chmodSync(root, 0o755); // like a real /, so the mamori user can reach /opt/mamori
  mkdirSync(inRoot('etc'));
  // The account files of a fresh Debian root (useradd --root edits them).
  writeFileSync(inRoot('etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  writeFileSync(inRoot('etc/group'), 'root:x:0:\n');
  writeFileSync(inRoot('etc/shadow'), 'root:*:19000:0:99999:7:::\n', { mode: 0o640 });
  writeFileSync(inRoot('etc/gshadow'), 'root:*::\n', { mode: 0o640 });
});

afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

describe.skipIf(!IS_ROOT || !BUILT)('deploy/install.sh --root (needs root and a build)', () => {
  let port: number;

  it('installs the tree, the user, the data directory, the settings and the unit', async () => {
    port = await freePort();
    const run = await sh('deploy/install.sh', ['--root', root, '--node', process.execPath, '--no-build', '--listen', `127.0.0.1:${port}`]);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/systemd is not running here, so nothing was started[\s\S]*mamori-run/);
    expect(passwdEntry()).toMatch(/^mamori:x:\d+:\d+:Mamori appliance:\/var\/lib\/mamori:\/usr\/sbin\/nologin$/);
    const { uid } = idsOfMamori();
    expect(uid).toBeLessThan(1000); // a system account
    const data = statSync(inRoot('var/lib/mamori'));
    expect([data.uid, data.mode & 0o777]).toEqual([uid, 0o700]);
    const env = statSync(inRoot('etc/mamori/mamori.env'));
    expect([env.uid, env.mode & 0o777]).toEqual([0, 0o600]);
    expect(envFile()).toMatchObject({ MAMORI_HOST: '127.0.0.1', MAMORI_PORT: String(port), MAMORI_LOGIN_CHECKS: 'no' });
    expect(readFileSync(inRoot('etc/systemd/system/mamori.service'), 'utf8')).toBe(readFileSync(join(SRC, 'deploy/systemd/mamori.service'), 'utf8'));
    // Code owned by root and not writable by the service user; node is the private copy.
    for (const path of ['opt/mamori', 'opt/mamori/backend/dist/main.js', 'opt/mamori/node_modules/express/package.json']) {
      const info = statSync(inRoot(path));
      expect([path, info.uid, info.mode & 0o022]).toEqual([path, 0, 0]);
    }
    expect(readlinkSync(inRoot('opt/mamori/bin/node'))).toBe('../node/bin/node');
    // Production packages only: no dev tool made it in.
    for (const dev of ['vitest', 'typescript', 'vite', 'eslint']) expect(existsSync(inRoot(`opt/mamori/node_modules/${dev}`)), dev).toBe(false);
    expect(existsSync(inRoot('opt/mamori/node_modules/express'))).toBe(true);
  }, 180_000);

  it('the installed copy runs as mamori with only CAP_NET_RAW and answers /api/health on 127.0.0.1', async () => {
    const env = { ...envFile(), MAMORI_DATA_DIR: inRoot('var/lib/mamori'), NODE_ENV: 'production' };
    const app = startInstalled(env);
    try {
      const deadline = Date.now() + 15_000;
      let health = null;
      while (Date.now() < deadline && app.child.exitCode === null) {
        health = await send({ url: `http://127.0.0.1:${port}`, path: '/api/health' }).catch(() => null);
        if (health) break;
        await sleep(100);
      }
      expect(health?.status, app.output()).toBe(200);
      expect(health!.json).toEqual({ ok: true, version: expect.any(String) });
      expect((await send({ url: `http://127.0.0.1:${port}`, path: '/metrics' })).status).toBe(401);
      expect((await send({ url: `http://127.0.0.1:${port}`, path: '/' })).text).toMatch(/<!doctype html>/i);
      expect(app.output()).toMatch(new RegExp(`privileges: uid ${idsOfMamori().uid}, not root; effective capabilities: CAP_NET_RAW`));
      expect(app.output()).toMatch(/\?setup=[A-Za-z0-9_-]+/);
    } finally {
      await stop(app.child);
    }
    const state = statSync(inRoot('var/lib/mamori/state.json'));
    expect(state.uid).toBe(idsOfMamori().uid);
  }, 30_000);

  it('bin/mamori-run (no systemd) reads the settings as data, not shell, and drops to the user with only CAP_NET_RAW', async () => {
    const data = mkdtempSync(join(tmpdir(), 'mamori-run-'));
    chownSync(data, 65534, 65534);
    const runPort = await freePort();
    const envPath = inRoot('etc/mamori/run-test.env');
    writeFileSync(envPath, `# a comment\nMAMORI_HOST="127.0.0.1"\nMAMORI_PORT='${runPort}'\n\n  MAMORI_DATA_DIR=${data}\n`
      + 'MAMORI_PUBLIC_URL=http://mamori.example/$(id)\n', { mode: 0o600 });
    const child = spawn(inRoot('opt/mamori/bin/mamori-run'), [], {
      env: { PATH: '/usr/bin:/bin', MAMORI_ENV_FILE: envPath, MAMORI_RUN_USER: 'nobody' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    try {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && child.exitCode === null && !/\?setup=/.test(output)) await sleep(100);
      expect(output).toContain(`open http://mamori.example/$(id)/?setup=`); // the value as written: no command ran
      expect((await send({ url: `http://127.0.0.1:${runPort}`, path: '/api/health' })).status).toBe(200);
      // mamori-run execs setpriv, which execs env, which execs node: this PID is the appliance.
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      expect(status).toMatch(/^Uid:\s+65534\s+65534/m);
      expect(status).toMatch(/^CapEff:\s+0000000000002000$/m);
      expect(status).toMatch(/^CapBnd:\s+0000000000002000$/m);
      expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
      await stop(child);
      expect(statSync(join(data, 'state.json')).uid).toBe(65534); // written on the way out, by nobody
    } finally {
      await stop(child);
      rmSync(data, { recursive: true, force: true });
      rmSync(envPath, { force: true });
    }
    const stranger = await new Promise<string>((resolve) => {
      execFile(inRoot('opt/mamori/bin/mamori-run'), [], { env: { PATH: '/usr/bin:/bin', MAMORI_RUN_USER: 'no-such-user-here' } }, (_e, out, err) => resolve(`${out}${err}`));
    });
    expect(stranger).toMatch(/no user no-such-user-here \(deploy\/install\.sh creates it\)/);
  }, 30_000);

  it('running it again keeps the settings and the data; --no-net-raw and --lan-only add their drop-ins, a plain run removes them', async () => {
    const envPath = inRoot('etc/mamori/mamori.env');
    writeFileSync(envPath, readFileSync(envPath, 'utf8').replace('MAMORI_LOGIN_CHECKS=no', 'MAMORI_LOGIN_CHECKS=yes'));
    const stateBefore = readFileSync(inRoot('var/lib/mamori/state.json'), 'utf8');
    const again = await sh('deploy/install.sh', ['--root', root, '--no-build', '--no-net-raw', '--lan-only']);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/production packages unchanged \(same package-lock\.json\): reusing them/);
    expect(existsSync(inRoot('opt/mamori/node_modules/express/package.json'))).toBe(true);
    expect(envFile()['MAMORI_LOGIN_CHECKS']).toBe('yes');
    expect(envFile()['MAMORI_PORT']).toBe(String(port));
    expect(readFileSync(inRoot('var/lib/mamori/state.json'), 'utf8')).toBe(stateBefore);
    expect(readFileSync(inRoot('etc/passwd'), 'utf8').match(/^mamori:/gm)).toHaveLength(1);
    expect(readlinkSync(inRoot('opt/mamori/bin/node'))).toBe('../node/bin/node'); // the private node was kept
    expect(existsSync(inRoot('etc/systemd/system/mamori.service.d/no-net-raw.conf'))).toBe(true);
    expect(existsSync(inRoot('opt/mamori/.no-net-raw'))).toBe(true);
    expect(readFileSync(inRoot('etc/systemd/system/mamori.service.d/lan-only.conf'), 'utf8')).toMatch(/^IPAddressDeny=any$/m);
    const plain = await sh('deploy/install.sh', ['--root', root, '--no-build']);
    expect(plain.code, plain.out).toBe(0);
    expect(existsSync(inRoot('etc/systemd/system/mamori.service.d/no-net-raw.conf'))).toBe(false);
    expect(existsSync(inRoot('opt/mamori/.no-net-raw'))).toBe(false);
    expect(existsSync(inRoot('etc/systemd/system/mamori.service.d/lan-only.conf'))).toBe(false);
    expect(existsSync(inRoot('opt/mamori.old'))).toBe(false);
  }, 180_000);

  it('uninstall keeps data, settings and user; --purge removes them', async () => {
    const keep = await sh('deploy/uninstall.sh', ['--root', root]);
    expect(keep.code, keep.out).toBe(0);
    expect(existsSync(inRoot('opt/mamori'))).toBe(false);
    expect(existsSync(inRoot('etc/systemd/system/mamori.service'))).toBe(false);
    expect(existsSync(inRoot('var/lib/mamori/state.json'))).toBe(true);
    expect(existsSync(inRoot('etc/mamori/mamori.env'))).toBe(true);
    expect(passwdEntry()).toBeDefined();
    const purge = await sh('deploy/uninstall.sh', ['--root', root, '--purge']);
    expect(purge.code, purge.out).toBe(0);
    expect(existsSync(inRoot('var/lib/mamori'))).toBe(false);
    expect(existsSync(inRoot('etc/mamori'))).toBe(false);
    expect(passwdEntry()).toBeUndefined();
  }, 30_000);

  it('refuses clearly: bad --listen, a node that is too old', async () => {
    expect((await sh('deploy/install.sh', ['--root', root, '--listen', 'nonsense'])).out).toMatch(/--listen wants HOST:PORT/);
    const old = join(root, 'old-node');
    writeFileSync(old, '#!/bin/sh\n[ "$1" = -e ] && exit 1\necho v18.19.0\n', { mode: 0o755 });
    const refused = await sh('deploy/install.sh', ['--root', root, '--node', old]);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/is not Node\.js >= 24\.11/);
  }, 30_000);
});
