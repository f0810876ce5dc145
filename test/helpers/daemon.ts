// Starts a real daemon (busybox telnetd, mosquitto…) on a loopback port and stops it by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Daemon {
  readonly pid: number;
  readonly port: number;
  /** What the daemon wrote to stdout/stderr (for failure messages). */
  output(): string;
  /** SIGTERM by PID, SIGKILL after 2 s if it is still there; resolves when it has exited. */
  stop(): Promise<void>;
}

export function requireBinary(path: string, aptPackage: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: apt-get update && apt-get install -y ${aptPackage}`);
}

/** True when something LISTENs on 127.0.0.1:port (read from /proc, so no connection is made). */
export async function isListening(port: number): Promise<boolean> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return table.split('\n').some((line) => {
    const fields = line.trim().split(/\s+/);
    return fields[1] === local && fields[3] === '0A';
  });
}

export async function startDaemon(command: string, args: string[], port: number, readyWithinMs = 5000): Promise<Daemon> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); });
  child.stderr?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let spawnError: Error | null = null;
  child.once('error', (error) => { spawnError = error; });
  const pid = child.pid;
  const stop = async (): Promise<void> => {
    if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => { if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL'); }, 2000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (spawnError) throw spawnError;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${command} exited (${child.exitCode ?? child.signalCode}) before listening on ${port}: ${output}`);
    }
    if (pid !== undefined && await isListening(port)) {
      return { pid, port, output: () => output, stop };
    }
    await sleep(20);
  }
  await stop();
  throw new Error(`${command} did not listen on 127.0.0.1:${port} within ${readyWithinMs} ms: ${output}`);
}

/** Retries a start that may lose the race for a free port (bounded). */
export async function withPortRetry<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await start();
    } catch (error) {
      last = error;
    }
  }
  throw last;
}
