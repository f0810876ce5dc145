// GET /api/backup streams the data directory as .tar.gz; POST /api/restore takes one back,
// validates it and stages it for the next start (the running stores are not swapped under a scan).
import express, { Router } from 'express';
import type { AuditLog } from '../../storage/audit.js';
import { BackupError, createBackup, MAX_ARCHIVE_BYTES, stageRestore } from '../../storage/backup.js';

export interface BackupRouteDeps {
  dataDir: string;
  /** Writes every store to disk, so the archive holds what the dashboard shows. */
  flush: () => Promise<void>;
  audit?: AuditLog;
}

export function backupRoutes(deps: BackupRouteDeps): Router {
  const router = Router();
  router.get('/api/backup', async (_req, res) => {
    await deps.flush();
    const now = new Date();
    const archive = await createBackup(deps.dataDir, now);
    await deps.audit?.append({ actor: 'owner', action: 'backup-downloaded', details: { bytes: archive.length } });
    res.setHeader('content-type', 'application/gzip');
    res.setHeader('content-disposition', `attachment; filename="mamori-backup-${now.toISOString().slice(0, 10)}.tar.gz"`);
    res.setHeader('cache-control', 'no-store');
    res.end(archive);
  });
  router.post('/api/restore', express.raw({ type: () => true, limit: MAX_ARCHIVE_BYTES }), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return void res.status(400).json({ error: 'send the backup archive (.tar.gz) as the request body' });
    try {
      const files = await stageRestore(deps.dataDir, req.body);
      await deps.audit?.append({ actor: 'owner', action: 'restore-staged', details: { files } });
      res.status(202).json({ files, restartRequired: true });
    } catch (error) {
      if (error instanceof BackupError) return void res.status(400).json({ error: `backup refused: ${error.message}` });
      throw error;
    }
  });
  return router;
}
