// GET /api/evidence?from=&to=&lang= downloads the due-care evidence pack of a period;
// GET /api/evidence/key shows the signing key's fingerprint, for the customer to note at handover.
import { Router } from 'express';
import { EvidenceError, LANGUAGES, parsePeriod, type PackLanguage } from '../../evidence/format.js';
import { buildEvidencePack, packAuditDetails, type EvidenceSources } from '../../evidence/pack.js';
import type { AuditLog } from '../../storage/audit.js';

export interface EvidenceRouteDeps {
  evidence: EvidenceSources;
  /** Writes every store to disk first, so the pack holds what the dashboard shows. */
  flush: () => Promise<void>;
  audit?: AuditLog;
}

export function evidenceRoutes(deps: EvidenceRouteDeps): Router {
  const router = Router();
  router.get('/api/evidence/key', async (_req, res) => {
    const key = await deps.evidence.key();
    res.json({ fingerprint: key.fingerprint, publicKey: key.publicKey });
  });
  router.get('/api/evidence', async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const lang = query['lang'] ?? 'en';
    if (!(LANGUAGES as readonly unknown[]).includes(lang)) return void res.status(400).json({ error: `lang must be one of ${LANGUAGES.join(', ')}` });
    let period;
    try {
      period = parsePeriod(query['from'], query['to']);
    } catch (error) {
      if (error instanceof EvidenceError) return void res.status(400).json({ error: error.message });
      throw error;
    }
    await deps.flush();
    let pack;
    try {
      pack = await buildEvidencePack(deps.evidence, period, lang as PackLanguage);
    } catch (error) {
      // A broken audit trail or a period too large for one pack: the owner must act, not retry.
      if (error instanceof EvidenceError) return void res.status(409).json({ error: error.message });
      throw error;
    }
    await deps.audit?.append({ actor: 'owner', action: 'evidence-pack-created', details: packAuditDetails(pack) });
    res.setHeader('content-type', 'application/gzip');
    res.setHeader('content-disposition', `attachment; filename="${pack.fileName}"`);
    res.setHeader('cache-control', 'no-store');
    res.end(pack.archive);
  });
  return router;
}
