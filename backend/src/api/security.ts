// Request guards shared by the REST API and the socket: session cookie, same-origin, CSRF header.
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Auth } from './auth.js';

export const SESSION_COOKIE = 'mamori_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A malformed escape ("%E0%A4%A") must not throw: in the socket.io middleware that would be an unhandled rejection. */
function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export function sessionCookie(token: string, secure: boolean): string {
  const maxAge = 30 * 86_400;
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export const CLEAR_SESSION_COOKIE = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;

/**
 * A browser request is accepted only from the origin the dashboard is served from (or one listed
 * in the config). Requests without an Origin header come from non-browser clients, which cannot
 * be tricked into carrying a victim's cookie, so they pass (the session is still required).
 */
export function originAllowed(req: IncomingMessage, extraOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  if (!host) return false;
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
  return origin === `${secure ? 'https' : 'http'}://${host}` || extraOrigins.includes(origin);
}

export function isAuthenticated(req: IncomingMessage, auth: Auth): boolean {
  return auth.isValidSession(readCookie(req.headers.cookie, SESSION_COOKIE));
}

export function requireSession(auth: Auth) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isAuthenticated(req, auth)) return next();
    res.status(401).json({ error: 'sign in first' });
  };
}

/** The host name of a Host header ("box.lan:8380" → "box.lan", "[::1]:8380" → "::1"), lower case. */
export function hostNameOf(host: string | undefined): string | null {
  if (!host) return null;
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::\d+)?$/.exec(host.trim());
  return match ? (match[1] ?? match[2]!).toLowerCase() : null;
}

/** With an allow-list of host names, a request for any other name is refused (DNS rebinding). */
export function hostAllowed(req: IncomingMessage, allowedHosts: readonly string[]): boolean {
  if (allowedHosts.length === 0) return true;
  const name = hostNameOf(req.headers.host);
  return name !== null && allowedHosts.some((allowed) => allowed.toLowerCase() === name);
}

export function guardHostName(allowedHosts: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (hostAllowed(req, allowedHosts)) return next();
    res.status(421).json({ error: 'this dashboard does not answer to that host name' });
  };
}

/** State changes need the same origin and a custom header a cross-site form cannot send. */
export function guardStateChanges(extraOrigins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (!originAllowed(req, extraOrigins)) {
      res.status(403).json({ error: 'request from a foreign origin refused' });
      return;
    }
    if (req.headers['x-mamori'] !== '1') {
      res.status(403).json({ error: 'missing x-mamori header' });
      return;
    }
    next();
  };
}
