// GET /api/scans/:id/result: one scan's contract JSON (mamori.scan-result/1, the kept
// scans/<id>.json), byte for byte, so a central collector can pull it with a read-only API token.
import { Router } from 'express';
import type { ScanResultStore } from '../../storage/scan-results.js';

export interface ScanResultRouteDeps {
  scanResults: Pick<ScanResultStore, 'read'>;
}

export function scanResultRoutes(deps: ScanResultRouteDeps): Router {
  const router = Router();
  router.get('/api/scans/:id/result', async (req, res) => {
    const result = await deps.scanResults.read(String(req.params['id']).slice(0, 128));
    if (!result) return void res.status(404).json({ error: 'no kept result for this scan (unknown, still running, or pruned)' });
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.send(result.bytes);
  });
  return router;
}
