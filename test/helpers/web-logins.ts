// Loopback node:http servers that log in like real devices do: HTTP Basic, HTTP Digest (RFC 7616,
// MD5, qop=auth, verified here), and the form logins of ASUSWRT, airOS, Synology DSM and OpenWrt
// LuCI as their firmware answers them. Each counts its tries ('ok' | 'fail' | 'throttled').
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startHttpServer, type RunningServer } from './net.js';

export interface LoginServer extends RunningServer {
  readonly tries: string[];
}

export interface LoginOptions {
  user: string;
  password: string;
  acceptAnyPassword?: boolean;
  /** After this many failures every further try gets the throttling answer. */
  throttleAfter?: number;
  /** Answer a wrong credential only after this long (Basic and Digest), as servers that slow guessing do. */
  failDelayMs?: number;
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => { if (body.length < 8192) body += c.toString(); });
    req.on('end', () => resolve(body));
  });
}

async function serve(options: LoginOptions, handle: (req: IncomingMessage, res: ServerResponse, judge: (user: string, pass: string) => 'ok' | 'fail' | 'throttled', body: string) => void): Promise<LoginServer> {
  const tries: string[] = [];
  const judge = (user: string, pass: string): 'ok' | 'fail' | 'throttled' => {
    const failures = tries.filter((t) => t === 'fail').length;
    let verdict: 'ok' | 'fail' | 'throttled';
    if (options.throttleAfter !== undefined && failures >= options.throttleAfter) verdict = 'throttled';
    else verdict = user === options.user && (options.acceptAnyPassword || pass === options.password) ? 'ok' : 'fail';
    tries.push(verdict);
    return verdict;
  };
  const server = await startHttpServer((req, res) => { void readBody(req).then((body) => handle(req, res, judge, body)); });
  return { ...server, tries };
}

export function startBasicServer(options: LoginOptions, realm = 'DS-2CD2042WD-I'): Promise<LoginServer> {
  return serve(options, (req, res, judge) => {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Basic ')) { res.writeHead(401, { 'WWW-Authenticate': `Basic realm="${realm}"` }); return res.end(); }
    const [user = '', ...rest] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
    const verdict = judge(user, rest.join(':'));
    if (verdict === 'throttled') { res.writeHead(429, { 'Retry-After': '60' }); return res.end('Too many requests'); }
    if (verdict === 'fail') {
      setTimeout(() => { res.writeHead(401, { 'WWW-Authenticate': `Basic realm="${realm}"` }); res.end(); }, options.failDelayMs ?? 0);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<title>Camera</title>');
  });
}

export function startDigestServer(options: LoginOptions, realm = 'IP Camera(C6131)'): Promise<LoginServer> {
  const nonces = new Set<string>();
  return serve(options, (req, res, judge) => {
    const challenge = (): void => {
      const nonce = randomBytes(16).toString('hex');
      nonces.add(nonce);
      res.writeHead(401, { 'WWW-Authenticate': `Digest realm="${realm}", qop="auth", nonce="${nonce}", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=MD5` }).end();
    };
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Digest ')) return challenge();
    const p = Object.fromEntries([...auth.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1]!, m[2] ?? m[3]!]));
    if (!nonces.has(p['nonce'] ?? '') || p['uri'] !== req.url || p['qop'] !== 'auth') return challenge();
    // The server knows the real password; a correct response means the client knew it too.
    const expected = (password: string): string => md5(`${md5(`${p['username']}:${realm}:${password}`)}:${p['nonce']}:${p['nc']}:${p['cnonce']}:auth:${md5(`${req.method}:${p['uri']}`)}`);
    const verdict = judge(p['username'] ?? '', p['response'] === expected(options.password) ? options.password : '\u0000wrong');
    if (verdict === 'throttled') { res.writeHead(429).end(); return; }
    if (verdict === 'fail') { setTimeout(challenge, options.failDelayMs ?? 0); return; }
    res.writeHead(200).end('ok');
  });
}

export type FormStyle = 'asuswrt' | 'airos' | 'synology-dsm' | 'openwrt-luci';

/** The form logins as the firmware answers them (see backend/src/checks/data/http-forms.json). */
export function startFormServer(style: FormStyle, options: LoginOptions): Promise<LoginServer> {
  return serve(options, (req, res, judge, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const form = new URLSearchParams(body);
    const html = (status: number, text: string, headers: Record<string, string> = {}): void => { res.writeHead(status, { 'Content-Type': 'text/html', ...headers }).end(text); };
    switch (style) {
      case 'asuswrt': {
        if (url.pathname !== '/login.cgi') return html(200, '<title>ASUS Login</title><input type="password" name="login_passwd">');
        const [user = '', pass = ''] = Buffer.from(form.get('login_authorization') ?? '', 'base64').toString().split(':');
        const verdict = judge(user, pass);
        if (verdict === 'throttled') return html(200, "<script>parent.location.href='/Main_Login.asp?error_status=7&lock_time=60';</script>");
        if (verdict === 'fail') return html(200, "<script>parent.location.href='/Main_Login.asp?error_status=3';</script>");
        return html(200, '<meta http-equiv="refresh" content="0; url=index.asp">', { 'Set-Cookie': 'asus_token=0123456789abcdef; HttpOnly;' });
      }
      case 'airos': {
        if (req.method !== 'POST') return html(200, '<title>Login</title><form action="/login.cgi"><input name="password" type="password"></form><script src="/js/airos.js"></script>', { 'Set-Cookie': 'AIROS_SESSIONID=abc; Path=/' });
        const verdict = judge(form.get('username') ?? '', form.get('password') ?? '');
        if (verdict !== 'ok') return html(200, '<title>Login</title><div class="error">Invalid credentials.</div>');
        res.writeHead(302, { Location: form.get('uri') || '/index.cgi' }).end();
        return;
      }
      case 'synology-dsm': {
        if (url.pathname === '/webapi/query.cgi') return html(200, '{"data":{"SYNO.API.Auth":{"maxVersion":6,"minVersion":1,"path":"auth.cgi"}},"success":true}');
        if (url.pathname !== '/webapi/auth.cgi') return html(200, '<title>diskstation - Synology DiskStation</title>');
        const verdict = judge(url.searchParams.get('account') ?? '', url.searchParams.get('passwd') ?? '');
        if (verdict === 'throttled') return html(200, '{"error":{"code":407},"success":false}');
        if (verdict === 'fail') return html(200, '{"error":{"code":400},"success":false}');
        return html(200, '{"data":{"sid":"abc"},"success":true}', { 'Set-Cookie': 'id=abc; path=/' });
      }
      case 'openwrt-luci': {
        if (req.method !== 'POST') return html(200, '<title>OpenWrt - LuCI</title><input type="password" name="luci_password">');
        const verdict = judge(form.get('luci_username') ?? '', form.get('luci_password') ?? '');
        if (verdict !== 'ok') return html(403, '<div class="alert-message warning">Invalid username and/or password! Please try again.</div><input type="password" name="luci_password">');
        res.writeHead(302, { 'Set-Cookie': 'sysauth_http=0123; path=/cgi-bin/luci/; HttpOnly', Location: '/cgi-bin/luci/' }).end();
      }
    }
  });
}
