// The composition root: the one place that constructs and wires the appliance's parts.
import { createServer, type Server as HttpServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Auth } from './api/auth.js';
import type { Snapshot } from './api/contract.js';
import { createHttpApp } from './api/http.js';
import { attachSocket } from './api/socket.js';
import type { Config } from './config/config.js';
import { DEFAULT_TUNING } from './config/tuning.js';
import { createLogger, type Logger } from './core/logger.js';
import type { ScanTuning } from './core/plugins.js';
import { createScanEngine } from './engine.js';
import { ScanService } from './pipeline/scan-service.js';
import { localBlockOf } from './scope/policy.js';
import { listInterfaces } from './scope/interfaces.js';
import { parseCidr } from './scope/cidr.js';
import { planScan } from './scope/resolve.js';
import { AuditLog } from './storage/audit.js';
import { Store } from './storage/store.js';

export const VERSION = '0.1.0';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Appliance {
  server: HttpServer;
  scans: ScanService;
  auth: Auth;
  log: Logger;
  /** Where it listens: "http://host:port" or the Unix socket path. */
  address: string;
  stop(): Promise<void>;
}

export interface ApplianceOptions {
  tuning?: ScanTuning;
  log?: Logger;
  staticDir?: string | null;
}

export async function startAppliance(config: Config, options: ApplianceOptions = {}): Promise<Appliance> {
  const log = options.log ?? createLogger({ level: config.logLevel });
  const dataDir = resolve(config.dataDir);
  const [store, auth] = await Promise.all([Store.open(dataDir), Auth.open(join(dataDir, 'auth.json'))]);
  const audit = new AuditLog(join(dataDir, 'audit.jsonl'));
  const engine = createScanEngine();
  const targets = config.targets.length > 0 ? config.targets : defaultTargets();
  const scans = new ScanService({
    engine, store, log, tuning: options.tuning ?? DEFAULT_TUNING,
    plan: (requested) => planScan(requested && requested.length > 0 ? requested : targets, config.interface,
      { allowPublic: config.allowPublic, allowLarge: config.allowLarge }),
    loginChecks: () => config.loginChecks,
    audit,
  });
  const snapshot = (): Snapshot => ({
    devices: store.devices(), findings: store.findings(), scans: store.scans().slice(0, 20),
    running: scans.running, progress: scans.progress,
    settings: { targets, loginChecks: config.loginChecks },
  });
  const app = createHttpApp({
    auth, log, snapshot, audit, version: VERSION, allowedOrigins: config.allowedOrigins,
    startScan: (t) => scans.start(t), cancelScan: () => scans.cancel(),
    staticDir: options.staticDir === undefined ? join(REPO_ROOT, 'frontend', 'dist') : options.staticDir,
  });
  const server = createServer(app);
  const io = attachSocket(server, { auth, log, scans, snapshot, allowedOrigins: config.allowedOrigins });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    if (config.socketPath) server.listen(config.socketPath, resolveListen);
    else server.listen(config.port, config.host, resolveListen);
  });
  const bound = server.address();
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  const address = typeof bound === 'string' ? bound : `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${bound?.port}`;
  log.info(`Mamori ${VERSION} listening on ${address}; data in ${dataDir}; scan targets ${targets.join(', ') || '(none found)'}`);
  if (auth.setupToken) {
    log.info(`first start: open ${dashboardUrl(config, address)}/?setup=${auth.setupToken} to set the owner password (this link works once)`);
  }

  return {
    server, scans, auth, log, address,
    async stop() {
      scans.cancel();
      await scans.whenIdle();
      await new Promise<void>((done) => { void io.close(() => done()); });
      await store.flush();
    },
  };
}

/** Where a person on the LAN reaches the dashboard, for the set-up link. */
function dashboardUrl(config: Config, address: string): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/$/, '');
  if (config.socketPath) return 'http://<dashboard address>';
  if (config.host !== '0.0.0.0' && config.host !== '::') return address;
  const lan = listInterfaces().find((i) => i.ipv4 !== null);
  return lan ? `http://${lan.ipv4}:${config.port}` : address;
}

/** Private IPv4 subnets of this machine's interfaces: what a household means by "my network". */
export function defaultTargets(): string[] {
  return listInterfaces().flatMap((i) => i.cidrs).filter((text) => {
    const cidr = parseCidr(text);
    return cidr.family === 4 && cidr.prefix >= 22 && localBlockOf(cidr) !== null;
  }).map((text) => parseCidr(text).text);
}
