import { defineCheck, type CheckResult } from '../core/plugins.js';
import { httpRequest, type HttpResponse } from '../protocols/http.js';

// Bounded attribute run: `[^>]*` re-read the rest of the page from every "<input" (quadratic, issue #21).
const PASSWORD_FIELD = /<input\b[^>]{0,512}?\btype\s*=\s*["']?password/i;
const MAX_REDIRECTS = 2;

/**
 * An admin or login page on plain HTTP: a 401 with a Basic or Digest challenge, or a form with a
 * password field, reached from / (following at most two redirects on the same plain port). Any
 * other page — and a redirect to HTTPS — is not reported: only a login travels in clear here.
 */
export const cleartextServiceHttp = defineCheck({
  id: 'cleartext-service-http',
  finding: { family: 'cleartext-service', service: 'http' },
  severity: 'medium',
  tags: ['cleartext', 'exposure'],
  intrusive: false,
  maxAttempts: 1 + MAX_REDIRECTS,
  // IPP is HTTP underneath (a printer's web pages and login answer on 631 too).
  on: { tcp: ['http', 'ipp'], unencrypted: true },
  async run({ device, service }, ctx) {
    let path = '/';
    // Redirect hops share a budget of two exchange timeouts: a slow server costs no more.
    const budgetEnds = Date.now() + 2 * ctx.tuning.exchangeTimeoutMs;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const left = Math.min(ctx.tuning.exchangeTimeoutMs, budgetEnds - Date.now());
      if (left < 50) return [];
      const response = await httpRequest({
        host: device.ip, port: service.port, path, timeoutMs: left, maxBytes: 128 * 1024, signal: ctx.signal,
      });
      const found = loginOnPlainHttp(response, path, service.port);
      if (found) return [found];
      const next = sameServerRedirect(response, device.ip, service.port);
      if (!next) return [];
      path = next;
    }
    return [];
  },
});

function loginOnPlainHttp(response: HttpResponse, path: string, port: number): CheckResult | null {
  if (response.status === 401) {
    const challenge = response.rawHeaders.find(([name]) => name === 'www-authenticate')?.[1] ?? '';
    const scheme = /^\s*(basic|digest)\b/i.exec(challenge)?.[1]?.toLowerCase();
    if (!scheme) return null;
    const realm = /realm="([^"]*)"/i.exec(challenge)?.[1];
    const where = `GET ${path} on plain HTTP port ${port} asks for a login with HTTP ${scheme === 'basic' ? 'Basic' : 'Digest'} authentication${realm ? ` (realm "${realm.slice(0, 60)}")` : ''}`;
    return scheme === 'basic'
      ? { confidence: 'confirmed', severity: 'high', evidence: `${where}: the browser sends the user name and password merely base64-encoded, readable by anyone on the network` }
      : { confidence: 'confirmed', evidence: `${where}: the password itself is hashed, but the session and everything shown after login travel unencrypted` };
  }
  if (response.status === 200 && PASSWORD_FIELD.test(response.body)) {
    return { confidence: 'confirmed', evidence: `GET ${path} on plain HTTP port ${port} serves a login form with a password field: the password is submitted unencrypted` };
  }
  return null;
}

/** The path of a redirect that stays on this plain HTTP server, or null (HTTPS, other host, none). */
function sameServerRedirect(response: HttpResponse, host: string, port: number): string | null {
  const location = response.status >= 300 && response.status < 400 ? response.headers['location'] : undefined;
  const refresh = response.status === 200 ? metaRefreshUrl(response.body) : undefined;
  const target = location ?? refresh;
  if (!target) return null;
  let url: URL;
  try {
    url = new URL(target, `http://${host}:${port}/`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || url.hostname !== host || Number(url.port || 80) !== port) return null;
  return url.pathname + url.search;
}

/**
 * The URL of the page's <meta http-equiv="refresh">, read tag by tag: one regex over the whole page
 * re-read the rest of it from every "<meta" (seconds on a hostile page, issue #21).
 */
function metaRefreshUrl(body: string): string | undefined {
  const meta = /<meta\b/gi;
  for (let m = meta.exec(body); m; m = meta.exec(body)) {
    const end = body.indexOf('>', m.index);
    if (end === -1) return undefined;
    const tag = body.slice(m.index, Math.min(end, m.index + 1024));
    if (/http-equiv=["']?refresh/i.test(tag)) return /content=["'][^"']*url=([^"'>\s]+)/i.exec(tag)?.[1];
    meta.lastIndex = end;
  }
  return undefined;
}
