// Starts test/helpers/aedes-broker.mjs (aedes, a second MQTT broker implementation beside
// mosquitto) on a loopback port and counts the CONNECTs it judged; stopped by its PID.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

export interface AedesBroker extends Daemon {
  /** CONNECTs judged so far: 'anonymous' | 'ok' | 'fail' (never a password). */
  tries(): Promise<string[]>;
}

/** `anonymous`: also accept clients without credentials (an open broker). */
export async function startAedes(user: string, password: string, options: { failDelayMs?: number; anonymous?: boolean } = {}): Promise<AedesBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'mamori-aedes-'));
  const tries = join(dir, 'tries');
  await writeFile(tries, '');
  try {
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      return startDaemon(process.execPath, [join(import.meta.dirname, 'aedes-broker.mjs'), String(port), user, password, tries, String(options.failDelayMs ?? 0), options.anonymous ? 'anonymous' : ''], port, 10_000);
    });
    return {
      ...daemon,
      tries: async () => (await readFile(tries, 'utf8')).split('\n').filter(Boolean),
      stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
