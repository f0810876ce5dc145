// The test ADB daemon (test/helpers/adbd.py: Debian has no adbd) on a free loopback port, stopped
// by its PID; and a cross-check with Debian's real `adb` client, run in a private network
// namespace (only its own loopback) so its emulator-port scan and server socket touch nothing else.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { waitListening } from './loopback-address.js';
import { freePort } from './net.js';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, 'adbd.py');

export type AdbdMode = 'open' | 'auth' | 'tls';

export interface Adbd extends Daemon {
  /** Names of the ADB commands the daemon received, in order (CNXN, AUTH, OPEN…). */
  received(): Promise<string[]>;
}

export interface AdbdOptions {
  /** Protocol 0x01000000 with checksums (Android before 7). */
  legacy?: boolean;
  /** Listen on this loopback address and port (e.g. a random 127.x.y.z on the real 5555). */
  host?: string;
  port?: number;
}

export async function startAdbd(mode: AdbdMode, options: AdbdOptions = {}): Promise<Adbd & { host: string }> {
  requireBinary('/usr/bin/python3', 'python3');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-adbd-'));
  const log = join(dir, 'received');
  await writeFile(log, '');
  const host = options.host ?? '127.0.0.1';
  const args = (port: number) => ['-i', 'PATH=/usr/bin:/bin', 'MAX_SECONDS=600', '/usr/bin/python3', SCRIPT, String(port), mode,
    '--host', host, ...(options.legacy ? ['--legacy'] : []), '--log', log];
  try {
    let daemon: Daemon;
    if (host === '127.0.0.1' && options.port === undefined) {
      daemon = await withPortRetry(async () => {
        const port = await freePort();
        return startDaemon('/usr/bin/env', args(port), port, 10_000);
      });
    } else {
      daemon = await startOn(host, options.port ?? 5555, args(options.port ?? 5555));
    }
    return {
      ...daemon,
      host,
      received: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean),
      stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startOn(host: string, port: number, args: string[]): Promise<Daemon> {
  const child = spawn('/usr/bin/env', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-2000); });
  child.on('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    process.kill(child.pid, 'SIGTERM');
    await Promise.race([exited, sleep(2000)]);
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  };
  if (!(await waitListening(host, port, 10_000, () => child.exitCode === null))) {
    await stop();
    throw new Error(`adbd.py did not listen on ${host}:${port}: ${output}`);
  }
  return { pid: child.pid!, port, output: () => output, stop };
}

/**
 * What Debian's adb client (android platform-tools) says about the test daemon in `mode`: the
 * line of `adb devices -l` for it ("… device product:…" or "… unauthorized"). Needs root (unshare -n).
 */
export async function realAdbClientSees(mode: AdbdMode): Promise<string> {
  requireBinary('/usr/bin/adb', 'adb');
  const home = await mkdtemp(join(tmpdir(), 'mamori-adb-home-'));
  const script = [
    'ip link set lo up',
    `python3 ${SCRIPT} 15555 ${mode} & daemon=$!`,
    'for i in $(seq 50); do python3 -c "import socket; socket.create_connection((\'127.0.0.1\', 15555), 1)" 2>/dev/null && break; sleep 0.1; done',
    'timeout 20 adb -P 15037 connect 127.0.0.1:15555 >/dev/null 2>&1',
    'sleep 1',
    'timeout 20 adb -P 15037 devices -l',
    'timeout 10 adb -P 15037 kill-server >/dev/null 2>&1',
    'kill $daemon',
  ].join('\n');
  try {
    const { stdout } = await run('unshare', ['-n', 'sh', '-c', script], { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: home }, timeout: 60_000 });
    return stdout.split('\n').find((line) => line.startsWith('127.0.0.1:15555')) ?? '';
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
