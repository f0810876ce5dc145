import { defineCheck } from '../core/plugins.js';
import { formLogin, httpAuthLogin } from '../protocols/http-auth.js';
import { findHttpLogin, httpTargetOf } from './credentials/http-login.js';
import { runCredentialSearch } from './credentials/search.js';
import { pairsFor } from './credentials/select.js';

/** Tries per service per scan, the random-password control included. */
const MAX_ATTEMPTS = 10;

/** Factory web logins: HTTP Basic/Digest where the page answers 401, and known brands' login forms. */
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
      pairs: pairsFor('http', target.device, login.hints),
      noun: login.kind === 'form'
        ? { accepted: `${login.form.product} login form accepted`, control: 'a random wrong password' }
        : { accepted: `HTTP ${login.scheme === 'digest' ? 'Digest' : 'Basic'} login accepted for`, control: 'a random wrong password' },
      tryPair: async (user, password) => {
        const result = login.kind === 'auth'
          ? await httpAuthLogin(http, login.path, user, password, ctx.tuning.loginAnswerMs)
          : await formLogin({ ...http, timeoutMs: Math.max(http.timeoutMs, ctx.tuning.loginAnswerMs) }, login.form.login, user, password);
        return { outcome: result.outcome, detail: result.detail };
      },
    });
    return search.results;
  },
});
