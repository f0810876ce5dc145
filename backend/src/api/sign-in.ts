// Everything that checks the owner's password or code goes through here: the per-address limiter
// (5 a minute), the failure budget shared by all addresses (sign-in-guard.ts), and the audit trail.
// Used by sign-in, password change, the second factor's changes, backup and restore.
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Logger } from '../core/logger.js';
import type { AuditLog } from '../storage/audit.js';
import type { Auth } from './auth.js';
import { SignInGuard, type Lockout } from './sign-in-guard.js';

/**
 * Rate-limit key: the client's address (IPv6 grouped by ipKeyGenerator; behind a trusted proxy the
 * forwarded one), or one shared key for peers on the Unix socket, which have no address.
 */
export function clientKey(req: Request): string {
  return req.ip ? ipKeyGenerator(req.ip) : 'unix-socket';
}

export function clientAddress(req: Request): string {
  return req.ip ?? 'local socket';
}

export interface SignInProtection {
  /** Per-address limiter for every route that checks a password or a code. */
  limiter: RequestHandler;
  guard: SignInGuard;
  /**
   * Checks the owner's password (and code). Answers the request itself and returns false when it
   * must not go on: 429 while locked out, 401 asking for the code, 403 for a wrong password or code.
   */
  verifyOwner(req: Request, res: Response, credentials: { password: string; code?: string | undefined }, action: string): Promise<boolean>;
}

export interface SignInDeps {
  auth: Auth;
  log: Logger;
  audit?: AuditLog | undefined;
  /** Tells the owner of a lock-out (the alert channels); the audit entry is written here. */
  notifyLockout?: (lockout: Lockout) => void;
}

export function createSignInProtection(deps: SignInDeps): SignInProtection {
  const guard = new SignInGuard({
    onLockout: (lockout) => {
      deps.log.warn(`sign-in locked for ${lockout.lockedForSeconds} s: ${lockout.failures} wrong passwords or codes from ${lockout.sources} address(es) within ${lockout.windowMinutes} min`);
      deps.audit?.append({ actor: 'system', action: 'sign-in-locked', details: { ...lockout } })
        .catch((error: unknown) => deps.log.error('audit trail write failed', { error: String(error) }));
      deps.notifyLockout?.(lockout);
    },
  });
  const limiter = rateLimit({
    // Only refusals count: an owner who signs in, enrols a code and makes a backup is not held back.
    windowMs: 60_000, limit: 5, standardHeaders: 'draft-8', legacyHeaders: false, keyGenerator: clientKey, skipSuccessfulRequests: true,
    message: { error: 'too many attempts, try again in a minute' },
  });
  return {
    limiter, guard,
    async verifyOwner(req, res, { password, code }, action) {
      if (!refuseWhileLocked(guard, res)) return false;
      const verdict = await deps.auth.verifyOwner(password, code);
      if (verdict === 'ok') { guard.succeeded(); return true; }
      if (verdict === 'code-needed') {
        res.status(401).json({ error: 'enter the 6-digit code from your authenticator app', secondFactor: true });
        return false;
      }
      guard.failed(clientKey(req));
      await deps.audit?.append({ actor: 'owner', action: `${action}-refused`, details: { from: clientAddress(req), reason: verdict } });
      res.status(403).json({ error: verdict === 'wrong-password' ? 'the password is wrong' : 'the code is wrong' });
      return false;
    },
  };
}

/** Answers 429 (with Retry-After) and returns false while the failure budget is spent. */
export function refuseWhileLocked(guard: SignInGuard, res: Response): boolean {
  const decision = guard.check();
  if (decision.ok) return true;
  res.setHeader('Retry-After', String(decision.retryAfterSeconds));
  res.status(429).json({ error: `too many wrong passwords from everywhere: sign-in is paused for ${decision.retryAfterSeconds} s` });
  return false;
}
