// POST /api/catalogue installs a newer software catalogue from the dashboard: the signed bundle as
// the body (what `mamori data update FILE` reads), the owner's password (and code) in
// x-mamori-password / x-mamori-code, URI-encoded, like a restore. It changes what the box reports,
// so a session alone is not enough. The same verification and storage as the CLI
// (storage/catalogue-store.ts): only the project's signature, only a newer version; the next scan uses it.
import { createHash, type KeyObject } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { BUNDLE_MAX_BYTES, CatalogueBundleError, PROJECT_CATALOGUE_KEY } from '../../knowledge/catalogue-bundle.js';
import type { AuditLog } from '../../storage/audit.js';
import { catalogueStatus, installCatalogue } from '../../storage/catalogue-store.js';
import type { SignInProtection } from '../sign-in.js';

export interface CatalogueRouteDeps {
  dataDir: string;
  signIn: SignInProtection;
  audit?: AuditLog;
  /** Tests inject their own key pair's public key; the appliance uses the project's. */
  catalogueKey?: string | KeyObject;
  /** Called once a catalogue is installed (the appliance renews its standby scan process). */
  onCatalogueInstalled?: () => void;
}

/** A header value the client URI-encoded (passwords may hold any character); undefined if absent or malformed. */
function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  if (typeof value !== 'string') return undefined;
  try { return decodeURIComponent(value); } catch { return undefined; }
}

export function catalogueRoutes(deps: CatalogueRouteDeps): Router {
  const router = Router();
  const body = express.raw({ type: () => true, limit: BUNDLE_MAX_BYTES });
  router.post('/api/catalogue', deps.signIn.limiter, body, async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return void res.status(400).json({ error: 'send the signed catalogue file as the request body' });
    const password = header(req, 'x-mamori-password');
    if (!password) return void res.status(400).json({ error: 'send the owner password (x-mamori-password)' });
    if (!(await deps.signIn.verifyOwner(req, res, { password, code: header(req, 'x-mamori-code') }, 'catalogue-update'))) return;
    const digest = createHash('sha256').update(req.body).digest('hex');
    try {
      const catalogue = await installCatalogue(deps.dataDir, req.body.toString('utf8'), deps.catalogueKey ?? PROJECT_CATALOGUE_KEY);
      await deps.audit?.append({ actor: 'owner', action: 'catalogue-installed', details: { version: catalogue.version, date: catalogue.date, entries: catalogue.entries.length, sha256: digest } });
      deps.onCatalogueInstalled?.();
      res.json(catalogueStatus(catalogue));
    } catch (error) {
      if (!(error instanceof CatalogueBundleError)) throw error;
      await deps.audit?.append({ actor: 'owner', action: 'catalogue-refused', details: { reason: error.message, sha256: digest } });
      res.status(400).json({ error: `catalogue refused: ${error.message}` });
    }
  });
  return router;
}
