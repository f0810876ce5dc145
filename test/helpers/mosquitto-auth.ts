// Real mosquitto on loopback that refuses anonymous clients (password_file, allow_anonymous
// false) and logs every connection, so a test can count the broker-side attempts.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

const MOSQUITTO = '/usr/sbin/mosquitto';
const run = promisify(execFile);

export interface AuthBroker extends Daemon {
  /** CONNECTs the broker received (from its own log). */
  connections(): number;
}

export async function startAuthMosquitto(user: string, password: string): Promise<AuthBroker> {
  requireBinary(MOSQUITTO, 'mosquitto');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-mosquitto-auth-'));
  try {
    const passwd = join(dir, 'passwd');
    await writeFile(passwd, '');
    await run('mosquitto_passwd', ['-b', passwd, user, password], { timeout: 10_000 });
    // Run as root, mosquitto drops to its own user before reading the password file.
    await chmod(dir, 0o755);
    await chmod(passwd, 0o644);
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      const conf = join(dir, 'mosquitto.conf');
      await writeFile(conf, [
        'per_listener_settings true', `listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${passwd}`,
        'persistence false', 'log_dest stderr', 'log_type notice', 'log_type error', 'connection_messages true', '',
      ].join('\n'));
      return startDaemon(MOSQUITTO, ['-c', conf], port);
    });
    return {
      ...daemon,
      connections: () => (daemon.output().match(/New connection from/g) ?? []).length,
      stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
