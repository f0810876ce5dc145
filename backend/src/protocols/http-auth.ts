// HTTP authentication on top of protocols/http.ts: WWW-Authenticate parsing, Basic and Digest
// (RFC 7617, RFC 2617/7616 with MD5 and MD5-sess) and described form logins. One try per call,
// no policy: which pairs and which forms to try is decided by the checks.
import { createHash, randomBytes } from 'node:crypto';
import { MAX_CHALLENGE_CHARS, parseAuthParams } from './header-params.js';
import { httpRequest, type HttpRequest, type HttpResponse } from './http.js';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses WWW-Authenticate values (several headers, or several challenges in one). */
export function parseChallenges(values: readonly string[]): Challenge[] {
  const challenges: Challenge[] = [];
  for (const value of values) {
    // Capped, and parsed by a forward scan: a regex here was quadratic (issue #21).
    for (const part of value.slice(0, MAX_CHALLENGE_CHARS).split(/,\s*(?=(?:Basic|Digest|Bearer|Negotiate|NTLM)\b)/i)) {
      const match = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(part);
      if (!match) continue;
      challenges.push({ scheme: match[1]!.toLowerCase(), params: parseAuthParams(match[2]!) });
    }
  }
  return challenges;
}

export function challengesOf(response: Pick<HttpResponse, 'rawHeaders'>): Challenge[] {
  return parseChallenges(response.rawHeaders.filter(([name]) => name === 'www-authenticate').map(([, value]) => value));
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

export interface DigestInput {
  method: string;
  uri: string;
  user: string;
  password: string;
  /** Fixed values for tests (RFC examples); random/1 otherwise. */
  cnonce?: string;
  nc?: number;
}

/** The Authorization value answering a Digest challenge (MD5 / MD5-sess; qop auth or none). */
export function digestAuthorization(challenge: Challenge, input: DigestInput): string {
  const { realm = '', nonce = '', opaque, algorithm } = challenge.params;
  const algo = (algorithm ?? 'MD5').toUpperCase();
  if (algo !== 'MD5' && algo !== 'MD5-SESS') throw new Error(`unsupported digest algorithm ${algo}`);
  const qops = (challenge.params['qop'] ?? '').split(',').map((q) => q.trim().toLowerCase()).filter(Boolean);
  const qop = qops.includes('auth') ? 'auth' : null;
  if (qops.length > 0 && !qop) throw new Error(`unsupported digest qop ${qops.join(',')}`);
  const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
  const nc = (input.nc ?? 1).toString(16).padStart(8, '0');
  let ha1 = md5(`${input.user}:${realm}:${input.password}`);
  if (algo === 'MD5-SESS') ha1 = md5(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = md5(`${input.method}:${input.uri}`);
  const response = qop ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  const quote = (v: string): string => `"${v.replace(/(["\\])/g, '\\$1')}"`;
  const fields = [
    `username=${quote(input.user)}`, `realm=${quote(realm)}`, `nonce=${quote(nonce)}`, `uri=${quote(input.uri)}`,
    `response=${quote(response)}`,
  ];
  if (algorithm) fields.push(`algorithm=${algorithm}`);
  if (opaque !== undefined) fields.push(`opaque=${quote(opaque)}`);
  if (qop) fields.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  return `Digest ${fields.join(', ')}`;
}

export type HttpLoginOutcome = 'accepted' | 'rejected' | 'error' | 'throttled';

export interface HttpLoginResult {
  outcome: HttpLoginOutcome;
  status: number | null;
  scheme: string | null;
  detail: string;
}

export type HttpTarget = Pick<HttpRequest, 'host' | 'port' | 'tls' | 'timeoutMs' | 'signal'>;

const THROTTLE_TEXT = /too many (login |failed |authentication )?(attempts|tries|requests|failures|errors)|account (is |has been )?locked|locked out|lockout|try again later|temporarily (blocked|locked|disabled)/i;

/** Signs of throttling or lockout in any answer (HTTP 429 / 503 with Retry-After, or the words). */
export function isThrottled(response: HttpResponse): boolean {
  if (response.status === 429) return true;
  if (response.status === 503 && response.headers['retry-after']) return true;
  return THROTTLE_TEXT.test(response.body.slice(0, 4096));
}

/**
 * One Basic/Digest try on `path`: asks first (fresh Digest nonce), then answers the challenge.
 * The answer to the credential may come late (servers delay a 401): it waits up to `answerTimeoutMs`.
 */
export async function httpAuthLogin(target: HttpTarget, path: string, user: string, password: string, answerTimeoutMs = target.timeoutMs): Promise<HttpLoginResult> {
  const first = await httpRequest({ ...target, path, maxBytes: 32 * 1024 });
  if (isThrottled(first)) return { outcome: 'throttled', status: first.status, scheme: null, detail: `HTTP ${first.status} before logging in` };
  if (first.status !== 401) return { outcome: 'error', status: first.status, scheme: null, detail: `HTTP ${first.status}: no login demanded` };
  const challenges = challengesOf(first);
  const digest = challenges.find((c) => c.scheme === 'digest');
  const basic = challenges.find((c) => c.scheme === 'basic');
  let authorization: string;
  let scheme: string;
  if (digest) {
    scheme = 'digest';
    try {
      authorization = digestAuthorization(digest, { method: 'GET', uri: path, user, password });
    } catch (error) {
      if (!basic) return { outcome: 'error', status: 401, scheme, detail: (error as Error).message };
      scheme = 'basic';
      authorization = basicAuthorization(user, password);
    }
  } else if (basic) {
    scheme = 'basic';
    authorization = basicAuthorization(user, password);
  } else {
    return { outcome: 'error', status: 401, scheme: null, detail: 'no Basic or Digest challenge' };
  }
  const answer = await httpRequest({ ...target, timeoutMs: Math.max(target.timeoutMs, answerTimeoutMs), path, maxBytes: 32 * 1024, headers: { Authorization: authorization } });
  return { ...classifyAuthAnswer(answer), scheme };
}

function classifyAuthAnswer(response: HttpResponse): Omit<HttpLoginResult, 'scheme'> {
  const status = response.status;
  if (isThrottled(response)) return { outcome: 'throttled', status, detail: `HTTP ${status}: throttled or locked` };
  if (status === 401) return { outcome: 'rejected', status, detail: 'HTTP 401 again' };
  if (status >= 200 && status < 400) return { outcome: 'accepted', status, detail: `HTTP ${status}` };
  if (status === 403) return { outcome: 'rejected', status, detail: 'HTTP 403' };
  return { outcome: 'error', status, detail: `HTTP ${status}` };
}

// ---- form logins: a described POST/GET and how to read its answer ---------------------------

/** All given fields must match for the condition to hold. Regexes are case-insensitive. */
export interface FormCondition {
  status?: number[];
  body?: string;
  location?: string;
  /** A Set-Cookie whose name matches. */
  cookie?: string;
}

export interface FormLogin {
  method: 'GET' | 'POST';
  path: string;
  /** How `fields` travel: an urlencoded body, a JSON body, or the query string. */
  encoding: 'form' | 'json' | 'query';
  /** Values are templates: {user}, {password}, {base64(user:password)}, {md5(password)}. */
  fields: Record<string, string>;
  headers?: Record<string, string>;
  success: FormCondition[];
  failure: FormCondition[];
  /** Answers that mean "locked out / too many tries": the caller must stop. */
  lockout?: FormCondition[];
}

export function renderTemplate(template: string, user: string, password: string, host = ''): string {
  return template.replace(/\{(user|password|host|base64\(user:password\)|md5\(password\))\}/g, (_all, name: string) => {
    switch (name) {
      case 'user': return user;
      case 'host': return host;
      case 'password': return password;
      case 'base64(user:password)': return Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
      default: return md5(password);
    }
  });
}

function holds(condition: FormCondition, response: HttpResponse): boolean {
  if (condition.status && !condition.status.includes(response.status)) return false;
  if (condition.body !== undefined && !new RegExp(condition.body, 'i').test(response.body)) return false;
  if (condition.location !== undefined && !new RegExp(condition.location, 'i').test(response.headers['location'] ?? '')) return false;
  if (condition.cookie !== undefined) {
    const names = response.rawHeaders.filter(([n]) => n === 'set-cookie').map(([, v]) => v.split('=')[0]!.trim());
    if (!names.some((name) => new RegExp(condition.cookie!, 'i').test(name))) return false;
  }
  return true;
}

/** Submits one described form login; accepted only when a success condition holds and no failure one does. */
export async function formLogin(target: HttpTarget, form: FormLogin, user: string, password: string): Promise<HttpLoginResult> {
  const host = target.port === (target.tls ? 443 : 80) ? target.host : `${target.host}:${target.port}`;
  const values = Object.fromEntries(Object.entries(form.fields).map(([k, v]) => [k, renderTemplate(v, user, password, host)]));
  const urlencoded = new URLSearchParams(values).toString();
  let path = form.path;
  let body: string | undefined;
  const headers = Object.fromEntries(Object.entries(form.headers ?? {}).map(([k, v]) => [k, renderTemplate(v, user, password, host)]));
  if (form.encoding === 'query') path += (path.includes('?') ? '&' : '?') + urlencoded;
  else if (form.encoding === 'json') { body = JSON.stringify(values); headers['Content-Type'] = 'application/json'; }
  else { body = urlencoded; headers['Content-Type'] = 'application/x-www-form-urlencoded'; }
  const response = await httpRequest({ ...target, method: form.method, path, body, headers, maxBytes: 64 * 1024 });
  const status = response.status;
  if (isThrottled(response) || (form.lockout ?? []).some((c) => holds(c, response))) return { outcome: 'throttled', status, scheme: 'form', detail: `HTTP ${status}: throttled or locked` };
  if (form.failure.some((c) => holds(c, response))) return { outcome: 'rejected', status, scheme: 'form', detail: `HTTP ${status}: the login page said no` };
  if (form.success.some((c) => holds(c, response))) return { outcome: 'accepted', status, scheme: 'form', detail: `HTTP ${status}: the login page said yes` };
  return { outcome: 'error', status, scheme: 'form', detail: `HTTP ${status}: neither the success nor the failure answer` };
}
