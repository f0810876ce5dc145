// A real FTP server on loopback for the credential tests: pyftpdlib (Debian python3-pyftpdlib,
// installed with the lab's packages) with one virtual user — no PAM, no system account, no root.
// Counts the server-side logins (ok / fail / throttled) from its own log; stopped by its PID.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

export interface Ftpd extends Daemon {
  /** Login attempts the server saw, in order: 'ok' | 'fail' | 'throttled' (waits up to 1 s for `atLeast`). */
  tries(atLeast?: number): Promise<string[]>;
}

export async function startFtpd(user: string, password: string, options: { throttleAfter?: number; failDelaySeconds?: number } = {}): Promise<Ftpd> {
  requireBinary('/usr/bin/python3', 'python3');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-ftpd-'));
  const tries = join(dir, 'tries');
  await writeFile(tries, '');
  try {
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      return startDaemon('/usr/bin/env', ['-i', 'PATH=/usr/bin:/bin', `THROTTLE_AFTER=${options.throttleAfter ?? 0}`, `FAIL_DELAY=${options.failDelaySeconds ?? 0.1}`, 'MAX_SECONDS=300',
        '/usr/bin/python3', join(import.meta.dirname, 'ftpd.py'), String(port), user, password, dir, tries], port, 10_000);
    });
    return {
      ...daemon,
      // pyftpdlib logs a failure in a callback just after answering 530: poll briefly.
      tries: async (atLeast = 0) => {
        for (let i = 0; ; i++) {
          const lines = (await readFile(tries, 'utf8')).split('\n').filter(Boolean);
          if (lines.length >= atLeast || i >= 20) return lines;
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
