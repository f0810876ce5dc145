import { sshAuthMethods, sshPasswordLogin } from '../protocols/ssh.js';
import { defineCredentialCheck } from './credentials/define.js';

/** Factory SSH passwords, only where the server offers password authentication at all. */
export const defaultCredentialsSsh = defineCredentialCheck({
  service: 'ssh',
  hints: ({ service }) => [service.banner, service.product],
  timeoutMs: (ctx) => ctx.tuning.exchangeTimeoutMs * 2,
  async prepare({ target: { device, service }, ctx, options }, pairs) {
    if (pairs.length === 0) return null;
    // Asking which methods exist sends no password: a keys-only server is never sent a guess.
    const methods = await sshAuthMethods(options, pairs[0]!.user);
    if (methods.outcome === 'accepted' || !methods.methods?.includes('password')) {
      ctx.log.debug(`default-credentials-ssh: ${device.ip}:${service.port} offers no password login`, { methods: methods.methods, outcome: methods.outcome });
      return null;
    }
    return { state: undefined };
  },
  async tryPair({ options }, user, password) {
    const result = await sshPasswordLogin(options, user, password);
    if (result.outcome === 'unsupported') return { outcome: 'rejected', detail: result.detail };
    return { outcome: result.outcome, detail: result.detail };
  },
});
