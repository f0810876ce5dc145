import { sshAuthMethods, sshPasswordLogin } from '../protocols/ssh.js';
import { defineCredentialCheck } from './credentials/define.js';

interface SshSearchState {
  /** A wrong password has been refused with a proper answer (USERAUTH_FAILURE) on this service. */
  answeredNo: boolean;
}

/** Factory SSH passwords, only where the server offers password authentication at all. */
export const defaultCredentialsSsh = defineCredentialCheck<SshSearchState>({
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
    return { state: { answeredNo: false } };
  },
  async tryPair({ options, state }, user, password) {
    const result = await sshPasswordLogin(options, user, password);
    if (result.outcome === 'unsupported') return { outcome: 'rejected', detail: result.detail };
    if (result.outcome === 'rejected' && result.hungUp && state.answeredNo) {
      // A one-try server (dropbear -T 1) hangs up after every wrong password; one that answered
      // "no" before and now hangs up has changed its mind about us: a lockout, stop here.
      return { outcome: 'throttled', detail: `the server refused earlier passwords with an answer and now hangs up: ${result.detail}` };
    }
    if (result.outcome === 'rejected' && !result.hungUp) state.answeredNo = true;
    return { outcome: result.outcome, detail: result.detail };
  },
});
