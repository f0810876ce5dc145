// Who may use the API past the public routes: the owner's session, or a read-only API token
// (api-tokens.ts) sent as `Authorization: Bearer <token>` — never in a cookie or the URL. A token
// reads (GET, HEAD) and nothing else; it never reaches a route that hands out secrets or the keys
// to the box, and it is rate-limited on its own.
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AuditLog } from '../storage/audit.js';
import type { ApiTokens } from './api-tokens.js';
import type { Auth } from './auth.js';
import { requireSession } from './security.js';

/** Routes a token never opens: settings, tokens, backup/restore, evidence (pack and key), second factor, password. */
export const TOKEN_FORBIDDEN = [/^\/api\/settings(\/|$)/, /^\/api\/tokens(\/|$)/, /^\/api\/backup(\/|$)/, /^\/api\/restore(\/|$)/,
  /^\/api\/evidence(\/|$)/, /^\/api\/totp(\/|$)/, /^\/api\/password(\/|$)/] as const;
/** Requests a minute per token: a collector pulls a result per scan, not a stream. */
export const TOKEN_REQUESTS_PER_MINUTE = 60;

const READ_METHODS = new Set(['GET', 'HEAD']);

export interface TokenAccessDeps {
  auth: Auth;
  tokens: ApiTokens;
  audit?: AuditLog;
}

/** Marks a request a token let in (for the logs and routes that want to know). */
export function tokenOf(req: Request): string | null {
  return (req as Request & { apiTokenId?: string }).apiTokenId ?? null;
}

export function requireSessionOrToken(deps: TokenAccessDeps): RequestHandler {
  const session = requireSession(deps.auth);
  const perToken = rateLimit({
    windowMs: 60_000, limit: TOKEN_REQUESTS_PER_MINUTE, standardHeaders: 'draft-8', legacyHeaders: false,
    keyGenerator: (req) => `token:${tokenOf(req) ?? ''}`, message: { error: 'too many requests for this API token' },
  });
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) return session(req, res, next);
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
    const token = match ? deps.tokens.verify(match[1]!) : null;
    if (!token) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="mamori"');
      return void res.status(401).json({ error: 'unknown or revoked API token' });
    }
    const path = req.baseUrl + req.path;
    const refusal = !READ_METHODS.has(req.method) ? 'an API token can only read (GET)'
      : TOKEN_FORBIDDEN.some((pattern) => pattern.test(path)) ? 'an API token cannot open this route: it needs the owner\'s session' : null;
    if (refusal) {
      // A live token trying to write is worth a line in the trail (who holds it should not).
      deps.audit?.append({ actor: 'api-token', action: 'api-token-refused', details: { tokenId: token.id, name: token.name, method: req.method, path } })
        .catch(() => undefined);
      return void res.status(403).json({ error: refusal });
    }
    (req as Request & { apiTokenId?: string }).apiTokenId = token.id;
    perToken(req, res, next);
  };
}
