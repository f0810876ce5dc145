// Two independent real SMB servers on loopback, for the SMB checks and for lab hosts:
//  - Samba's smbd (Debian samba), with a test-owned smb.conf and private state directories;
//  - impacket's SimpleSMBServer (Debian python3-impacket, test/helpers/impacket-smbd.py).
// Samba runs on 127.0.0.1 and a free port (its "interfaces" must be a real interface address);
// impacket can take any 127.x.y.z, so it also serves the real port 445 for service identification.
// Everything is stopped by PID: smbd, and the samba-dcerpcd it starts on demand for the srvsvc
// pipe (its PID file is in our private pid directory), with their worker processes.
//
// Samba recipe outside the tests (e.g. a lab namespace): the [global] lines of sambaConfig() with
// `interfaces = eth0`, `smb ports = 445`, then
//   smbd --foreground --no-process-group --debug-stdout -s smb.conf
// open: guest share + `map to guest = Bad User` + `restrict anonymous = 0` + `server min protocol = NT1`;
// well configured: `map to guest = Never`, `restrict anonymous = 2`, `server min protocol = SMB2_02`.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireBinary, withPortRetry } from './daemon.js';
import { waitListening } from './loopback-address.js';
import { freePort } from './net.js';

export interface SmbServer {
  readonly implementation: 'samba' | 'impacket';
  readonly host: string;
  readonly port: number;
  /** What the server logged (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface SambaOptions {
  /** A guest-readable share, unknown users mapped to guest, null sessions allowed. */
  guest: boolean;
  /** SMB1 (NT1) accepted, as old NAS firmware and Samba before 4.11 did by default. */
  smb1: boolean;
  /** Null (anonymous) sessions allowed; defaults to `guest` (with `guest` alone, only unknown users get in as guest). */
  nullSessions?: boolean;
}

export function sambaConfig(dir: string, port: number, options: SambaOptions): string {
  return [
    '[global]',
    'netbios name = MAMORI-NAS', 'workgroup = WORKGROUP', 'server role = standalone server',
    'interfaces = lo', 'bind interfaces only = yes', `smb ports = ${port}`, 'disable netbios = yes',
    `server min protocol = ${options.smb1 ? 'NT1' : 'SMB2_02'}`,
    `map to guest = ${options.guest ? 'Bad User' : 'Never'}`,
    `restrict anonymous = ${(options.nullSessions ?? options.guest) ? 0 : 2}`,
    'load printers = no', 'printing = bsd', 'printcap name = /dev/null', 'disable spoolss = yes',
    `lock directory = ${join(dir, 'lock')}`, `state directory = ${join(dir, 'state')}`, `cache directory = ${join(dir, 'cache')}`,
    `private dir = ${join(dir, 'private')}`, `pid directory = ${join(dir, 'pid')}`, `ncalrpc dir = ${join(dir, 'ncalrpc')}`,
    `log file = ${join(dir, 'log')}`, 'log level = 1',
    '[public]', `path = ${join(dir, 'share')}`, 'read only = yes', 'comment = Family photos',
    `guest ok = ${options.guest ? 'yes' : 'no'}`,
    '',
  ].join('\n');
}

export async function startSamba(options: SambaOptions): Promise<SmbServer> {
  requireBinary('/usr/sbin/smbd', 'samba');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-smbd-'));
  for (const sub of ['lock', 'state', 'cache', 'private', 'pid', 'ncalrpc', 'share']) await mkdir(join(dir, sub));
  const conf = join(dir, 'smb.conf');
  try {
    return await withPortRetry(async () => {
      const port = await freePort();
      await writeFile(conf, sambaConfig(dir, port, options));
      // Its own process group (detached): smbd signals its whole group when it stops, which must
      // not reach the test runner.
      const child = spawn('/usr/sbin/smbd', ['--foreground', '--no-process-group', '--debug-stdout', '-s', conf], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const server = tracked(child, 'samba', '127.0.0.1', port, async () => {
        const helper = Number((await readFile(join(dir, 'pid', 'samba-dcerpcd.pid'), 'utf8').catch(() => '')).trim());
        return Number.isInteger(helper) && helper > 1 ? [helper] : [];
      }, () => rm(dir, { recursive: true, force: true }));
      if (!(await waitListening('127.0.0.1', port, 15_000, () => child.exitCode === null))) {
        const output = server.output();
        await server.stop();
        throw new Error(`smbd did not listen on 127.0.0.1:${port}: ${output}`);
      }
      return server;
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export type ImpacketMode = 'open' | 'guest-only' | 'locked' | 'smb2only';

export async function startImpacketSmbd(mode: ImpacketMode, where: { host?: string; port?: number } = {}): Promise<SmbServer> {
  requireBinary('/usr/bin/python3', 'python3');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-impacket-'));
  const host = where.host ?? '127.0.0.1';
  try {
    const start = async (port: number): Promise<SmbServer> => {
      const child = spawn('/usr/bin/env', ['-i', 'PATH=/usr/bin:/bin', 'MAX_SECONDS=600', '/usr/bin/python3',
        join(import.meta.dirname, 'impacket-smbd.py'), host, String(port), dir, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
      const server = tracked(child, 'impacket', host, port, async () => [], () => rm(dir, { recursive: true, force: true }));
      if (!(await waitListening(host, port, 15_000, () => child.exitCode === null))) {
        const output = server.output();
        await server.stop();
        throw new Error(`impacket smbserver did not listen on ${host}:${port}: ${output}`);
      }
      return server;
    };
    return where.port !== undefined ? await start(where.port) : await withPortRetry(async () => start(await freePort()));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function tracked(child: ChildProcess, implementation: SmbServer['implementation'], host: string, port: number,
  helpers: () => Promise<number[]>, cleanup: () => Promise<void>): SmbServer {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-4000); });
  child.stderr?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-4000); });
  child.on('error', (error) => { output += String(error); });
  return {
    implementation, host, port,
    output: () => output,
    stop: async () => {
      const roots = [child.pid, ...(await helpers())].filter((pid): pid is number => pid !== undefined);
      const all = [...roots, ...(await descendants(roots))];
      for (const pid of all) signal(pid, 'SIGTERM');
      for (let i = 0; i < 100 && all.some(alive); i++) await sleep(20);
      for (const pid of all.filter(alive)) signal(pid, 'SIGKILL');
      await cleanup();
    },
  };
}

/** Every descendant of the given processes, read from /proc (bounded by the process table). */
async function descendants(roots: number[]): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!parents.has(ppid)) parents.set(ppid, []);
    parents.get(ppid)!.push(Number(entry));
  }
  const found: number[] = [];
  const queue = [...roots];
  while (queue.length > 0 && found.length < 256) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Running (a zombie waiting for a parent that is not us to reap it counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
