import { z } from 'zod';
import { defineCheck } from '../core/plugins.js';
import { maskSecret } from '../findings/mask.js';
import { RFB_SECURITY, vncAuthenticate, type VncOptions } from '../protocols/vnc.js';
import { runCredentialSearch, type AttemptResult } from './credentials/search.js';
import { vncSecurity } from './credentials/vnc-security.js';
import passwordsJson from './data/vnc-passwords.json' with { type: 'json' };

const PASSWORDS = z.object({
  passwords: z.array(z.object({ password: z.string().min(1).max(64), source: z.string().min(10) }).strict()).min(1).max(5),
}).parse(passwordsJson).passwords;

/** The well-known passwords, plus the random wrong one. */
const MAX_ATTEMPTS = PASSWORDS.length + 1;

/** What TigerVNC, x11vnc/libvncserver and RealVNC say when they stop taking tries from an address. */
const THROTTLE = /too many|blacklist|try again|locked/i;

/**
 * VNC Authentication with a well-known password (a short, cited list), then a random wrong one
 * as the control. Runs only where the server asks for type 2 and does not already let anyone in.
 */
export const defaultCredentialsVnc = defineCheck({
  id: 'default-credentials-vnc',
  finding: { family: 'default-credentials', service: 'vnc' },
  severity: 'critical',
  tags: ['credentials'],
  intrusive: true,
  maxAttempts: MAX_ATTEMPTS,
  appliesTo: ({ service }) => service.transport === 'tcp' && service.service === 'vnc',
  async run(target, ctx) {
    const { device, service } = target;
    const options: VncOptions = { host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal };
    // The offered types, read once with anonymous-access-vnc: VNC servers count every connection
    // that ends unauthenticated. No password asked is the anonymous finding; no VNC
    // Authentication, or a server already refusing us, leaves nothing to try.
    const { hello, openWithoutPassword } = await vncSecurity(target, ctx);
    if (!hello || openWithoutPassword || hello.securityTypes.includes(RFB_SECURITY.none) || !hello.securityTypes.includes(RFB_SECURITY.vncAuth)) return [];
    const search = await runCredentialSearch({
      checkId: 'default-credentials-vnc', service: 'vnc', target, ctx, maxAttempts: MAX_ATTEMPTS,
      pairs: PASSWORDS.map((row) => ({ user: '', password: row.password, source: row.source })),
      noun: { accepted: 'VNC password accepted:', control: 'a random wrong password' },
      // RFB compares the first 8 characters only: show (masked) what the server compared.
      describe: ({ password }) => maskSecret(password.slice(0, 8)),
      tryPair: async (_user, password): Promise<AttemptResult> => {
        const outcome = await vncAuthenticate(options, password);
        if (THROTTLE.test(outcome.reason ?? '')) return { outcome: 'throttled', detail: outcome.reason ?? undefined };
        if (outcome.result === 'accepted' || outcome.result === 'rejected') return { outcome: outcome.result };
        return { outcome: 'error', detail: `${outcome.result}${outcome.reason ? `: ${outcome.reason}` : ''}` };
      },
    });
    return search.results;
  },
});

