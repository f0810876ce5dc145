// Real busybox telnetd on loopback with a test-owned fake login program. The program never runs a
// shell or any command it reads: after the one accepted pair it answers "-sh: X: not found".
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

const BUSYBOX = '/usr/bin/busybox';

export interface TelnetdOptions {
  user?: string;
  password?: string;
  /** Replaces the login program body (sh); it must stay bounded and never exec a shell. */
  script?: string;
}

export const TELNET_USER = 'root';
export const TELNET_PASSWORD = 'xc3511';

/** At most 3 tries, at most 20 fake commands; every read ends on EOF when the client hangs up. */
export function fakeLoginScript(user: string, password: string): string {
  return `
strip() { printf '%s' "$1" | tr -d '\\r'; }
printf '\\r\\nMamori test camera\\r\\n'
ok=0
for try in 1 2 3; do
  printf 'login: '
  IFS= read -r user || exit 0
  stty -echo 2>/dev/null
  printf 'Password: '
  IFS= read -r pass || exit 0
  stty echo 2>/dev/null
  printf '\\r\\n'
  if [ "$(strip "$user")" = '${user}' ] && [ "$(strip "$pass")" = '${password}' ]; then ok=1; break; fi
  printf 'Login incorrect\\r\\n'
done
[ "$ok" = 1 ] || exit 0
for n in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  printf '# '
  IFS= read -r line || exit 0
  cmd=$(strip "$line" | cut -d' ' -f1)
  case "$cmd" in
    '') ;;
    exit|logout) exit 0 ;;
    *) printf '%s\\r\\n' "-sh: $cmd: not found" ;;
  esac
done
`;
}

/** Negotiates telnet options (telnetd does that) but never shows a login prompt. */
export const NO_PROMPT_SCRIPT = `
printf 'Maintenance mode\\r\\n'
for n in 1 2 3 4 5 6 7 8 9 10; do IFS= read -r line || exit 0; done
`;

export interface Telnetd extends Daemon {
  readonly dir: string;
}

export async function startBusyboxTelnetd(options: TelnetdOptions = {}): Promise<Telnetd> {
  requireBinary(BUSYBOX, 'busybox-static');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-telnetd-'));
  const script = join(dir, 'login.sh');
  const body = options.script ?? fakeLoginScript(options.user ?? TELNET_USER, options.password ?? TELNET_PASSWORD);
  await writeFile(script, `#!/bin/sh\nPATH=/usr/bin:/bin\n${body}`);
  await chmod(script, 0o755);
  const issue = join(dir, 'issue.net'); // empty: the host's /etc/issue.net must not leak into transcripts
  await writeFile(issue, '');
  try {
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      return startDaemon(BUSYBOX, ['telnetd', '-F', '-p', String(port), '-b', '127.0.0.1', '-f', issue, '-l', script], port);
    });
    return {
      ...daemon,
      dir,
      stop: async () => {
        await daemon.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
