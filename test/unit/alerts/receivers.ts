// Real local receivers on 127.0.0.1 for alert tests: an HTTP server that records POSTs (webhook,
// ntfy) and a small SMTP server (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, QUIT) that records mail.
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';

export interface Received { method: string; path: string; headers: IncomingHttpHeaders; body: string }

export async function httpReceiver(status = 200): Promise<{ url: string; received: Received[]; setStatus(s: number): void; close(): Promise<void> }> {
  const received: Received[] = [];
  let answer = status;
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`, received, setStatus: (s) => { answer = s; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface Mail { from: string; to: string[]; data: string; user: string | null }

export async function smtpReceiver(credentials: { user: string; password: string }): Promise<{ port: number; mails: Mail[]; authFailures: number; close(): Promise<void> }> {
  const state = { mails: [] as Mail[], authFailures: 0 };
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    let loginStep: 'user' | 'pass' | null = null;
    let loginUser = '';
    let user: string | null = null;
    let mail: Mail = { from: '', to: [], data: '', user: null };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const checkAuth = (u: string, p: string) => {
      if (u === credentials.user && p === credentials.password) { user = u; reply('235 2.7.0 accepted'); } else { state.authFailures += 1; reply('535 5.7.8 bad credentials'); }
    };
    reply('220 receiver.test ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          state.mails.push({ ...mail, user });
          mail = { from: '', to: [], data: '', user: null };
          reply('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol === -1) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        if (loginStep === 'user') { loginUser = Buffer.from(line, 'base64').toString(); loginStep = 'pass'; reply('334 UGFzc3dvcmQ6'); continue; }
        if (loginStep === 'pass') { loginStep = null; checkAuth(loginUser, Buffer.from(line, 'base64').toString()); continue; }
        const [verb = '', ...rest] = line.split(' ');
        switch (verb.toUpperCase()) {
          case 'EHLO': reply('250-receiver.test'); reply('250-AUTH PLAIN LOGIN'); reply('250 8BITMIME'); break;
          case 'HELO': reply('250 receiver.test'); break;
          case 'AUTH': {
            if (rest[0]?.toUpperCase() === 'PLAIN' && rest[1]) {
              const [, u = '', p = ''] = Buffer.from(rest[1], 'base64').toString().split('\0');
              checkAuth(u, p);
            } else if (rest[0]?.toUpperCase() === 'LOGIN') { loginStep = 'user'; reply('334 VXNlcm5hbWU6'); } else reply('504 unsupported');
            break;
          }
          case 'MAIL': if (!user) { reply('530 5.7.0 authentication required'); break; } mail.from = line.slice(10); reply('250 ok'); break;
          case 'RCPT': mail.to.push(line.slice(8)); reply('250 ok'); break;
          case 'DATA': inData = true; reply('354 end with <CRLF>.<CRLF>'); break;
          case 'RSET': mail = { from: '', to: [], data: '', user: null }; reply('250 ok'); break;
          case 'NOOP': reply('250 ok'); break;
          case 'QUIT': reply('221 bye'); socket.end(); break;
          default: reply('502 not implemented');
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    get mails() { return state.mails; },
    get authFailures() { return state.authFailures; },
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}
