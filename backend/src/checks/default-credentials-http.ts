import { defineCheck } from '../core/plugins.js';
import { genericFormLogin } from '../protocols/form-login.js';
import { formLogin, httpAuthLogin } from '../protocols/http-auth.js';
import { GENERIC_FORM_HINTS } from './credentials/generic-form.js';
import { findHttpLogin, httpTargetOf } from './credentials/http-login.js';
import { runCredentialSearch } from './credentials/search.js';
import { pairsFor } from './credentials/select.js';

const distinctPasswords = <T extends { password: string }>(pairs: readonly T[]): T[] => pairs.filter((p, i) => pairs.findIndex((q) => q.password === p.password) === i);

/** Tries per service per scan, the random-password control included. */
const MAX_ATTEMPTS = 10;

/** Factory web logins: HTTP Basic/Digest where the page answers 401, known brands' login forms, and any other HTML login form. */
export const defaultCredentialsHttp = defineCheck({
  id: 'default-credentials-http',
  finding: { family: 'default-credentials', service: 'http' },
  severity: 'critical',
  tags: ['credentials'],
  intrusive: true,
  maxAttempts: MAX_ATTEMPTS,
  appliesTo: ({ service }) => service.transport === 'tcp' && (service.service === 'http' || service.service === 'https'),
  async run(target, ctx) {
    const login = await findHttpLogin(target, ctx);
    if (!login) return [];
    const http = httpTargetOf(target, ctx);
    const search = await runCredentialSearch({
      checkId: 'default-credentials-http', service: 'http', target, ctx, maxAttempts: MAX_ATTEMPTS,
      // A form that asks for a password only: one try per distinct password.
      pairs: login.kind === 'page' && login.page.login.user === null ? distinctPasswords(pairsFor('http', target.device, login.hints)) : pairsFor('http', target.device, login.hints),
      noun: login.kind === 'form'
        ? { accepted: `${login.form.product} login form accepted`, control: 'a random wrong password' }
        : login.kind === 'page'
          ? { accepted: `login form at ${login.page.path.slice(0, 60)} accepted`, control: 'a random wrong password' }
          : { accepted: `HTTP ${login.scheme === 'digest' ? 'Digest' : 'Basic'} login accepted for`, control: 'a random wrong password' },
      tryPair: async (user, password) => {
        if (login.kind === 'page') {
          const result = await genericFormLogin({ ...http, timeoutMs: Math.max(http.timeoutMs, ctx.tuning.loginAnswerMs) }, login.page, GENERIC_FORM_HINTS, user, password);
          return { outcome: result.outcome, detail: result.detail };
        }
        const result = login.kind === 'auth'
          ? await httpAuthLogin(http, login.path, user, password, ctx.tuning.loginAnswerMs)
          : await formLogin({ ...http, timeoutMs: Math.max(http.timeoutMs, ctx.tuning.loginAnswerMs) }, login.form.login, user, password);
        return { outcome: result.outcome, detail: result.detail };
      },
    });
    // A generic form reads success from what changed; if a random password "succeeds" too, that
    // reading cannot be trusted on this page: nothing is reported rather than a guess.
    if (login.kind === 'page' && search.acceptsAnything) {
      ctx.log.info(`default-credentials-http: ${target.device.ip}:${target.service.port} answers a random password like a valid one; no finding from the generic form`);
      return [];
    }
    return search.results;
  },
});
