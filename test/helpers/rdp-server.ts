// A real RDP server for service identification: FreeRDP's shadow server (Debian
// freerdp2-shadow-x11) sharing a virtual X display. Xvfb's default visual is refused by it
// ("unsupported color depth"), so the display is TigerVNC's X server with its VNC port off.
// Both processes are stopped by PID.
//
// Outside the tests (e.g. a lab namespace):
//   Xtigervnc :N -rfbport -1 -nolisten tcp -geometry 640x480 -depth 24 -SecurityTypes None &
//   DISPLAY=:N freerdp-shadow-cli /port:3389 [/bind-address:ADDRESS] [-auth]
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireBinary } from './daemon.js';
import { waitListening } from './loopback-address.js';
import { freeDisplay } from './x-display.js';

export interface RdpServer {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  await Promise.race([exited, sleep(3000)]);
  if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
}

export async function startRdpServer(host: string, port = 3389): Promise<RdpServer> {
  requireBinary('/usr/bin/freerdp-shadow-cli', 'freerdp2-shadow-x11');
  requireBinary('/usr/bin/Xtigervnc', 'tigervnc-standalone-server');
  const display = freeDisplay();
  const x = spawn('/usr/bin/Xtigervnc', [`:${display}`, '-rfbport', '-1', '-nolisten', 'tcp', '-geometry', '640x480', '-depth', '24', '-SecurityTypes', 'None'], { stdio: 'ignore' });
  x.on('error', () => {});
  for (let i = 0; i < 250 && !existsSync(`/tmp/.X11-unix/X${display}`); i++) await sleep(20);
  let output = '';
  const rdp = spawn('/usr/bin/freerdp-shadow-cli', [`/port:${port}`, `/bind-address:${host}`], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin', DISPLAY: `:${display}`, HOME: '/tmp' },
  });
  rdp.on('error', () => {});
  rdp.stdout?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-2000); });
  rdp.stderr?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-2000); });
  const stop = async (): Promise<void> => { await stopChild(rdp); await stopChild(x); };
  if (!(await waitListening(host, port, 15_000, () => rdp.exitCode === null))) {
    await stop();
    throw new Error(`freerdp-shadow-cli did not listen on ${host}:${port}: ${output}`);
  }
  return { host, port, stop };
}
