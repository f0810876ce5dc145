// Two independent real VNC servers on 127.0.0.1, for the VNC checks and for lab hosts:
//  - TigerVNC's standalone X server (Debian tigervnc-standalone-server: Xtigervnc), its own RFB code;
//  - x11vnc (Debian x11vnc, built on libvncserver) sharing a virtual X display (Debian xvfb).
// Each runs without a password (security type None) or with "VNC Authentication" and the password
// given. Display numbers are picked free (no /tmp/.X<n>-lock), X listens on no TCP port, and
// everything is stopped by its own PID.
//
// Outside the tests (e.g. in a lab namespace), the same recipes as shell commands:
//   Xtigervnc :N -rfbport 5900 -SecurityTypes None -nolisten tcp -geometry 320x240
//   Xtigervnc :N -rfbport 5900 -SecurityTypes VncAuth -PasswordFile FILE ...   (FILE: echo PASS | vncpasswd -f > FILE)
//   Xvfb :N -nolisten tcp -screen 0 320x240x16 & x11vnc -display :N -rfbport 5900 -forever -shared -nopw
//   ... x11vnc ... -passwd PASS                                                (VNC Authentication)
// (add -localhost to either server to keep it on 127.0.0.1, as the tests do).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';
import { freeDisplay } from './x-display.js';

export type VncImplementation = 'tigervnc' | 'x11vnc';

export interface VncServerOptions {
  /** null: no authentication at all (security type 1). */
  password: string | null;
  /**
   * TigerVNC only: connections from one address that may end unauthenticated before it is
   * blacklisted (its default is 5 — a scan must fit in that, so tests of checks keep the default).
   */
  blacklistThreshold?: number;
}

export interface VncServer {
  readonly implementation: VncImplementation;
  readonly port: number;
  stop(): Promise<void>;
}

export function startVncServer(implementation: VncImplementation, options: VncServerOptions): Promise<VncServer> {
  return implementation === 'tigervnc' ? startTigerVnc(options) : startX11Vnc(options);
}

async function startTigerVnc(options: VncServerOptions): Promise<VncServer> {
  requireBinary('/usr/bin/Xtigervnc', 'tigervnc-standalone-server');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-tigervnc-'));
  try {
    const security: string[] = ['-SecurityTypes', 'None'];
    if (options.password !== null) {
      requireBinary('/usr/bin/tigervncpasswd', 'tigervnc-tools');
      const file = join(dir, 'passwd');
      const child = execFile('/usr/bin/tigervncpasswd', ['-f'], { encoding: 'buffer' });
      child.stdin?.end(`${options.password}\n`);
      const obfuscated = await new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        child.stdout?.on('data', (d: Buffer) => chunks.push(d));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`vncpasswd -f exited ${code}`))));
      });
      await writeFile(file, obfuscated, { mode: 0o600 });
      security.splice(0, 2, '-SecurityTypes', 'VncAuth', '-PasswordFile', file);
    }
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      const blacklist = options.blacklistThreshold !== undefined ? ['-BlacklistThreshold', String(options.blacklistThreshold)] : [];
      return startDaemon('/usr/bin/Xtigervnc', [
        `:${freeDisplay()}`, '-rfbport', String(port), '-localhost', '-nolisten', 'tcp', '-geometry', '320x240', ...blacklist, ...security,
      ], port, 10_000);
    });
    return { implementation: 'tigervnc', port: daemon.port, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startX11Vnc(options: VncServerOptions): Promise<VncServer> {
  requireBinary('/usr/bin/Xvfb', 'xvfb');
  requireBinary('/usr/bin/x11vnc', 'x11vnc');
  const display = freeDisplay();
  const xvfb = await startXvfb(display);
  try {
    const auth = options.password === null ? ['-nopw'] : ['-passwd', options.password];
    const daemon: Daemon = await withPortRetry(async () => {
      const port = await freePort();
      return startDaemon('/usr/bin/x11vnc', [
        '-display', `:${display}`, '-rfbport', String(port), '-localhost', '-forever', '-shared', '-quiet', '-noxdamage', ...auth,
      ], port, 15_000);
    });
    return { implementation: 'x11vnc', port: daemon.port, stop: async () => { await daemon.stop(); await xvfb.stop(); } };
  } catch (error) {
    await xvfb.stop();
    throw error;
  }
}

async function startXvfb(display: number): Promise<{ stop(): Promise<void> }> {
  const child = execFile('/usr/bin/Xvfb', [`:${display}`, '-nolisten', 'tcp', '-screen', '0', '320x240x16']);
  child.on('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    process.kill(child.pid, 'SIGTERM');
    await Promise.race([exited, sleep(3000)]);
  };
  for (let i = 0; i < 250; i++) {
    if (existsSync(`/tmp/.X11-unix/X${display}`)) return { stop };
    if (child.exitCode !== null) break;
    await sleep(20);
  }
  await stop();
  throw new Error(`Xvfb :${display} did not start`);
}

