// Starts the appliance inside the lab's scanner namespace, reachable from the host through the
// loopback forwarder (test/lab/forward.mjs) — the same path the README's quick start uses.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SCANNER_NS } from './lab.js';

export interface RunningAppliance {
  url: string;
  /** The appliance's own process id (`ip netns exec` execs node in place). */
  pid: number;
  setupToken: string;
  log: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}

export async function startLabAppliance(targets: string, extraEnv: Record<string, string> = {}): Promise<RunningAppliance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-e2e-'));
  const socketPath = join(dataDir, 'ui.sock');
  let output = '';
  // `ip netns exec` execs node in place, so the PID we hold is the appliance's own.
  const appliance = spawn('ip', ['netns', 'exec', SCANNER_NS, process.execPath, join(ROOT, 'backend/dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, MAMORI_DATA_DIR: dataDir, MAMORI_SOCKET_PATH: socketPath, MAMORI_TARGETS: targets, MAMORI_LOG_LEVEL: 'info', ...extraEnv },
  });
  appliance.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  appliance.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  const setupToken = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`appliance did not start:\n${output}`)), 15_000);
    const poll = setInterval(() => {
      const match = /\?setup=([A-Za-z0-9_-]+)/.exec(output);
      if (match) { clearInterval(poll); clearTimeout(timer); resolve(match[1]!); }
    }, 50);
  });
  const port = await freePort();
  const forwarder = spawn(process.execPath, [join(ROOT, 'test/lab/forward.mjs'), `127.0.0.1:${port}`, socketPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('forwarder did not start')), 5000);
    forwarder.stderr!.once('data', () => { clearTimeout(timer); resolve(); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: appliance.pid!,
    setupToken,
    log: () => output,
    async stop() {
      await stopChild(forwarder);
      await stopChild(appliance);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
