// Real mosquitto on loopback, anonymous access allowed, no persistence; stopped by its PID.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

const MOSQUITTO = '/usr/sbin/mosquitto';

export async function startMosquitto(): Promise<Daemon> {
  requireBinary(MOSQUITTO, 'mosquitto');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-mosquitto-'));
  try {
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      const conf = join(dir, 'mosquitto.conf');
      await writeFile(conf, [
        `listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type error', '',
      ].join('\n'));
      return startDaemon(MOSQUITTO, ['-c', conf], port);
    });
    return { ...daemon, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
