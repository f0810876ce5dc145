import { defineCheck } from '../core/plugins.js';
import { sshAuthMethods, sshPasswordLogin } from '../protocols/ssh.js';
import { runCredentialSearch } from './credentials/search.js';
import { pairsFor } from './credentials/select.js';

/** Tries per service per scan, the random-password control included. */
const MAX_ATTEMPTS = 10;

/** Factory SSH passwords, only where the server offers password authentication at all. */
export const defaultCredentialsSsh = defineCheck({
  id: 'default-credentials-ssh',
  finding: { family: 'default-credentials', service: 'ssh' },
  severity: 'critical',
  tags: ['credentials'],
  intrusive: true,
  maxAttempts: MAX_ATTEMPTS,
  appliesTo: ({ service }) => service.transport === 'tcp' && service.service === 'ssh',
  async run(target, ctx) {
    const { device, service } = target;
    const pairs = pairsFor('ssh', device, [service.banner, service.product]);
    if (pairs.length === 0) return [];
    const options = { host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs * 2, answerTimeoutMs: ctx.tuning.loginAnswerMs, signal: ctx.signal };
    // Asking which methods exist sends no password: a keys-only server is never sent a guess.
    const methods = await sshAuthMethods(options, pairs[0]!.user);
    if (methods.outcome === 'accepted' || !methods.methods?.includes('password')) {
      ctx.log.debug(`default-credentials-ssh: ${device.ip}:${service.port} offers no password login`, { methods: methods.methods, outcome: methods.outcome });
      return [];
    }
    const search = await runCredentialSearch({
      checkId: 'default-credentials-ssh', service: 'ssh', target, ctx, maxAttempts: MAX_ATTEMPTS, pairs,
      tryPair: async (user, password) => {
        const result = await sshPasswordLogin(options, user, password);
        if (result.outcome === 'unsupported') return { outcome: 'rejected', detail: result.detail };
        return { outcome: result.outcome, detail: result.detail };
      },
    });
    return search.results;
  },
});
