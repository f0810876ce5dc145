import { defineCheck } from '../core/plugins.js';
import { ftpLogin } from '../protocols/ftp.js';
import { runCredentialSearch } from './credentials/search.js';
import { pairsFor } from './credentials/select.js';

/** Tries per service per scan, the random-password control included. */
const MAX_ATTEMPTS = 10;

/** Factory FTP logins (never "anonymous": anonymous access is its own check). */
export const defaultCredentialsFtp = defineCheck({
  id: 'default-credentials-ftp',
  finding: { family: 'default-credentials', service: 'ftp' },
  severity: 'critical',
  tags: ['credentials'],
  intrusive: true,
  maxAttempts: MAX_ATTEMPTS,
  appliesTo: ({ service }) => service.transport === 'tcp' && service.service === 'ftp',
  async run(target, ctx) {
    const { device, service } = target;
    const options = { host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, answerTimeoutMs: ctx.tuning.loginAnswerMs, signal: ctx.signal };
    const search = await runCredentialSearch({
      checkId: 'default-credentials-ftp', service: 'ftp', target, ctx, maxAttempts: MAX_ATTEMPTS,
      pairs: pairsFor('ftp', device, [service.banner, service.product]),
      tryPair: async (user, password) => {
        const result = await ftpLogin(options, user, password);
        return { outcome: result.outcome, detail: `${result.code ?? '-'} ${result.detail}` };
      },
    });
    return search.results;
  },
});
