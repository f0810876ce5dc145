import { genericFormLogin } from '../protocols/form-login.js';
import { formLogin, httpAuthLogin } from '../protocols/http-auth.js';
import { defineCredentialCheck } from './credentials/define.js';
import { GENERIC_FORM_HINTS } from './credentials/generic-form.js';
import { findHttpLogin, httpTargetOf, type HttpLogin } from './credentials/http-login.js';
import { pairsFor } from './credentials/select.js';

const distinctPasswords = <T extends { password: string }>(pairs: readonly T[]): T[] => pairs.filter((p, i) => pairs.findIndex((q) => q.password === p.password) === i);

const CONTROL = 'a random wrong password';

function acceptedNoun(login: HttpLogin): string {
  if (login.kind === 'form') return `${login.form.product} login form accepted`;
  if (login.kind === 'page') return `login form at ${login.page.path.slice(0, 60)} accepted`;
  return `HTTP ${login.scheme === 'digest' ? 'Digest' : 'Basic'} login accepted for`;
}

/** Factory web logins: HTTP Basic/Digest where the page answers 401, known brands' login forms, and any other HTML login form. */
export const defaultCredentialsHttp = defineCredentialCheck<HttpLogin>({
  service: 'http',
  // IPP is HTTP underneath (a printer's web login answers on 631 too).
  on: { tcp: ['http', 'https', 'ipp'] },
  async prepare({ target, ctx }) {
    const login = await findHttpLogin(target, ctx);
    if (!login) return null;
    const pairs = pairsFor('http', target.device, login.hints);
    return {
      state: login,
      // A form that asks for a password only: one try per distinct password.
      pairs: login.kind === 'page' && login.page.login.user === null ? distinctPasswords(pairs) : pairs,
      noun: { accepted: acceptedNoun(login), control: CONTROL },
    };
  },
  async tryPair({ target, ctx, state: login }, user, password) {
    const http = httpTargetOf(target, ctx);
    const slow = { ...http, timeoutMs: Math.max(http.timeoutMs, ctx.tuning.loginAnswerMs) };
    if (login.kind === 'page') {
      const result = await genericFormLogin(slow, login.page, GENERIC_FORM_HINTS, user, password);
      return { outcome: result.outcome, detail: result.detail };
    }
    const result = login.kind === 'auth'
      ? await httpAuthLogin(http, login.path, user, password, ctx.tuning.loginAnswerMs)
      : await formLogin(slow, login.form.login, user, password);
    return { outcome: result.outcome, detail: result.detail };
  },
  report(search, { target, ctx, state: login }) {
    // A generic form reads success from what changed; if a random password "succeeds" too, that
    // reading cannot be trusted on this page: nothing is reported rather than a guess.
    if (login.kind === 'page' && search.acceptsAnything) {
      ctx.log.info(`default-credentials-http: ${target.device.ip}:${target.service.port} answers a random password like a valid one; no finding from the generic form`);
      return [];
    }
    return search.results;
  },
});
