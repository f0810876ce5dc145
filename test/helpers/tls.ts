// A self-signed certificate made by openssl into a temp dir, and an HTTPS server on loopback.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireBinary } from './daemon.js';
import { track, type RunningServer } from './net.js';

export interface SelfSignedCert {
  key: string;
  cert: string;
}

export async function selfSignedCert(commonName = 'test'): Promise<SelfSignedCert> {
  requireBinary('/usr/bin/openssl', 'openssl');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${commonName}`, '-days', '1',
      '-keyout', keyPath, '-out', certPath,
    ], { timeout: 20_000 });
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** node:https (a tls.Server) answering HTTP; `track` closes its connections on close(). */
export function startHttpsServer(cert: SelfSignedCert, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RunningServer> {
  const server = createHttpsServer({ key: cert.key, cert: cert.cert }, handler);
  server.on('tlsClientError', () => {}); // plain-HTTP probes of this port are expected
  return track(server);
}
