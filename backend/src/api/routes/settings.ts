// GET/PUT /api/settings (secrets write-only) and GET /api/settings/schema (what the settings page
// is drawn from). Mounted after the session check.
import { Router } from 'express';
import type { AuditLog } from '../../storage/audit.js';
import { settingsSchemaDescription, type SettingsStore } from '../../storage/settings.js';

export interface SettingsRouteDeps {
  settings: SettingsStore;
  /** Next scheduled scan, shown next to the schedule. */
  nextScheduledScan: () => Date | null;
  audit?: AuditLog;
}

export function settingsRoutes(deps: SettingsRouteDeps): Router {
  const router = Router();
  const view = () => ({ ...deps.settings.view(), nextScheduledScan: deps.nextScheduledScan()?.toISOString() ?? null });
  router.get('/api/settings', (_req, res) => { res.json(view()); });
  router.get('/api/settings/schema', (_req, res) => { res.json(settingsSchemaDescription()); });
  router.put('/api/settings', async (req, res) => {
    const result = await deps.settings.update(req.body);
    if (!result.ok) return void res.status(400).json({ error: result.error });
    // Which sections changed, never their values: secrets may be among them.
    await deps.audit?.append({ actor: 'owner', action: 'settings-changed', details: { sections: Object.keys(req.body as object) } });
    res.json(view());
  });
  return router;
}
