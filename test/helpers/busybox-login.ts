// A real embedded-style login on loopback: busybox telnetd running busybox's own `login` (not a
// script), which checks the password against a shadow hash and answers a wrong one after its
// built-in 3 s delay (LOGIN_FAIL_DELAY). It runs in private mount and UTS namespaces (root only):
// a test-owned passwd/shadow is bind-mounted over /etc/passwd and /etc/shadow there, /run and
// /var/log are empty tmpfs (no utmp/wtmp entry reaches the host), and the hostname is "(none)",
// the kernel's default on a bare board: the prompt reads "(none) login: ". The account's uid is
// 65534 and its "shell" is a bounded script that runs nothing it reads.
import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

const BUSYBOX = '/usr/bin/busybox';

export interface BusyboxLoginOptions {
  user: string;
  password: string;
  /** The node name login shows before " login: " (default "(none)"). */
  hostname?: string;
}

/** A login "shell" that runs nothing it reads; the second lab set's accounts use the same one. */
const FAKE_SHELL = join(import.meta.dirname, '../lab/fake-shell.sh');

export function canRunBusyboxLogin(): boolean {
  return process.getuid?.() === 0;
}

export async function startBusyboxLogin(options: BusyboxLoginOptions): Promise<Daemon> {
  requireBinary(BUSYBOX, 'busybox-static');
  requireBinary('/usr/bin/unshare', 'util-linux');
  requireBinary('/usr/bin/openssl', 'openssl');
  if (!canRunBusyboxLogin()) throw new Error('busybox login in a private mount namespace needs root');
  if (/[:\n]/.test(options.user)) throw new Error('bad user name');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-bblogin-'));
  try {
    await chmod(dir, 0o755); // login runs the shell as uid 65534
    const hash = await hashPassword(options.password);
    const shell = join(dir, 'shell.sh');
    await copyFile(FAKE_SHELL, shell);
    await chmod(shell, 0o755);
    await writeFile(join(dir, 'passwd'), `${options.user}:x:65534:65534:${options.user}:/:${shell}\n`);
    await writeFile(join(dir, 'shadow'), `${options.user}:${hash.trim()}:19000:0:99999:7:::\n`, { mode: 0o600 });
    await writeFile(join(dir, 'empty'), '');
    await symlink(BUSYBOX, join(dir, 'login'));
    const hostname = options.hostname ?? '(none)';
    const start = join(dir, 'start.sh');
    // Every mount below exists only in the new namespace and disappears with it.
    await writeFile(start, [
      'set -e',
      `mount --bind ${dir}/passwd /etc/passwd`,
      `mount --bind ${dir}/shadow /etc/shadow`,
      `if [ -e /etc/motd ]; then mount --bind ${dir}/empty /etc/motd; fi`,
      'mount -t tmpfs -o size=1m none /run',
      'mount -t tmpfs -o size=1m none /var/log',
      `printf '%s' '${hostname.replace(/'/g, '')}' > /proc/sys/kernel/hostname`,
      `exec ${BUSYBOX} telnetd -F -p "$1" -b 127.0.0.1 -f ${dir}/empty -l ${dir}/login`,
      '',
    ].join('\n'));
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      // unshare execs sh, which execs telnetd: the PID we stop is telnetd's.
      return startDaemon('/usr/bin/unshare', ['--mount', '--uts', '--propagation', 'private', '/bin/sh', start, String(port)], port);
    });
    return { ...daemon, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function hashPassword(password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/openssl', ['passwd', '-6', '-stdin'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); if (code === 0 && out.startsWith('$6$')) resolve(out.trim()); else reject(new Error('openssl passwd failed')); });
    child.stdin.end(`${password}\n`);
  });
}
