import { telnetLogin } from '../protocols/telnet.js';
import { defineCredentialCheck } from './credentials/define.js';

const THROTTLE = /too many|locked|try again later|temporarily/i;

/** Factory telnet logins (the Mirai list and the vendor's own), one connection per try. */
export const defaultCredentialsTelnet = defineCredentialCheck({
  service: 'telnet',
  hints: ({ service }) => [service.banner],
  async tryPair({ options }, user, password) {
    const outcome = await telnetLogin(options, user, password);
    if (THROTTLE.test(outcome.transcript)) return { outcome: 'throttled', detail: 'the device says it is locked or throttled' };
    if (outcome.result === 'accepted' || outcome.result === 'rejected') return { outcome: outcome.result };
    return { outcome: 'error', detail: outcome.result };
  },
});
