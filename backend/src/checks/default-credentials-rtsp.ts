import { defineCheck } from '../core/plugins.js';
import { rtspDescribe, rtspLogin } from '../protocols/rtsp.js';
import { RTSP_CREDENTIAL_PATHS } from './credentials/data.js';
import { runCredentialSearch } from './credentials/search.js';
import { identityText, pairsFor } from './credentials/select.js';

/** Tries per service per scan, the random-password control included. */
const MAX_ATTEMPTS = 10;

const MAX_PATH_PROBES = 4;

/** Factory RTSP logins (Basic or Digest) on a stream path that demands one. Never pulls media. */
export const defaultCredentialsRtsp = defineCheck({
  id: 'default-credentials-rtsp',
  finding: { family: 'default-credentials', service: 'rtsp' },
  severity: 'critical',
  tags: ['credentials'],
  intrusive: true,
  maxAttempts: MAX_ATTEMPTS,
  appliesTo: ({ service }) => service.transport === 'tcp' && service.service === 'rtsp',
  async run(target, ctx) {
    const { device, service } = target;
    const options = { host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, answerTimeoutMs: ctx.tuning.loginAnswerMs, signal: ctx.signal };
    const identity = identityText(device, [service.product]);
    const rows = [...RTSP_CREDENTIAL_PATHS.filter((r) => r.vendor !== null && identity.includes(r.vendor.toLowerCase())), ...RTSP_CREDENTIAL_PATHS.filter((r) => r.vendor === null)];
    const candidates = [...new Set(rows.flatMap((r) => r.paths))].slice(0, MAX_PATH_PROBES);
    let path: string | null = null;
    let realm: string | null = null;
    for (const candidate of candidates) {
      // A DESCRIBE without credentials is not a login: it only tells whether the path asks for one.
      const answer = await rtspDescribe(options, candidate).catch(() => null);
      if (!answer) continue;
      if (answer.status === 200) return []; // an open stream is anonymous access, not a password problem
      if (answer.status === 401) { path = candidate; realm = answer.challenges[0]?.params['realm'] ?? null; break; }
    }
    if (path === null) return [];
    const search = await runCredentialSearch({
      checkId: 'default-credentials-rtsp', service: 'rtsp', target, ctx, maxAttempts: MAX_ATTEMPTS,
      pairs: pairsFor('rtsp', device, [service.product, realm]),
      noun: { accepted: `RTSP DESCRIBE ${path} accepted for`, control: 'a random wrong password' },
      tryPair: async (user, password) => {
        const result = await rtspLogin(options, path, user, password);
        const outcome = result.outcome === 'open' || result.outcome === 'not-found' ? 'error' : result.outcome;
        return { outcome, detail: result.detail };
      },
    });
    return search.results;
  },
});
