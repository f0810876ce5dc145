import { defineCheck } from '../core/plugins.js';
import { telnetLogin } from '../protocols/telnet.js';
import { runCredentialSearch, type AttemptResult } from './credentials/search.js';
import { pairsFor } from './credentials/select.js';

/** Tries per service per scan, the random-password control included. */
const MAX_ATTEMPTS = 10;

const THROTTLE = /too many|locked|try again later|temporarily/i;

/** Factory telnet logins (the Mirai list and the vendor's own), one connection per try. */
export const defaultCredentialsTelnet = defineCheck({
  id: 'default-credentials-telnet',
  finding: { family: 'default-credentials', service: 'telnet' },
  severity: 'critical',
  tags: ['credentials'],
  intrusive: true,
  maxAttempts: MAX_ATTEMPTS,
  appliesTo: ({ service }) => service.transport === 'tcp' && service.service === 'telnet',
  async run(target, ctx) {
    const { device, service } = target;
    const options = { host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, answerTimeoutMs: ctx.tuning.loginAnswerMs, signal: ctx.signal };
    const search = await runCredentialSearch({
      checkId: 'default-credentials-telnet', service: 'telnet', target, ctx, maxAttempts: MAX_ATTEMPTS,
      pairs: pairsFor('telnet', device, [service.banner]),
      tryPair: async (user, password): Promise<AttemptResult> => {
        const outcome = await telnetLogin(options, user, password);
        if (THROTTLE.test(outcome.transcript)) return { outcome: 'throttled', detail: 'the device says it is locked or throttled' };
        if (outcome.result === 'accepted' || outcome.result === 'rejected') return { outcome: outcome.result };
        return { outcome: 'error', detail: outcome.result };
      },
    });
    return search.results;
  },
});
