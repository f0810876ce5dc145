// The composition root: the one place that constructs and wires the appliance's parts.
import type { KeyObject } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlertService } from './alerts/service.js';
import { BoxWatch } from './alerts/box-watch.js';
import { MqttPublisher } from './alerts/mqtt/publisher.js';
import { ApiTokens } from './api/api-tokens.js';
import { Auth } from './api/auth.js';
import { applianceRoutes } from './api/routes/index.js';
import { findingRoutes, reopenExpiredFindings } from './api/routes/findings.js';
import { SecondFactor } from './api/totp.js';
import type { Snapshot, StoredFinding } from './api/contract.js';
import { createHttpApp } from './api/http.js';
import { createMetrics } from './api/metrics.js';
import { createSignInProtection } from './api/sign-in.js';
import { attachSocket } from './api/socket.js';
import type { Config } from './config/config.js';
import { DEFAULT_TUNING } from './config/tuning.js';
import { describePrivileges, explainListenError, readProcessPrivileges } from './core/capabilities.js';
import { createLimiter } from './core/concurrency-limit.js';
import { createLogger, type Logger } from './core/logger.js';
import type { ScanTuning } from './core/plugins.js';
import { createPluginSet } from './plugin-set.js';
import { SCAN_RESOURCE_LIMITS, StandbyProcess, type IsolationOptions } from './pipeline/isolation/host.js';
import { retestIsolated, RetestStopped } from './pipeline/isolation/run.js';
import { ScanService } from './pipeline/scan-service.js';
import { Scheduler } from './pipeline/scheduler.js';
import { defaultTargets, listInterfaces } from './scope/interfaces.js';
import { planScan, reachOfRanges } from './scope/resolve.js';
import { withoutConsent } from './scope/consent.js';
import { AuditLog } from './storage/audit.js';
import { applyInstalledCatalogue, CATALOGUE_FILE } from './storage/catalogue-store.js';
import { applyPendingRestore } from './storage/backup.js';
import { API_TOKENS_FILE } from './storage/data-files.js';
import { reopenIfExpired } from './storage/finding-lifecycle.js';
import { SettingsStore } from './storage/settings.js';
import { Store } from './storage/store.js';
import { siteOf } from './storage/site.js';
import { ScanResultStore } from './storage/scan-results.js';
import { loadOrCreateEvidenceKey } from './evidence/key.js';
import type { EvidenceSources } from './evidence/pack.js';
import { reportDocuments } from './evidence/documents.js';

export const VERSION = '0.1.0';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** How often expired risk acceptances are reopened between scans. */
const EXPIRY_CHECK_MS = 60_000;

export interface Appliance {
  server: HttpServer;
  scans: ScanService;
  scheduler: Scheduler;
  alerts: AlertService;
  /** Publishing to the owner's MQTT broker (alerts/mqtt/): idle unless enabled in the settings. */
  mqtt: MqttPublisher;
  settings: SettingsStore;
  /** The express app (its router stack is what test/unit/api/openapi.test.ts compares with openapi.json). */
  httpApp: ReturnType<typeof createHttpApp>;
  auth: Auth;
  log: Logger;
  /** Where it listens: "http://host:port" or the Unix socket path. */
  address: string;
  stop(): Promise<void>;
}

export interface ApplianceOptions {
  tuning?: ScanTuning;
  log?: Logger;
  /** Where scans and re-tests run: by default a child process each, built from plugin-set.ts (see pipeline/isolation/). */
  isolation?: IsolationOptions;
  staticDir?: string | null;
  /** The key a catalogue uploaded to POST /api/catalogue must be signed with (tests; the project's by default). */
  catalogueKey?: string | KeyObject;
  /** How often expired risk acceptances are reopened between scans (default a minute). */
  expiryCheckMs?: number;
}

export async function startAppliance(config: Config, options: ApplianceOptions = {}): Promise<Appliance> {
  const log = options.log ?? createLogger({ level: config.logLevel });
  const dataDir = resolve(config.dataDir);
  // Once at start: who we run as and which capabilities we hold (deploy/README.md, least privilege).
  const privileges = readProcessPrivileges();
  for (const line of describePrivileges(privileges)) log[line.level](line.message);
  // A restore uploaded through the dashboard is applied here, before any store reads its file.
  // It may bring API tokens and an installed catalogue: both are read below, after it.
  const restored = await applyPendingRestore(dataDir, new Date(), options.catalogueKey ? { catalogueKey: options.catalogueKey } : {});
  if (restored?.ok) {
    log.info(`restored ${restored.files.join(', ')} from a backup; the data it replaced is in ${restored.previous ?? '(nothing)'}`);
    for (const { file, reason } of restored.notRestored) log.info(`not restored from the backup: ${file} (${reason}); the one in place stays`);
  } else if (restored) log.error(`the staged restore was not applied (${restored.error}); the data is as before, the archive is in ${restored.keptIn}`);
  const [store, auth, settings, secondFactor, apiTokens] = await Promise.all([
    Store.open(dataDir), Auth.open(join(dataDir, 'auth.json')),
    SettingsStore.open(join(dataDir, 'settings.json')), SecondFactor.open(join(dataDir, 'totp.json')),
    ApiTokens.open(join(dataDir, API_TOKENS_FILE)),
  ]);
  auth.secondFactor = secondFactor;
  if (store.migration.backup) {
    log.info(`data upgraded from schema ${store.migration.from} to ${store.migration.to}; the previous data is in ${store.migration.backup}`, { applied: store.migration.applied });
  }
  const audit = new AuditLog(join(dataDir, 'audit.jsonl'));
  const scanResults = new ScanResultStore(dataDir);
  // The evidence key, once (after a restore, which may bring one): it signs every pack, and its
  // fingerprint goes on the handover report. An unreadable key file does not stop the appliance.
  const evidenceKey = await loadOrCreateEvidenceKey(dataDir).catch((error: unknown) => {
    log.error('the evidence key cannot be loaded: reports show no fingerprint and evidence packs fail', { error: String(error) });
    return null;
  });
  // A newer signed software catalogue (mamori data update), verified again; the built-in one otherwise.
  const catalogueNotUsed = applyInstalledCatalogue(join(dataDir, CATALOGUE_FILE), options.catalogueKey);
  if (catalogueNotUsed && catalogueNotUsed !== 'none installed') log.warn(`the installed software catalogue is not used: ${catalogueNotUsed}`);
  const engine = createPluginSet();
  // Every scan and re-test reads what devices send: each runs in a child process that may die alone.
  // Compiled, the next process is kept ready (from sources, under the tests, it would only cost CPU).
  const fromSource = import.meta.url.endsWith('.ts');
  const isolation: IsolationOptions = options.isolation ?? {
    engine: { url: new URL(fromSource ? './plugin-set.ts' : './plugin-set.js', import.meta.url).href, exportName: 'createPluginSet' },
    resourceLimits: SCAN_RESOURCE_LIMITS,
    ...(fromSource ? {} : { standby: new StandbyProcess() }),
  };
  isolation.standby?.prepare(isolation, options.tuning ?? DEFAULT_TUNING);
  const targets = config.targets.length > 0 ? config.targets : defaultTargets();
  // The settings page wins over the config file: targets (only those with consent), login checks.
  const scanTargets = (): string[] => {
    const chosen = settings.current.targets;
    return chosen.length === 0 ? targets : chosen.filter((t) => t.consent).map((t) => t.cidr);
  };
  const loginChecks = (): boolean => settings.current.loginChecks ?? config.loginChecks;
  const scans = new ScanService({
    engine, store, log, tuning: options.tuning ?? DEFAULT_TUNING,
    plan: (requested) => {
      const chosen = requested && requested.length > 0 ? requested : scanTargets();
      if (chosen.length === 0) return { ok: false, errors: ['no network to scan: add a range in the settings and confirm you may scan it'] };
      // Ranges named in the request (API, socket) need the same consent as the settings' own.
      const unconsented = requested && requested.length > 0 ? withoutConsent(chosen, scanTargets(), { allowPublic: config.allowPublic, allowLarge: config.allowLarge }) : null;
      if (unconsented) return { ok: false, errors: [unconsented] };
      return planScan(chosen, config.interface, { allowPublic: config.allowPublic, allowLarge: config.allowLarge });
    },
    loginChecks,
    loginChecksExcluded: () => settings.current.loginCheckOptOut,
    afterScan: () => {
      const { keepScans, scanDays } = settings.current.retention;
      store.pruneScans(keepScans, new Date(Date.now() - scanDays * 86_400_000));
      // A scan's contract JSON leaves with its summary (retention and the history's cap alike).
      scanResults.prune((id) => store.scans().some((s) => s.id === id))
        .catch((error: unknown) => log.warn('pruning old scan results failed', { error: String(error) }));
    },
    saveResult: (result) => scanResults.write(result),
    site: () => siteOf(settings.current),
    audit, isolation,
  });
  const scheduler = new Scheduler({
    settings: () => settings.current.schedule, log: log.child('schedule'),
    lastScanAt: () => { const last = store.scans()[0]; return last ? new Date(last.startedAt) : null; },
    startScan: () => {
      const started = scans.start(undefined, 'schedule');
      if (!started.ok) boxWatch.scheduledScanRefused(started.error);
      return started;
    },
  });
  settings.onChange(() => scheduler.start());
  scheduler.start();
  const alerts = new AlertService({ changes: scans.changes, settings: () => settings.current, site: () => siteOf(settings.current), log: log.child('alerts') });
  // Alerts about the box itself: a failed, refused or overdue scan, and the optional heartbeat.
  const boxWatch = new BoxWatch({
    nextScheduledScan: () => scheduler.nextRun(),
    lastScanAt: () => { const last = store.scans()[0]; return last ? new Date(last.startedAt) : null; },
    scanRunning: () => scans.running !== null,
    enabled: () => settings.current.notifications.events.scanProblems,
    heartbeatUrl: () => (settings.current.notifications.heartbeat.enabled ? settings.current.notifications.heartbeat.url : null),
    notify: (event) => alerts.notifyBox(event), log: log.child('watch'),
  });
  scans.events.on('scan:finished', (scan) => boxWatch.scanFinished(scan));
  boxWatch.start();
  // State and events to the owner's or installer's MQTT broker (off by default), through an on-disk outbox.
  const mqtt = await MqttPublisher.create({
    changes: scans.changes, settings: () => settings.current, version: VERSION, log: log.child('mqtt'), outboxFile: join(dataDir, 'mqtt-outbox.json'),
    snapshot: () => ({ devices: store.devices(), findings: store.findings(), scans: store.scans() }),
  });
  settings.onChange(() => mqtt.apply());
  scans.events.on('finding:changed', () => mqtt.publishSnapshot());
  mqtt.apply();
  const signIn = createSignInProtection({ auth, log, audit, notifyLockout: (lockout) => alerts.notifyBox({ kind: 'sign-in-locked', ...lockout }) });
  // Finding life cycle: a status change (the owner's decision, a re-test, an expiry) travels as finding:changed.
  const findingDeps = { store, audit, publish: (finding: StoredFinding) => scans.events.emit('finding:changed', finding) };
  // Expired accepted risks reopen on a timer and when a scan starts, never on a read. The owner is
  // reminded of them with the next scan's alert ("a weakness is back") if they are still open then.
  const reopenedSinceScan = new Set<string>();
  const reopenExpired = (): void => { for (const finding of reopenExpiredFindings(findingDeps, new Date())) reopenedSinceScan.add(finding.key); };
  const expiryTimer = setInterval(reopenExpired, options.expiryCheckMs ?? EXPIRY_CHECK_MS);
  expiryTimer.unref();
  scans.events.on('scan:started', (scan) => {
    reopenExpired();
    for (const finding of store.findings()) {
      if (reopenedSinceScan.has(finding.key) && finding.status === 'open') scans.changes.emit('finding:reopened', { scanId: scan.id, finding });
    }
    reopenedSinceScan.clear();
  });
  /** The findings as of `now`, an expired acceptance shown open before the timer stores it: a read writes nothing. */
  const findingsAsOf = (now: Date): StoredFinding[] => store.findings().map((finding) => reopenIfExpired(finding, now) ?? finding);
  const findingRouter = findingRoutes({
    ...findingDeps,
    retest: (finding, device) => retestIsolated(finding, device, {
      isolation, tuning: options.tuning ?? DEFAULT_TUNING, log: log.child('retest'), loginChecks: loginChecks(),
      scope: scanTargets(),
      loginChecksExcluded: settings.current.loginCheckOptOut,
      devices: store.devices(),
      recordAttempt: (attempt) => { audit.append({ actor: 'owner', action: 'credential-attempt', details: { retest: true, ...attempt } }).catch((error: unknown) => log.error('audit trail write failed', { error: String(error) })); },
    }).catch((error: unknown) => {
      // The re-test's worker died (a hostile answer): nothing is concluded, the owner reads why.
      if (error instanceof RetestStopped) return { refused: error.message, status: 409 as const };
      throw error;
    }),
  });
  const snapshot = (): Snapshot => ({
    devices: store.devices(), findings: findingsAsOf(new Date()), scans: store.scans().slice(0, 20),
    running: scans.running, progress: scans.progress, queued: scans.queued, deviceStates: scans.deviceStates,
    settings: {
      targets: scanTargets(), loginChecks: loginChecks(), nextScheduledScan: scheduler.nextRun()?.toISOString() ?? null,
      networks: reachOfRanges([...new Set([...scanTargets(), ...settings.current.targets.map((t) => t.cidr)])]),
    },
  });
  const metrics = createMetrics({
    snapshot, scanEvents: scans.events, privileges, version: VERSION, auth,
    access: { public: config.metricsPublic, token: config.metricsToken },
    site: () => siteOf(settings.current),
  });
  if (config.metricsPublic) log.info('GET /metrics is public (MAMORI_METRICS_PUBLIC=yes): anyone who reaches the port sees the counts of open findings');
  // The handover report's data (also inside the evidence pack): expired accepted risks are
  // shown as open, as on the dashboard (a read writes nothing).
  const reportSourceAt = (now: Date) => {
    return {
      devices: store.devices(), findings: findingsAsOf(now), scans: store.scans(), settings: settings.current, version: VERSION, generatedAt: now,
      ...(evidenceKey ? { evidenceFingerprint: evidenceKey.fingerprint } : {}),
    };
  };
  // One PDF at a time, whether for the report route or inside an evidence pack.
  const pdfTurns = createLimiter(1);
  const evidenceSources: EvidenceSources = {
    documents: reportDocuments(async (now) => reportSourceAt(now), pdfTurns),
    scanResults, auditFile: audit.file, site: () => siteOf(settings.current), key: () => (evidenceKey ? Promise.resolve(evidenceKey) : loadOrCreateEvidenceKey(dataDir)), version: VERSION,
  };
  const app = createHttpApp({
    auth, log, snapshot, audit, version: VERSION, allowedOrigins: config.allowedOrigins, metrics: metrics.handler,
    signIn, apiTokens, trustProxy: config.trustProxy, allowedHosts: config.allowedHosts, allowedClients: config.allowedClients,
    startScan: (t) => scans.start(t), cancelScan: (scanId) => scans.cancel(scanId),
    correctDevice: (id, correction) => {
      const device = store.correctDevice(id, correction, new Date().toISOString());
      if (device) scans.events.emit('device:updated', device);
      return device;
    },
    findingRoutes: findingRouter,
    routes: applianceRoutes({
      settings, alerts, secondFactor, signIn, dataDir, audit, nextScheduledScan: () => scheduler.nextRun(),
      flush: async () => { await Promise.all([store.flush(), settings.flush(), apiTokens.flush()]); },
      evidence: evidenceSources,
      reportSource: () => reportSourceAt(new Date()), pdfTurns, tokens: apiTokens, scanResults,
      // "Forget this device": every dashboard drops it, and its retained MQTT topic is deleted.
      devices: {
        store, scanRunning: () => scans.running !== null,
        publish: (forgotten) => { scans.events.emit('device:forgotten', forgotten); mqtt.publishSnapshot(); },
      },
      ...(options.catalogueKey ? { catalogueKey: options.catalogueKey } : {}),
      // The spare scan process was started with the old catalogue: the new one starts with the
      // installed catalogue (in its environment).
      onCatalogueInstalled: () => isolation.standby?.renew(isolation, options.tuning ?? DEFAULT_TUNING),
    }),
    staticDir: options.staticDir === undefined ? join(REPO_ROOT, 'frontend', 'dist') : options.staticDir,
  });
  const server = createServer(app);
  // Idle keep-alive connections are closed after 30 s, not Node's 5 s: a client that reuses one just
  // as the server closes it gets "other side closed" on a request it already sent (seen under load,
  // where its own 1 s margin is not enough). Headers must still arrive within their own deadline.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 31_000;
  const io = attachSocket(server, { auth, log, scans, snapshot, allowedOrigins: config.allowedOrigins, allowedHosts: config.allowedHosts, allowedClients: config.allowedClients });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error) => reject(explainListenError(error, config.socketPath ? { socketPath: config.socketPath } : { host: config.host, port: config.port })));
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
    server, scans, scheduler, alerts, mqtt, settings, httpApp: app, auth, log, address,
    async stop() {
      scheduler.stop();
      boxWatch.stop();
      clearInterval(expiryTimer);
      scans.cancel();
      await scans.whenIdle();
      await isolation.standby?.close();
      await alerts.idle();
      await boxWatch.idle();
      await mqtt.stop();
      await new Promise<void>((done) => { void io.close(() => done()); });
      await Promise.all([store.flush(), apiTokens.flush()]);
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
