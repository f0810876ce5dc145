// The lab's real RTSP server (test/lab/files/rtsp-server.py, GStreamer gst-rtsp-server) on
// 127.0.0.1 and a free port: open streams, or Digest- or Basic-protected ones. Stopped by its PID.
import { join } from 'node:path';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

const SCRIPT = join(import.meta.dirname, '../lab/files/rtsp-server.py');

export interface RtspServerOptions {
  paths: string[];
  /** Digest credential every path then requires. */
  digest?: { user: string; password: string };
  /** Basic credential every path then requires (the server offers no Digest). */
  basic?: { user: string; password: string };
}

export function startRtspServer(options: RtspServerOptions): Promise<Daemon> {
  requireBinary('/usr/bin/python3', 'python3');
  return withPortRetry(async () => {
    const port = await freePort();
    const credential = options.digest ?? options.basic;
    const env = [`RTSP_ADDRESS=127.0.0.1`, `RTSP_PORT=${port}`, `RTSP_PATHS=${options.paths.join(',')}`, 'LAB_MAX_SECONDS=600',
      ...(credential ? [`RTSP_USER=${credential.user}`, `RTSP_PASS=${credential.password}`, `RTSP_AUTH=${options.digest ? 'digest' : 'basic'}`] : [])];
    return startDaemon('/usr/bin/env', ['-i', 'PATH=/usr/bin:/bin', ...env, '/usr/bin/python3', SCRIPT], port, 15_000);
  });
}
