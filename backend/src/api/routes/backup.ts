// POST /api/backup {password, code?, passphrase} answers the data directory as an encrypted archive;
// POST /api/restore takes one back (the archive as the body; password, code and passphrase in
// x-mamori-password / x-mamori-code / x-mamori-passphrase, URI-encoded), validates it and stages
// it for the next start (the running stores are not swapped under a scan). Both need the owner's
// password (and code): a session alone must not carry the box's secrets away or replace them.
import type { KeyObject } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../storage/audit.js';
import { BackupError, createBackup, MAX_ARCHIVE_BYTES, openBackup, stageRestore } from '../../storage/backup.js';
import { encryptBackup, passphraseProblem } from '../../storage/backup-crypto.js';
import type { SignInProtection } from '../sign-in.js';

export interface BackupRouteDeps {
  dataDir: string;
  /** Writes every store to disk, so the archive holds what the dashboard shows. */
  flush: () => Promise<void>;
  signIn: SignInProtection;
  audit?: AuditLog;
  /** The key a carried software catalogue must be signed with (tests only; the project's by default). */
  catalogueKey?: string | KeyObject;
}

const BackupBody = z.object({
  password: z.string().min(1).max(1024), code: z.string().max(12).optional(), passphrase: z.string().max(1024),
}).strict();

/** A header value the client URI-encoded (passwords may hold any character); undefined if absent or malformed. */
function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  if (typeof value !== 'string') return undefined;
  try { return decodeURIComponent(value); } catch { return undefined; }
}

const keyOption = (deps: BackupRouteDeps) => (deps.catalogueKey ? { catalogueKey: deps.catalogueKey } : {});

export function backupRoutes(deps: BackupRouteDeps): Router {
  const router = Router();
  router.post('/api/backup', deps.signIn.limiter, async (req, res) => {
    const body = BackupBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'expected {password, code?, passphrase}' });
    const weak = passphraseProblem(body.data.passphrase);
    if (weak) return void res.status(400).json({ error: weak });
    if (!(await deps.signIn.verifyOwner(req, res, body.data, 'backup'))) return;
    await deps.flush();
    const now = new Date();
    const archive = await encryptBackup(await createBackup(deps.dataDir, now, keyOption(deps)), body.data.passphrase);
    await deps.audit?.append({ actor: 'owner', action: 'backup-downloaded', details: { bytes: archive.length, encrypted: true } });
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-disposition', `attachment; filename="mamori-backup-${now.toISOString().slice(0, 10)}.mamori-backup"`);
    res.end(archive);
  });
  router.post('/api/restore', deps.signIn.limiter, express.raw({ type: () => true, limit: MAX_ARCHIVE_BYTES }), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return void res.status(400).json({ error: 'send the backup file as the request body' });
    const password = header(req, 'x-mamori-password');
    const passphrase = header(req, 'x-mamori-passphrase');
    if (!password || passphrase === undefined) return void res.status(400).json({ error: 'send the password and the backup passphrase (x-mamori-password, x-mamori-passphrase)' });
    if (!(await deps.signIn.verifyOwner(req, res, { password, code: header(req, 'x-mamori-code') }, 'restore'))) return;
    try {
      const files = await stageRestore(deps.dataDir, await openBackup(req.body, passphrase), keyOption(deps));
      await deps.audit?.append({ actor: 'owner', action: 'restore-staged', details: { files } });
      res.status(202).json({ files, restartRequired: true });
    } catch (error) {
      if (error instanceof BackupError) return void res.status(400).json({ error: `backup refused: ${error.message}` });
      throw error;
    }
  });
  return router;
}
