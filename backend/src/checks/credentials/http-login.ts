// Finds how an HTTP service asks for a login: a 401 with Basic/Digest, the login form of a
// known brand (http-forms.json), or else any plain HTML login form reached from the front page
// (the generic engine, protocols/form-login.ts). Only plain GETs, never a credential.
import type { CheckTarget, PluginContext } from '../../core/plugins.js';
import { findLoginPage, type LoginPage } from '../../protocols/form-login.js';
import { challengesOf, type HttpTarget } from '../../protocols/http-auth.js';
import { htmlTitle, httpRequest, type HttpResponse } from '../../protocols/http.js';
import { HTTP_FORMS, type FormRow } from './data.js';
import { GENERIC_FORM_HINTS } from './generic-form.js';

export type HttpLogin =
  | { kind: 'auth'; path: string; scheme: string; realm: string | null; hints: string[] }
  | { kind: 'form'; form: FormRow; hints: string[] }
  | { kind: 'page'; page: LoginPage; hints: string[] };

export function httpTargetOf({ device, service }: CheckTarget, ctx: PluginContext): HttpTarget {
  return { host: device.ip, port: service.port, tls: service.encrypted || service.service === 'https', timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal };
}

/** A front page that asks for (or points to) a login. */
const LOGIN_HINT = /type=["']?password|log ?in|sign ?in|luci|cgi-bin\/luci/i;

const matches = (pattern: string | undefined, value: string | null | undefined): boolean =>
  pattern !== undefined && value !== null && value !== undefined && new RegExp(pattern, 'i').test(value);

export async function findHttpLogin(target: CheckTarget, ctx: PluginContext): Promise<HttpLogin | null> {
  const http = httpTargetOf(target, ctx);
  let info = target.service.http;
  let challenges = null as ReturnType<typeof challengesOf> | null;
  if (!info || info.status === 401) {
    const root = await httpRequest({ ...http, path: '/', maxBytes: 64 * 1024 }).catch(() => null);
    if (!root) return null;
    challenges = challengesOf(root);
    info = { status: root.status, server: root.headers['server'] ?? null, title: htmlTitle(root.body), authScheme: challenges[0]?.scheme ?? null, realm: challenges[0]?.params['realm'] ?? null };
  }
  const hints = [info.server, info.title, info.realm].filter((h): h is string => !!h);
  if (info.status === 401) {
    const usable = (challenges ?? []).find((c) => c.scheme === 'digest' || c.scheme === 'basic');
    if (usable) return { kind: 'auth', path: '/', scheme: usable.scheme, realm: usable.params['realm'] ?? null, hints };
    return null;
  }
  // Forms whose title or Server header matches are confirmed first. Otherwise, only if the front
  // page looks like (or leads to) a login, each known form's own page is asked for once.
  const named = HTTP_FORMS.filter((f) => matches(f.recognise.title, info.title) || matches(f.recognise.server, info.server));
  let order = named;
  let root: HttpResponse | null = null;
  if (named.length === 0) {
    root = await httpRequest({ ...http, path: '/', maxBytes: 128 * 1024 }).catch(() => null);
    const looksLikeLogin = root !== null && ((root.status >= 300 && root.status < 400) || LOGIN_HINT.test(root.body));
    order = looksLikeLogin ? [...HTTP_FORMS] : [];
  }
  for (const form of order) {
    if (ctx.signal.aborted) return null;
    const page = await httpRequest({ ...http, path: form.recognise.probePath, maxBytes: 64 * 1024 }).catch(() => null);
    if (page && page.status < 500 && new RegExp(form.recognise.probeBody, 'i').test(page.body)) {
      return { kind: 'form', form, hints: [...hints, form.product] };
    }
  }
  // No known brand: a plain HTML login form on the front page or at most two same-origin hops away.
  if (ctx.signal.aborted) return null;
  const page = await findLoginPage(http, '/', GENERIC_FORM_HINTS, root ?? undefined).catch(() => null);
  return page ? { kind: 'page', page, hints } : null;
}
