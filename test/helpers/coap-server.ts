// Real libcoap coap-server (Debian libcoap3-bin, no DTLS) on 127.0.0.1, stopped by its PID.
// Readiness is read from /proc/net/udp (no datagram is sent to find out).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireBinary, type Daemon } from './daemon.js';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

const COAP_SERVER = '/usr/bin/coap-server-notls';

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address() as AddressInfo;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

async function udpBound(port: number): Promise<boolean> {
  const table = await readFile('/proc/net/udp', 'utf8');
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return table.split('\n').some((line) => line.trim().split(/\s+/)[1] === local);
}

export async function startCoapServer(port?: number): Promise<Daemon> {
  requireBinary(COAP_SERVER, 'libcoap3-bin');
  const chosen = port ?? await freeUdpPort();
  if (await udpBound(chosen)) throw new Error(`udp ${chosen} is in use`);
  const child = spawn(COAP_SERVER, ['-A', '127.0.0.1', '-p', String(chosen), '-v', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-4000); });
  child.stderr.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-4000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => { if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL'); }, 2000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 250; i++) {
    if (child.exitCode !== null) throw new Error(`coap-server exited (${child.exitCode}): ${output}`);
    if (await udpBound(chosen)) return { pid: child.pid!, port: chosen, output: () => output, stop };
    await sleep(20);
  }
  await stop();
  throw new Error(`coap-server did not bind udp 127.0.0.1:${chosen}: ${output}`);
}
