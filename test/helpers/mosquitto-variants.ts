// Real mosquitto on loopback in the configurations the exposure checks tell apart: anonymous or
// password-only, plain or TLS, with retained messages seeded by mosquitto_pub. Stopped by its PID.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';
import type { SelfSignedCert } from './tls.js';

const MOSQUITTO = '/usr/sbin/mosquitto';
const run = promisify(execFile);

export interface MosquittoVariant {
  anonymous: boolean;
  /** A user the broker knows (password_file); needed to seed retained messages when not anonymous. */
  user?: { name: string; password: string };
  tls?: SelfSignedCert;
  /** Retained messages published after start: [topic, payload]. */
  retained?: Array<[string, string]>;
}

export async function startMosquittoVariant(variant: MosquittoVariant): Promise<Daemon> {
  requireBinary(MOSQUITTO, 'mosquitto');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-mosquitto-'));
  try {
    // Started as root, mosquitto drops to its own user before reading the password and key files:
    // these throwaway test files must be readable by it.
    await chmod(dir, 0o755);
    const lines: string[] = [];
    if (variant.user) {
      await writeFile(join(dir, 'passwd'), '');
      await run('mosquitto_passwd', ['-b', join(dir, 'passwd'), variant.user.name, variant.user.password], { timeout: 10_000 });
      await chmod(join(dir, 'passwd'), 0o644);
      lines.push(`password_file ${join(dir, 'passwd')}`);
    }
    if (variant.tls) {
      await writeFile(join(dir, 'cert.pem'), variant.tls.cert);
      await writeFile(join(dir, 'key.pem'), variant.tls.key, { mode: 0o644 });
      lines.push(`certfile ${join(dir, 'cert.pem')}`, `keyfile ${join(dir, 'key.pem')}`);
    }
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      const conf = join(dir, 'mosquitto.conf');
      await writeFile(conf, [
        'per_listener_settings true', `listener ${port} 127.0.0.1`, `allow_anonymous ${variant.anonymous}`, ...lines,
        'persistence false', 'log_dest stderr', 'log_type error', '',
      ].join('\n'));
      return startDaemon(MOSQUITTO, ['-c', conf], port);
    });
    for (const [topic, payload] of variant.retained ?? []) {
      const auth = variant.user ? ['-u', variant.user.name, '-P', variant.user.password] : [];
      const tls = variant.tls ? ['--insecure', '--cafile', join(dir, 'cert.pem')] : [];
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(daemon.port), ...auth, ...tls, '-r', '-q', '1', '-t', topic, '-m', payload], { timeout: 10_000 });
    }
    return { ...daemon, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
