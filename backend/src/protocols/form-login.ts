// A login form the firmware serves as plain HTML, submitted the way a browser would: fetch the page
// (fresh cookies, fresh hidden tokens each time), fill the user and password fields, keep every
// hidden field, post to the form's action (same host and port only) and read what changed. One
// try per call, no policy: which pairs, how many and how often is decided by the checks.
import { isThrottled, type HttpLoginResult, type HttpTarget } from './http-auth.js';
import { httpRequest, type HttpResponse } from './http.js';
import { parseForms, type HtmlField, type HtmlForm } from './html-form.js';

/** How to recognise the parts of a login page: from data (checks/data/http-generic-form.json). */
export interface FormHints {
  /** Names/ids of the user-name field. */
  userField: RegExp;
  /** Fields a machine cannot fill (captcha): a form with one is never submitted. */
  unfillableField: RegExp;
  /** Words a page shows after a refused login. */
  failureText: RegExp;
  /** Words a page shows when tries are locked out or throttled. */
  lockoutText: RegExp;
  /** A URL path that is (back at) a login page. */
  loginPath: RegExp;
}

export interface LoginForm {
  form: HtmlForm;
  user: HtmlField | null;
  password: HtmlField;
}

export interface LoginPage {
  /** Path of the page that holds the form. */
  path: string;
  login: LoginForm;
}

const PAGE_BYTES = 128 * 1024;
const MAX_HOPS = 2;
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number', '']);

/** The one form of a page that asks for a password (and at most one user name); null if none is clear. */
export function pickLoginForm(forms: readonly HtmlForm[], hints: FormHints): LoginForm | null {
  const candidates: LoginForm[] = [];
  for (const form of forms) {
    if (form.action === null) continue; // fields outside a <form>: a script submits them, not we
    const fields = form.fields.filter((f) => !f.disabled);
    const passwords = fields.filter((f) => f.tag === 'input' && f.type === 'password');
    if (passwords.length !== 1 || !passwords[0]!.name) continue; // none, or a change-password form
    if (fields.some((f) => hints.unfillableField.test(f.name) || hints.unfillableField.test(f.id))) continue;
    const texts = fields.filter((f) => f.tag === 'input' && TEXT_TYPES.has(f.type) && f.name);
    const named = texts.filter((f) => hints.userField.test(f.name) || hints.userField.test(f.id));
    const user = named.length === 1 ? named[0]! : texts.length === 1 ? texts[0]! : null;
    if (texts.length > 0 && !user) continue; // several text fields and none is clearly the user name
    candidates.push({ form, user, password: passwords[0]! });
  }
  return candidates.length === 1 ? candidates[0]! : null;
}

// ---- cookies: name → value, attributes ignored (one host, one short session) ----------------

type Jar = Map<string, string>;

function setCookies(response: HttpResponse): Array<{ name: string; value: string; deleted: boolean }> {
  return response.rawHeaders.filter(([n]) => n === 'set-cookie').map(([, v]) => {
    const [pair = '', ...attributes] = v.split(';');
    const eq = pair.indexOf('=');
    const name = (eq === -1 ? pair : pair.slice(0, eq)).trim();
    const value = eq === -1 ? '' : pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [k = '', val = ''] = a.split('=').map((s) => s.trim().toLowerCase());
      if (k === 'max-age') return Number(val) <= 0;
      if (k === 'expires') { const t = Date.parse(val); return Number.isFinite(t) && t < Date.now(); }
      return false;
    });
    return { name, value, deleted: expired || value === '' || /^(deleted|null|none)$/i.test(value) };
  }).filter((c) => c.name.length > 0);
}

function remember(jar: Jar, response: HttpResponse): void {
  for (const c of setCookies(response)) {
    if (c.deleted) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
}

const cookieHeader = (jar: Jar): Record<string, string> =>
  jar.size === 0 ? {} : { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };

// ---- same-origin navigation ----------------------------------------------------------------

function originOf(target: HttpTarget): string {
  return `${target.tls ? 'https' : 'http'}://${target.host}:${target.port}`;
}

/** `href` resolved against `base`, as a path — or null when it leaves this host and port. */
export function samePath(target: HttpTarget, base: string, href: string): string | null {
  let url: URL;
  const origin = originOf(target);
  try { url = new URL(href, new URL(base, origin)); } catch { return null; }
  const expected = new URL(origin);
  if (url.protocol !== expected.protocol || url.hostname !== expected.hostname || (url.port || (url.protocol === 'https:' ? '443' : '80')) !== String(target.port)) return null;
  return url.pathname + url.search;
}

/** Where a page sends the browser next: Location, a meta refresh or a one-line script redirect. */
export function nextLocation(response: HttpResponse): string | null {
  if (response.status >= 300 && response.status < 400) return response.headers['location'] ?? null;
  const head = response.body.slice(0, 8192);
  const match = /(?:http-equiv=["']?refresh["']?[^>]{0,80}?url=|location(?:\.href)?\s*=\s*|location\.replace\(\s*)["']?([^"'\s>;)]{1,200})/i.exec(head);
  return match ? match[1]! : null;
}

/**
 * The page holding the login form, reached from `start` through at most two same-origin
 * redirects (HTTP, meta refresh or a script's location). `first` is the answer already read for
 * `start`, so the front page is not asked twice. Only GETs.
 */
export async function findLoginPage(target: HttpTarget, start: string, hints: FormHints, first?: HttpResponse): Promise<LoginPage | null> {
  let path = start;
  let response = first ?? await httpRequest({ ...target, path, maxBytes: PAGE_BYTES });
  for (let hop = 0; ; hop++) {
    const login = response.status < 400 ? pickLoginForm(parseForms(response.body), hints) : null;
    if (login) return { path, login };
    const next = nextLocation(response);
    const nextPath = next === null ? null : samePath(target, path, next);
    if (hop >= MAX_HOPS || nextPath === null || nextPath === path || target.signal?.aborted) return null;
    path = nextPath;
    response = await httpRequest({ ...target, path, maxBytes: PAGE_BYTES });
  }
}

// ---- one try ---------------------------------------------------------------------------------

/** The fields a browser would send when the user presses the (first) submit button. */
export function formValues(login: LoginForm, user: string, password: string): Array<[string, string]> {
  const values: Array<[string, string]> = [];
  let submitted = false;
  for (const field of login.form.fields) {
    if (field.disabled || !field.name) continue;
    if (field === login.password) { values.push([field.name, password]); continue; }
    if (field === login.user) { values.push([field.name, user]); continue; }
    switch (field.type) {
      case 'checkbox': case 'radio': if (field.checked) values.push([field.name, field.value || 'on']); break;
      case 'submit': case 'image': if (!submitted) { submitted = true; values.push([field.name, field.value]); } break;
      case 'file': case 'reset': case 'button': break;
      default: values.push([field.name, field.value]);
    }
  }
  return values;
}

const result = (outcome: HttpLoginResult['outcome'], status: number | null, detail: string): HttpLoginResult => ({ outcome, status, scheme: 'form', detail });

/** Submits the login form of `page` once with a fresh session and says what the answer means. */
export async function genericFormLogin(target: HttpTarget, page: LoginPage, hints: FormHints, user: string, password: string): Promise<HttpLoginResult> {
  const jar: Jar = new Map();
  const fresh = await httpRequest({ ...target, path: page.path, maxBytes: PAGE_BYTES });
  if (isThrottled(fresh) || hints.lockoutText.test(fresh.body)) return result('throttled', fresh.status, `HTTP ${fresh.status}: the login page shows throttling`);
  remember(jar, fresh);
  const login = fresh.status < 400 ? pickLoginForm(parseForms(fresh.body), hints) : null;
  if (!login) return result('error', fresh.status, `HTTP ${fresh.status}: the login form is gone`);
  const action = samePath(target, page.path, login.form.action || page.path);
  if (action === null) return result('error', null, 'the form posts to another host or port: not followed');
  if (login.form.method === 'POST' && login.form.enctype !== '' && login.form.enctype !== 'application/x-www-form-urlencoded') {
    return result('error', null, `form encoding ${login.form.enctype} is not supported`);
  }
  const encoded = new URLSearchParams(formValues(login, user, password)).toString();
  const referer = `${originOf(target)}${page.path}`;
  const headers: Record<string, string> = { ...cookieHeader(jar), Referer: referer, Origin: originOf(target) };
  const before = new Map(jar);
  const answer = login.form.method === 'POST'
    ? await httpRequest({ ...target, method: 'POST', path: action, body: encoded, maxBytes: PAGE_BYTES, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } })
    : await httpRequest({ ...target, path: `${action.split('?')[0]}?${encoded}`, maxBytes: PAGE_BYTES, headers });
  remember(jar, answer);
  return judge(target, page, hints, answer, before, jar);
}

const pathOnly = (path: string): string => path.split('?')[0]!;
/** "/" and "/index.html" (or .htm/.asp/.php/.cgi) are the same page. */
const samePage = (a: string, b: string): boolean => {
  const norm = (p: string): string => pathOnly(p).replace(/\/index\.(html?|asp|php|cgi)$/i, '/');
  return norm(a) === norm(b);
};

async function judge(target: HttpTarget, page: LoginPage, hints: FormHints, answer: HttpResponse, before: Jar, jar: Jar): Promise<HttpLoginResult> {
  const status = answer.status;
  if (isThrottled(answer) || hints.lockoutText.test(answer.body)) return result('throttled', status, `HTTP ${status}: throttled or locked`);
  if (status === 401 || status === 403) return result('rejected', status, `HTTP ${status}`);
  if (hints.failureText.test(answer.body)) return result('rejected', status, `HTTP ${status}: the page says the login failed`);
  if (status >= 400) return result('error', status, `HTTP ${status}`);
  const newSession = [...jar].some(([k, v]) => before.get(k) !== v);
  const next = nextLocation(answer);
  if (next === null) {
    if (pickLoginForm(parseForms(answer.body), hints) !== null) return result('rejected', status, `HTTP ${status}: the login form again`);
    return result('accepted', status, `HTTP ${status}: the login form is gone${newSession ? ' and a new session cookie was set' : ''}`);
  }
  const nextPath = samePath(target, page.path, next);
  if (nextPath === null) return result('error', status, 'redirected to another host or port');
  if (hints.loginPath.test(nextPath) || (samePage(nextPath, page.path) && !newSession)) return result('rejected', status, `HTTP ${status}: sent back to a login or error page`);
  // Follow with the session (at most two hops): a page that shows the login form again, or sends
  // back to it, was not a login.
  let landingPath = nextPath;
  let landing = await httpRequest({ ...target, path: landingPath, maxBytes: PAGE_BYTES, headers: cookieHeader(jar) });
  for (let hop = 0; ; hop++) {
    if (isThrottled(landing)) return result('throttled', landing.status, `HTTP ${landing.status}: throttled`);
    const bounce = nextLocation(landing);
    const bouncePath = bounce === null ? null : samePath(target, landingPath, bounce);
    if (bouncePath === null || hop >= 1) break;
    if (hints.loginPath.test(bouncePath) || samePage(bouncePath, page.path)) return result('rejected', status, `HTTP ${status}: the page after the login sends back to the login`);
    remember(jar, landing);
    landingPath = bouncePath;
    landing = await httpRequest({ ...target, path: landingPath, maxBytes: PAGE_BYTES, headers: cookieHeader(jar) });
  }
  if (landing.status === 401 || landing.status === 403 || hints.failureText.test(landing.body) || pickLoginForm(parseForms(landing.body), hints) !== null) {
    return result('rejected', status, `HTTP ${status}: the page after the login asks for a login again`);
  }
  if (landing.status >= 300) return result('error', landing.status, `HTTP ${landing.status} after the redirect`);
  return result('accepted', status, `HTTP ${status}: redirected to ${pathOnly(nextPath).slice(0, 60)}${newSession ? ' with a new session cookie' : ''}`);
}
