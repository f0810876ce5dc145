import { z } from 'zod';
import { maskSecret } from '../findings/mask.js';
import { RFB_SECURITY, vncAuthenticate } from '../protocols/vnc.js';
import { defineCredentialCheck } from './credentials/define.js';
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
export const defaultCredentialsVnc = defineCredentialCheck({
  service: 'vnc',
  listed: false,
  maxAttempts: MAX_ATTEMPTS,
  async prepare({ target, ctx }) {
    // The offered types, read once with anonymous-access-vnc: VNC servers count every connection
    // that ends unauthenticated. No password asked is the anonymous finding; no VNC
    // Authentication, or a server already refusing us, leaves nothing to try.
    const { hello, openWithoutPassword } = await vncSecurity(target, ctx);
    if (!hello || openWithoutPassword || hello.securityTypes.includes(RFB_SECURITY.none) || !hello.securityTypes.includes(RFB_SECURITY.vncAuth)) return null;
    return {
      state: undefined,
      pairs: PASSWORDS.map((row) => ({ user: '', password: row.password, source: row.source })),
      noun: { accepted: 'VNC password accepted:', control: 'a random wrong password' },
      // RFB compares the first 8 characters only: show (masked) what the server compared.
      describe: ({ password }) => maskSecret(password.slice(0, 8)),
    };
  },
  async tryPair({ options }, _user, password) {
    const outcome = await vncAuthenticate(options, password);
    if (THROTTLE.test(outcome.reason ?? '')) return { outcome: 'throttled', detail: outcome.reason ?? undefined };
    if (outcome.result === 'accepted' || outcome.result === 'rejected') return { outcome: outcome.result };
    return { outcome: 'error', detail: `${outcome.result}${outcome.reason ? `: ${outcome.reason}` : ''}` };
  },
});
