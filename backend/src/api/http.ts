// The express app: security headers, the small REST API, and the built dashboard.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { z } from 'zod';
import type { Logger } from '../core/logger.js';
import { DEVICE_TYPES } from '../core/types.js';
import { knowledgeBase } from '../knowledge/public-view.js';
import type { AuditLog } from '../storage/audit.js';
import type { ApiTokens } from './api-tokens.js';
import type { Auth } from './auth.js';
import { requireSessionOrToken } from './token-access.js';
import type { DeviceCorrectionRequest, SessionInfo, Snapshot, StoredDevice } from './contract.js';
import {
  CLEAR_SESSION_COOKIE, SESSION_COOKIE, guardHostName, guardStateChanges, isAuthenticated, readCookie, requireSession, sessionCookie,
} from './security.js';
import { compressJson, staticFiles } from './compress.js';
import { jsonTooDeep } from './json-depth.js';
import { ScanCancelRequest, ScanStartRequest } from './requests.js';
import { guardLanPeers, parseClientRanges } from './lan-only.js';
import { clientAddress, clientKey, createSignInProtection, refuseWhileLocked, type SignInProtection } from './sign-in.js';

export interface HttpDeps {
  auth: Auth;
  log: Logger;
  snapshot: () => Snapshot;
  startScan: (targets?: string[]) => { ok: true; scanId: string } | { ok: false; error: string };
  /** Without an id: the running scan and the queue; with one, that scan only. */
  cancelScan: (scanId?: string) => boolean;
  staticDir: string | null;
  allowedOrigins: readonly string[];
  version: string;
  /** Owner sign-ins, failures and set-up go to the audit trail. */
  audit?: AuditLog;
  /** GET /metrics (Prometheus text); it checks its own access (api/metrics.ts). */
  metrics?: RequestHandler;
  /** Settings, alerts, backup/restore, second factor (api/routes/), behind the session check. */
  routes?: express.Router;
  /** PATCH /api/devices/:id: the owner's name and type for a device; null if there is no such device. */
  correctDevice?: (id: string, correction: DeviceCorrectionRequest) => StoredDevice | null;
  /** Re-test, accept, false positive, reopen of one finding (api/routes/findings.ts). */
  findingRoutes?: express.Router;
  /** Per-address limiter and the failure budget shared by every route that checks a password (made here if absent). */
  signIn?: SignInProtection;
  /** express's `trust proxy` (MAMORI_TRUST_PROXY): whose X-Forwarded-For/-Proto to believe. */
  trustProxy?: string | null;
  /** Host names the dashboard answers to (MAMORI_ALLOWED_HOSTS); empty: any (DNS rebinding guard off). */
  allowedHosts?: readonly string[];
  /** Client ranges answered besides loopback, link-local and private ones (MAMORI_ALLOWED_CLIENTS). */
  allowedClients?: readonly string[];
  /** Read-only API tokens: `Authorization: Bearer` opens GET routes that hand out no secret (api/token-access.ts). */
  apiTokens?: ApiTokens;
}

const SetupBody = z.object({ token: z.string().min(1).max(200), password: z.string().max(1024) }).strict();
const LoginBody = z.object({ password: z.string().max(1024), code: z.string().max(12).optional() }).strict();
const PasswordBody = z.object({ current: z.string().max(1024), next: z.string().max(1024), code: z.string().max(12).optional() }).strict();
const DeviceCorrectionBody = z.object({
  name: z.string().trim().min(1).max(64).regex(/^\P{Cc}*$/u).nullable().optional(),
  type: z.enum(DEVICE_TYPES).nullable().optional(),
  known: z.boolean().optional(),
}).strict().refine((b) => b.name !== undefined || b.type !== undefined || b.known !== undefined);

/** `MAMORI_TRUST_PROXY` as express reads it: a hop count, or addresses/ranges/names like `loopback`. */
export function trustProxySetting(value: string | null | undefined): boolean | number | string[] {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Inbound stays on the LAN (api/lan-only.ts): checked on the socket's peer, before anything else.
  app.use(guardLanPeers(parseClientRanges(deps.allowedClients ?? [])));
  // Behind the documented reverse proxy: req.ip (rate-limit buckets) and req.secure (the cookie's
  // Secure flag) come from the proxy's headers, and only from a proxy the owner named.
  app.set('trust proxy', trustProxySetting(deps.trustProxy));
  const signIn = deps.signIn ?? createSignInProtection({ auth: deps.auth, log: deps.log, audit: deps.audit });
  if (deps.allowedHosts && deps.allowedHosts.length > 0) app.use(guardHostName(deps.allowedHosts));
  // Defaults of helmet break a dashboard served over plain HTTP on a LAN address (shared/notes §5).
  app.use(helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
  }));
  // The report logo (a PNG/JPEG data: URL of up to 256 KB) travels in PUT /api/settings: only that
  // request, and only with a valid session, may carry more than 16 kB.
  const settingsJson = express.json({ limit: '400kb' });
  app.use('/api/settings', (req, res, next) => {
    if (req.method === 'PUT' && isAuthenticated(req, deps.auth)) settingsJson(req, res, next);
    else next();
  });
  app.use('/api', express.json({ limit: '16kb' }));
  // Deeply nested JSON is malformed input (400), not a stack overflow further in (500).
  app.use('/api', (req, res, next) => {
    if (jsonTooDeep(req.body)) return void res.status(400).json({ error: 'malformed request: JSON nested too deeply' });
    next();
  });
  // API answers hold the owner's data: no browser or proxy keeps a copy.
  app.use('/api', (_req, res, next) => { res.setHeader('Cache-Control', 'no-store'); next(); });
  app.use('/api', compressJson());
  app.use('/api', guardStateChanges(deps.allowedOrigins));

  const loginLimiter = signIn.limiter;
  const apiLimiter = rateLimit({ windowMs: 60_000, limit: 600, standardHeaders: 'draft-8', legacyHeaders: false, keyGenerator: clientKey, message: { error: 'too many requests' } });
  app.use('/api', apiLimiter);

  app.get('/api/health', (_req, res) => { res.json({ ok: true, version: deps.version }); });
  if (deps.metrics) app.get('/metrics', deps.metrics);

  app.get('/api/session', (req, res) => {
    const info: SessionInfo = { authenticated: isAuthenticated(req, deps.auth), needsSetup: deps.auth.needsSetup };
    res.json(info);
  });

  app.post('/api/setup', loginLimiter, async (req, res) => {
    const body = SetupBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'expected {token, password}' });
    const outcome = await deps.auth.setup(body.data.token, body.data.password);
    if ('error' in outcome) return void res.status(outcome.status).json({ error: outcome.error });
    deps.log.info('owner password set; set-up token used');
    await deps.audit?.append({ actor: 'owner', action: 'owner-password-set', details: { from: req.socket.remoteAddress ?? 'local socket' } });
    res.setHeader('Set-Cookie', sessionCookie(outcome.session, req.secure)).status(204).end();
  });

  app.post('/api/login', loginLimiter, async (req, res) => {
    const body = LoginBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'expected {password}' });
    if (!refuseWhileLocked(signIn.guard, res)) return;
    const session = await deps.auth.login(body.data.password, body.data.code);
    if (!session && deps.auth.secondFactor?.enabled && body.data.code === undefined) {
      return void res.status(401).json({ error: 'enter the 6-digit code from your authenticator app', secondFactor: true });
    }
    if (!session) {
      deps.log.warn('failed dashboard login', { ip: clientAddress(req) });
      signIn.guard.failed(clientKey(req));
      await deps.audit?.append({ actor: 'owner', action: 'login-failed', details: { from: clientAddress(req) } });
      return void res.status(401).json({ error: 'wrong password' });
    }
    signIn.guard.succeeded();
    await deps.audit?.append({ actor: 'owner', action: 'login', details: { from: clientAddress(req) } });
    res.setHeader('Set-Cookie', sessionCookie(session, req.secure)).status(204).end();
  });

  app.post('/api/logout', async (req, res) => {
    await deps.auth.logout(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.setHeader('Set-Cookie', CLEAR_SESSION_COOKIE).status(204).end();
  });

  // The owner's session, or a read-only API token (api/token-access.ts) for GETs that hand out no secret.
  app.use('/api', deps.apiTokens ? requireSessionOrToken({ auth: deps.auth, tokens: deps.apiTokens, ...(deps.audit ? { audit: deps.audit } : {}) }) : requireSession(deps.auth));
  if (deps.routes) app.use(deps.routes);
  if (deps.findingRoutes) app.use(deps.findingRoutes);
  // Behind the session and rate-limited like a sign-in: a stolen session cannot guess the current password.
  app.post('/api/password', loginLimiter, async (req, res) => {
    const body = PasswordBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'expected {current, next, code?}' });
    if (!refuseWhileLocked(signIn.guard, res)) return;
    const outcome = await deps.auth.changePassword(body.data.current, body.data.next, readCookie(req.headers.cookie, SESSION_COOKIE), body.data.code);
    if ('error' in outcome) {
      if (outcome.status === 403) {
        signIn.guard.failed(clientKey(req));
        await deps.audit?.append({ actor: 'owner', action: 'owner-password-change-refused', details: { from: clientAddress(req) } });
      }
      return void res.status(outcome.status).json({ error: outcome.error });
    }
    deps.log.info('owner password changed; other sessions ended');
    await deps.audit?.append({ actor: 'owner', action: 'owner-password-changed', details: { from: req.socket.remoteAddress ?? 'local socket' } });
    res.status(204).end();
  });
  app.get('/api/state', (_req, res) => { res.json(deps.snapshot()); });
  app.get('/api/knowledge', (_req, res) => { res.json(knowledgeBase()); });
  app.post('/api/scans', (req, res) => {
    const body = ScanStartRequest.safeParse(req.body ?? {});
    if (!body.success) return void res.status(400).json({ error: 'expected {targets?: string[]}' });
    const started = deps.startScan(body.data.targets);
    if (!started.ok) return void res.status(409).json({ error: started.error });
    res.status(202).json({ scanId: started.scanId, queued: 'queued' in started ? started.queued : false });
  });
  app.post('/api/scans/cancel', (req, res) => {
    const body = ScanCancelRequest.safeParse(req.body ?? {});
    if (!body.success) return void res.status(400).json({ error: 'expected {scanId?: a scan id}' });
    res.json({ cancelled: deps.cancelScan(body.data.scanId) });
  });
  app.patch('/api/devices/:id', (req, res) => {
    const body = DeviceCorrectionBody.safeParse(req.body ?? {});
    if (!body.success) return void res.status(400).json({ error: 'expected {name?: string | null, type?: device type | null, known?: boolean}' });
    const device = deps.correctDevice?.(String(req.params['id']).slice(0, 128), body.data) ?? null;
    if (!device) return void res.status(404).json({ error: 'no such device' });
    res.json(device);
  });
  app.use('/api', (_req, res) => { res.status(404).json({ error: 'no such API route' }); });

  if (deps.staticDir && existsSync(join(deps.staticDir, 'index.html'))) {
    const staticDir = deps.staticDir;
    // Compressed (br/gzip) and, for hashed build files only, cached a year (api/compress.ts).
    app.use(staticFiles(staticDir));
    app.get('/{*splat}', (_req, res) => { res.sendFile(join(staticDir, 'index.html'), { maxAge: 0 }); });
  }

  app.use((error: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) deps.log.error('request failed', { error: error.message });
    res.status(status).json({ error: status === 500 ? 'internal error' : error.type === 'entity.too.large' ? 'request body too large' : 'malformed request' });
  });
  return app;
}
