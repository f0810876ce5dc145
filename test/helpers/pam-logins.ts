// Real PAM-backed logins on loopback, the way a Debian-based box (NAS, Raspberry Pi, router with a
// full Linux) runs them: GNU inetutils telnetd started by inetutils-inetd, running the system's
// shadow `/bin/login` with Debian's own /etc/pam.d/login (pam_faildelay delay=3000000, pam_unix),
// and Debian OpenSSH `sshd` with UsePAM yes and the system's /etc/pam.d/sshd (pam_unix's own 2 s
// failure delay). Both run in private mount (and UTS) namespaces (root only): a test-owned
// passwd/shadow/group/shells is bind-mounted over /etc there, /run and /var/log are empty tmpfs
// (no utmp/wtmp/lastlog entry reaches the host), and the host's real accounts are never read or
// touched. `root` exists and is locked, as on Debian; the test account has uid 1000 and a "shell"
// that runs nothing it reads. failDelaySeconds replaces the PAM delay in a private copy of the
// service's PAM file (the system file itself is only ever read). Debian's dropbear (no PAM: it
// reads the same test-owned passwd/shadow/shells itself) runs in the same kind of namespace.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

const INETD = '/usr/sbin/inetutils-inetd';
const TELNETD = '/usr/sbin/telnetd';
const SSHD = '/usr/sbin/sshd';
const UNSHARE = '/usr/bin/unshare';
const DROPBEAR = '/usr/sbin/dropbear';

export interface PamLoginOptions {
  /** A non-system account name (not root/sshd): it gets uid 1000. */
  user: string;
  password: string;
  /** PAM failure delay in seconds (pam_faildelay in a private copy of the PAM file); default: Debian's own. */
  failDelaySeconds?: number;
  /** Node name (telnet shows it in its banner and "NAME login: "), default "nas". */
  hostname?: string;
  /** sshd: MaxAuthTries (Debian's default 6); dropbear: -T (its default 10). */
  maxAuthTries?: number;
}

export interface PamDaemon extends Daemon {
  /** Its temporary directory (accounts, config, host key), removed by stop(). */
  dir: string;
}

const FAKE_SHELL = `#!/bin/sh
PATH=/usr/bin:/bin
for n in 1 2 3 4 5 6 7 8 9 10; do
  printf '$ '
  IFS= read -r line || exit 0
  case "$line" in exit*|logout*) exit 0 ;; esac
  printf 'sh: not found\\r\\n'
done
`;

export function canRunPamLogins(): boolean {
  return process.getuid?.() === 0;
}

/** inetutils telnetd (from inetutils-inetd) running the system /bin/login with PAM. */
export async function startPamTelnetd(options: PamLoginOptions): Promise<PamDaemon> {
  requireBinary(INETD, 'inetutils-inetd');
  requireBinary(TELNETD, 'inetutils-telnetd');
  requireBinary('/bin/login', 'login');
  return startInNamespace(options, 'login', async (dir, port) => {
    await writeFile(join(dir, 'inetd.conf'), `127.0.0.1:${port} stream tcp nowait root ${TELNETD} telnetd\n`);
    return `exec ${INETD} -d --pidfile=${dir}/inetd.pid ${dir}/inetd.conf`;
  });
}

/** Debian OpenSSH sshd, password authentication through PAM, its own config and host key. */
export async function startOpenSsh(options: PamLoginOptions): Promise<PamDaemon> {
  requireBinary(SSHD, 'openssh-server');
  requireBinary('/usr/bin/ssh-keygen', 'openssh-client');
  return startInNamespace(options, 'sshd', async (dir, port) => {
    await promisify(execFile)('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')], { timeout: 10_000 });
    await writeFile(join(dir, 'sshd_config'), [
      `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${dir}/host_ed25519`, 'PidFile none',
      'UsePAM yes', 'PasswordAuthentication yes', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication no',
      // Debian's defaults, written out: each of our connections sends "none" (not counted) and one password.
      `MaxAuthTries ${options.maxAuthTries ?? 6}`, 'LoginGraceTime 120', 'PermitRootLogin prohibit-password',
      'UseDNS no', 'PrintMotd no', 'PrintLastLog no', '',
    ].join('\n'));
    return `mkdir -m 755 /run/sshd\nexec ${SSHD} -D -e -f ${dir}/sshd_config`;
  });
}

/** Debian's dropbear (dropbear-bin) with password logins on, its own host key; -T maxAuthTries. */
export async function startDropbearLogin(options: PamLoginOptions): Promise<PamDaemon> {
  requireBinary(DROPBEAR, 'dropbear-bin');
  if (options.failDelaySeconds !== undefined) throw new Error('dropbear has no PAM delay to set');
  return startInNamespace(options, null, async (dir, port) => {
    await promisify(execFile)('/usr/bin/dropbearkey', ['-t', 'ed25519', '-f', join(dir, 'host_ed25519')], { timeout: 10_000 });
    const tries = options.maxAuthTries === undefined ? [] : ['-T', String(options.maxAuthTries)];
    return `exec ${DROPBEAR} -F -E -m -j -k -r ${dir}/host_ed25519 -P ${dir}/dropbear.pid ${tries.join(' ')} -p 127.0.0.1:${port}`;
  });
}

async function startInNamespace(options: PamLoginOptions, pamService: string | null, daemon: (dir: string, port: number) => Promise<string>): Promise<PamDaemon> {
  requireBinary(UNSHARE, 'util-linux');
  requireBinary('/usr/bin/openssl', 'openssl');
  if (!canRunPamLogins()) throw new Error('PAM logins in a private mount namespace need root');
  if (!/^[a-z][a-z0-9_-]{0,30}$/.test(options.user) || ['root', 'sshd'].includes(options.user)) throw new Error('bad user name');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-pam-'));
  try {
    await chmod(dir, 0o755); // login runs the shell as uid 1000
    const shell = join(dir, 'shell.sh');
    await writeFile(shell, FAKE_SHELL, { mode: 0o755 });
    const hash = await hashPassword(options.password);
    await writeFile(join(dir, 'passwd'), [
      'root:x:0:0:root:/root:/usr/sbin/nologin',
      'sshd:x:100:65534::/run/sshd:/usr/sbin/nologin',
      `${options.user}:x:1000:1000:${options.user}:/:${shell}`, '',
    ].join('\n'), { mode: 0o644 });
    await writeFile(join(dir, 'shadow'), `root:*:19000:0:99999:7:::\nsshd:!:19000::::::\n${options.user}:${hash}:19000:0:99999:7:::\n`, { mode: 0o600 });
    await writeFile(join(dir, 'group'), `root:x:0:\ntty:x:5:\nusers:x:100:\nnogroup:x:65534:\n${options.user}:x:1000:\n`, { mode: 0o644 });
    await writeFile(join(dir, 'shells'), `${shell}\n`, { mode: 0o644 });
    await writeFile(join(dir, 'empty'), '');
    // dropbear has no PAM service (null): nothing to delay there.
    const pamFile = pamService === null ? null : `/etc/pam.d/${pamService}`;
    const privatePam = options.failDelaySeconds === undefined || pamFile === null ? null : await withFailDelay(pamFile, options.failDelaySeconds);
    if (privatePam !== null) await writeFile(join(dir, 'pam'), privatePam, { mode: 0o644 });
    const hostname = (options.hostname ?? 'nas').replace(/[^a-zA-Z0-9.-]/g, '');
    const start = join(dir, 'start.sh');
    const daemon$ = await withPortRetry(async () => {
      const port = await freePort();
      // Every mount below exists only in the new namespace and disappears with it.
      await writeFile(start, [
        'set -e',
        ...['passwd', 'shadow', 'group', 'shells'].map((f) => `mount --bind ${dir}/${f} /etc/${f}`),
        `for f in /etc/motd /etc/gshadow; do if [ -e "$f" ]; then mount --bind ${dir}/empty "$f"; fi; done`,
        privatePam === null || pamFile === null ? '' : `mount --bind ${dir}/pam ${pamFile}`,
        'mount -t tmpfs -o size=1m none /run',
        'mount -t tmpfs -o size=1m none /var/log',
        `printf '%s' '${hostname}' > /proc/sys/kernel/hostname`,
        await daemon(dir, port),
        '',
      ].join('\n'));
      // unshare execs sh, which execs the daemon: the PID we stop is the daemon's.
      return startDaemon(UNSHARE, ['--mount', '--uts', '--propagation', 'private', '/bin/sh', start], port);
    });
    return { ...daemon$, dir, stop: async () => { await daemon$.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The system PAM file with pam_faildelay set to `seconds` (first in the auth stack). */
async function withFailDelay(pamFile: string, seconds: number): Promise<string> {
  const lines = (await readFile(pamFile, 'utf8')).split('\n').filter((line) => !/pam_faildelay\.so/.test(line));
  return [`auth       optional   pam_faildelay.so  delay=${Math.round(seconds * 1_000_000)}`, ...lines].join('\n');
}

async function hashPassword(password: string): Promise<string> {
  const child = execFile('/usr/bin/openssl', ['passwd', '-6', '-stdin'], { timeout: 10_000 });
  child.stdin?.end(`${password}\n`);
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => { text += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && text.startsWith('$6$') ? resolve(text.trim()) : reject(new Error('openssl passwd failed'))));
  });
  return out;
}
