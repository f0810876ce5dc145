// Servers on a protocol's own port (5555, 445, 3389…) without clashing with anyone: each listens on
// its own random 127.x.y.z address (all of 127.0.0.0/8 is loopback on Linux), so a probe that picks
// its hello by port number can be tested on the real port.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export function randomLoopbackAddress(): string {
  const byte = (low: number, high: number): number => low + Math.floor(Math.random() * (high - low + 1));
  return `127.${byte(100, 250)}.${byte(1, 254)}.${byte(1, 254)}`;
}

/** True when something LISTENs on host:port (IPv4, read from /proc: no connection is made). */
export async function isListeningOn(host: string, port: number): Promise<boolean> {
  const hex = host.split('.').map(Number).reverse().map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
  const local = `${hex}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const wildcard = `00000000:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const table = await readFile('/proc/net/tcp', 'utf8');
  return table.split('\n').some((line) => {
    const fields = line.trim().split(/\s+/);
    return (fields[1] === local || fields[1] === wildcard) && fields[3] === '0A';
  });
}

/** Waits (bounded) until host:port listens; false if it never does or `alive()` says the server died. */
export async function waitListening(host: string, port: number, withinMs: number, alive: () => boolean = () => true): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive()) return false;
    if (await isListeningOn(host, port)) return true;
    await sleep(20);
  }
  return false;
}
