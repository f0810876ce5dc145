// Tiny servers that answer with the exact strings old embedded devices send (a dropbear SSH
// greeting, a vsftpd 220 line, a Boa or RomPager Server header), two implementations for HTTP
// (node:http and Python's http.server), and the real Debian daemons as the well-kept controls.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startHttpServer, startTcpServer, type RunningServer } from './net.js';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';

export interface BannerServer {
  port: number;
  stop(): Promise<void>;
}

/** A server-first service that greets with `greeting` (SSH identification string, FTP 220 line). */
export async function startGreeter(greeting: string): Promise<BannerServer> {
  const server: RunningServer = await startTcpServer((socket) => {
    socket.on('error', () => {});
    socket.write(greeting);
  });
  return { port: server.port, stop: () => server.close() };
}

/** node:http answering every request with `Server: <server>`. */
export async function startNodeHttp(server: string): Promise<BannerServer> {
  const running = await startHttpServer((_req, res) => {
    res.setHeader('Server', server);
    res.setHeader('Content-Type', 'text/html');
    res.end('<html><head><title>Web Client</title></head><body></body></html>');
  });
  return { port: running.port, stop: () => running.close() };
}

const PY_HTTP = `
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    server_version = sys.argv[2]
    sys_version = ''
    def do_GET(self):
        body = b'<html><head><title>index</title></head></html>'
        self.send_response(200)
        self.send_header('Content-Type', 'text/html')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
`;

/** Python's http.server answering with `Server: <server>` (BaseHTTPRequestHandler.server_version). */
export async function startPythonHttp(server: string): Promise<Daemon> {
  return withPortRetry(async () => {
    const port = await freePort();
    return startDaemon('python3', ['-c', PY_HTTP, String(port), server], port, 10_000);
  });
}

/** Debian's dropbear on loopback with a throw-away host key (it greets with its real version). */
export async function startDropbear(): Promise<Daemon> {
  requireBinary('/usr/sbin/dropbear', 'dropbear-bin');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-dropbear-'));
  const key = join(dir, 'host_ed25519');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('dropbearkey', ['-t', 'ed25519', '-f', key], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dropbearkey exited ${code}`))));
  });
  const daemon = await withPortRetry(async () => {
    const port = await freePort();
    return startDaemon('/usr/sbin/dropbear', ['-F', '-E', '-s', '-r', key, '-p', `127.0.0.1:${port}`], port);
  });
  return { ...daemon, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
}

/** Debian's lighttpd serving an empty directory on loopback (Server: lighttpd/<its version>). */
export async function startLighttpd(): Promise<Daemon> {
  requireBinary('/usr/sbin/lighttpd', 'lighttpd');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-lighttpd-'));
  await writeFile(join(dir, 'index.html'), '<html><head><title>ok</title></head></html>');
  const daemon = await withPortRetry(async () => {
    const port = await freePort();
    const conf = join(dir, 'lighttpd.conf');
    await writeFile(conf, [
      `server.document-root = "${dir}"`, `server.port = ${port}`, 'server.bind = "127.0.0.1"',
      'index-file.names = ( "index.html" )', `server.errorlog = "${join(dir, 'error.log')}"`, '',
    ].join('\n'));
    return startDaemon('/usr/sbin/lighttpd', ['-D', '-f', conf], port);
  });
  return { ...daemon, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
}
