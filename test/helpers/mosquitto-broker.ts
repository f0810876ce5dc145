// A real mosquitto on loopback for the publishing tests: optional user names (password_file,
// anonymous refused), optional TLS listener, and persistence in its temp dir, so it can be stopped
// and started again on the same port with its retained messages and offline sessions kept — the
// "broker away for a while" case. Stopped by its PID.
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

export interface BrokerOptions {
  users?: Record<string, string>;
  /** Lines of a mosquitto ACL file (acl_file), e.g. `pattern write mamori/%u/#`. */
  acl?: string[];
  /** A TLS listener (the plain one is then not opened). */
  tls?: SelfSignedCert;
}

export interface Broker {
  readonly port: number;
  output(): string;
  /** Stops the broker (it saves its persistence file on the way out). */
  stop(): Promise<void>;
  /** Starts it again on the same port, from its persistence file. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

export async function startBroker(options: BrokerOptions = {}): Promise<Broker> {
  requireBinary(MOSQUITTO, 'mosquitto');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-broker-'));
  // Run as root, mosquitto drops to its own user before reading its files and writing persistence.
  await chmod(dir, 0o777);
  const lines: string[] = [];
  if (options.users) {
    const passwd = join(dir, 'passwd');
    await writeFile(passwd, '');
    for (const [user, password] of Object.entries(options.users)) await run('mosquitto_passwd', ['-b', passwd, user, password], { timeout: 10_000 });
    await chmod(passwd, 0o644);
    lines.push('allow_anonymous false', `password_file ${passwd}`);
  } else {
    lines.push('allow_anonymous true');
  }
  if (options.acl) {
    await writeFile(join(dir, 'acl'), options.acl.join('\n') + '\n');
    await chmod(join(dir, 'acl'), 0o644);
    lines.push(`acl_file ${join(dir, 'acl')}`);
  }
  if (options.tls) {
    await writeFile(join(dir, 'cert.pem'), options.tls.cert);
    await writeFile(join(dir, 'key.pem'), options.tls.key, { mode: 0o644 });
    lines.push(`certfile ${join(dir, 'cert.pem')}`, `keyfile ${join(dir, 'key.pem')}`);
  }
  let daemon: Daemon | null = null;
  let port = 0;
  const conf = join(dir, 'mosquitto.conf');
  const launch = async (): Promise<void> => { daemon = await startDaemon(MOSQUITTO, ['-c', conf], port); };
  try {
    await withPortRetry(async () => {
      port = await freePort();
      await writeFile(conf, [
        'per_listener_settings false', `listener ${port} 127.0.0.1`, ...lines,
        'persistence true', `persistence_location ${dir}/`, 'autosave_interval 1', 'log_dest stderr', 'log_type error', '',
      ].join('\n'));
      await launch();
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => { const running = daemon; daemon = null; await running?.stop(); };
  return {
    get port() { return port; },
    output: () => daemon?.output() ?? '',
    stop,
    start: launch,
    dispose: async () => { await stop(); await rm(dir, { recursive: true, force: true }); },
  };
}
