// Test harness for the appliance: starts it on loopback (127.0.0.1, port 0) or on a Unix socket in a
// temp dir, never with a scan that could leave the machine, and talks to it with node:http.
//
// THE ONE RULE: traffic only goes to loopback. Every appliance started here has `targets: []` and a
// guard on ScanService.start: a scan is only handed to the real service when the requested targets
// are given and the real planner refuses them (a public range); anything else is answered with a
// "test guard" error before the service sees it, so no test can start a real sweep by mistake.
import type { KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppliance, type Appliance } from '../../backend/src/app.js';
import { loadConfig, type Config } from '../../backend/src/config/config.js';
import { createLogger, type LogLevel } from '../../backend/src/core/logger.js';
import { planScan } from '../../backend/src/scope/resolve.js';
import { SESSION_COOKIE } from '../../backend/src/api/security.js';

export const GOOD_PASSWORD = 'correct horse battery staple';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1']);

/** Ranges a test may ask the appliance to scan: public, so the scope policy must refuse them. */
const REFUSABLE_TARGETS = new Set(['8.8.8.0/24', '1.1.1.0/24', '203.0.113.0/24', '9.9.9.9/32']);

export async function makeTempDir(prefix = 'mamori-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Loopback-only config: defaults, then 127.0.0.1:0, no targets, the given data dir. */
export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    host: '127.0.0.1',
    port: 0,
    allowLarge: false,
    loginChecks: false,
    dataDir,
    ...overrides,
    // Not overridable: the one rule.
    targets: [],
    allowPublic: false,
  };
}

export interface TestAppliance {
  appliance: Appliance;
  config: Config;
  dataDir: string;
  /** Every log line the appliance wrote (level info and up). */
  lines: string[];
  /** "http://127.0.0.1:PORT" for TCP, or "http://localhost" for a Unix socket. */
  origin: string;
  /** Calls made to the real ScanService.start (after the guard let them through). */
  scanStarts: Array<string[] | undefined>;
  request(options: RequestOptions): Promise<HttpResult>;
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  config?: Partial<Config>;
  logLevel?: LogLevel | 'silent';
  /** How often expired risk acceptances are reopened (the appliance's default: a minute). */
  expiryCheckMs?: number;
  /** The key a catalogue uploaded to POST /api/catalogue must be signed with (a test key pair's). */
  catalogueKey?: KeyObject;
}

export async function startTestAppliance(options: StartOptions = {}): Promise<TestAppliance> {
  const dataDir = options.dataDir ?? await makeTempDir();
  const config = testConfig(dataDir, options.config);
  if (config.socketPath === null && !LOOPBACK_HOSTS.has(config.host)) throw new Error(`tests listen on loopback only, not ${config.host}`);
  const lines: string[] = [];
  const log = createLogger({ level: options.logLevel ?? 'info', write: (line) => { lines.push(line); } });
  const appliance = await startAppliance(config, { staticDir: null, log, ...(options.expiryCheckMs ? { expiryCheckMs: options.expiryCheckMs } : {}), ...(options.catalogueKey ? { catalogueKey: options.catalogueKey } : {}) });

  const scanStarts: Array<string[] | undefined> = [];
  const realStart = appliance.scans.start.bind(appliance.scans);
  appliance.scans.start = (targets?: string[]) => {
    const known = targets !== undefined && targets.length > 0 && targets.every((t) => REFUSABLE_TARGETS.has(t));
    const plan = known ? planScan(targets, config.interface, { allowPublic: false, allowLarge: false }) : null;
    if (!plan || plan.ok) return { ok: false, error: `test guard: refusing to start a real scan of ${JSON.stringify(targets)}` };
    scanStarts.push(targets);
    return realStart(targets);
  };

  const origin = config.socketPath ? 'http://localhost' : appliance.address;
  const target = config.socketPath ? { socketPath: config.socketPath } : { url: appliance.address };
  let stopped = false;
  return {
    appliance, config, dataDir, lines, origin, scanStarts,
    request: (request) => send({ ...target, ...request }),
    async stop() {
      if (stopped) return;
      stopped = true;
      await appliance.stop();
      await new Promise<void>((done) => { appliance.server.close(() => done()); appliance.server.closeAllConnections(); });
    },
  };
}

export async function removeDir(dir: string): Promise<void> {
  // A store's delayed write may land while the tree is removed (ENOTEMPTY): rm retries those.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

export interface RequestOptions {
  method?: string;
  path: string;
  /** A value is sent as JSON; a string is sent as is (with content-type application/json unless given). */
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** Session token: sent as the mamori_session cookie. */
  session?: string;
  /** Adds `x-mamori: 1` (default true for non-GET requests). */
  csrfHeader?: boolean;
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
  /** The body as received (a backup, a PDF): `text` decodes it as UTF-8. */
  bytes: Buffer;
}

export function send(options: RequestOptions & ({ url: string } | { socketPath: string })): Promise<HttpResult> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | Buffer | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  if (options.session !== undefined) headers['cookie'] = `${SESSION_COOKIE}=${options.session}`;
  if (options.csrfHeader ?? method !== 'GET') headers['x-mamori'] ??= '1';
  const where = 'url' in options
    ? (() => { const url = new URL(options.url); return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) }; })()
    : { socketPath: options.socketPath };
  if ('host' in where && !LOOPBACK_HOSTS.has(where.host)) return Promise.reject(new Error(`tests talk to loopback only, not ${where.host}`));
  return new Promise((resolve, reject) => {
    const req = httpRequest({ ...where, method, path: options.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json: unknown;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, bytes });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The session token from a Set-Cookie header, or undefined. */
export function sessionFrom(result: HttpResult): string | undefined {
  for (const cookie of result.headers['set-cookie'] ?? []) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(cookie);
    if (match) return match[1];
  }
  return undefined;
}

/** The set-up token printed on first start, from the captured log lines. */
export function setupTokenFrom(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const match = /[?&]setup=([A-Za-z0-9_-]+)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** Sets the owner password through Auth (not HTTP, so the login limiter is not used up). */
export async function setUpOwner(test: TestAppliance, password = GOOD_PASSWORD): Promise<string> {
  const token = test.appliance.auth.setupToken;
  if (!token) throw new Error('appliance is already set up');
  const outcome = await test.appliance.auth.setup(token, password);
  if ('error' in outcome) throw new Error(outcome.error);
  return outcome.session;
}
