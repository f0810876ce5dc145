// The appliance's routes beyond the core API, mounted in http.ts after the session check.
import { Router } from 'express';
import type { AlertService } from '../../alerts/service.js';
import type { AuditLog } from '../../storage/audit.js';
import type { SettingsStore } from '../../storage/settings.js';
import type { SignInProtection } from '../sign-in.js';
import type { SecondFactor } from '../totp.js';
import { alertRoutes } from './alerts.js';
import { backupRoutes } from './backup.js';
import { catalogueRoutes, type CatalogueRouteDeps } from './catalogue.js';
import { deviceRoutes, type DeviceRouteDeps } from './devices.js';
import { evidenceRoutes, type EvidenceRouteDeps } from './evidence.js';
import { reportRoutes, type ReportRouteDeps } from './report.js';
import { scanResultRoutes, type ScanResultRouteDeps } from './scan-results.js';
import { tokenRoutes, type TokenRouteDeps } from './tokens.js';
import { settingsRoutes } from './settings.js';
import { totpRoutes } from './totp.js';

export interface ApplianceRouteDeps {
  settings: SettingsStore;
  alerts: AlertService;
  secondFactor: SecondFactor;
  /** Limiter and failure budget for every route that checks the owner's password (backup, restore, second factor). */
  signIn: SignInProtection;
  dataDir: string;
  flush: () => Promise<void>;
  nextScheduledScan: () => Date | null;
  audit?: AuditLog;
  /** The due-care evidence pack (GET /api/evidence, /api/evidence/key). */
  evidence?: EvidenceRouteDeps['evidence'];
  /** The handover report and CSV exports (GET /api/report.pdf, /api/report.html, /api/export/*.csv). */
  reportSource?: ReportRouteDeps['reportSource'];
  pdfTurns?: ReportRouteDeps['pdfTurns'];
  /** Read-only API tokens (GET/POST /api/tokens, DELETE /api/tokens/:id). */
  tokens?: TokenRouteDeps['tokens'];
  /** Kept contract JSON of each scan (GET /api/scans/:id/result). */
  scanResults?: ScanResultRouteDeps['scanResults'];
  /** POST /api/catalogue: the key a new software catalogue must be signed with (tests only; the project's by default). */
  catalogueKey?: CatalogueRouteDeps['catalogueKey'];
  /** After POST /api/catalogue installed one: the next scan process must start with it. */
  onCatalogueInstalled?: CatalogueRouteDeps['onCatalogueInstalled'];
  /** "Forget this device" (POST /api/devices/:id/forget); audited with the trail above. */
  devices?: Omit<DeviceRouteDeps, 'audit'>;
}

export function applianceRoutes(deps: ApplianceRouteDeps): Router {
  const router = Router();
  router.use(settingsRoutes(deps), alertRoutes(deps), backupRoutes(deps), totpRoutes(deps), catalogueRoutes(deps));
  if (deps.evidence) router.use(evidenceRoutes({ ...deps, evidence: deps.evidence }));
  if (deps.reportSource) router.use(reportRoutes({ ...deps, reportSource: deps.reportSource }));
  if (deps.tokens) router.use(tokenRoutes({ ...deps, tokens: deps.tokens }));
  if (deps.scanResults) router.use(scanResultRoutes({ scanResults: deps.scanResults }));
  if (deps.devices) router.use(deviceRoutes({ ...deps.devices, audit: deps.audit }));
  return router;
}
