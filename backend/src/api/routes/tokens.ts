// API tokens (api/api-tokens.ts), owner only: list, create (the token is in this one answer),
// revoke. Every creation and revocation goes to the audit trail, with the token's id and name.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../storage/audit.js';
import type { ApiTokens } from '../api-tokens.js';

export interface TokenRouteDeps {
  tokens: ApiTokens;
  audit?: AuditLog;
}

const CreateBody = z.object({ name: z.string().trim().min(1).max(64).regex(/^\P{Cc}*$/u) }).strict();

export function tokenRoutes(deps: TokenRouteDeps): Router {
  const router = Router();
  router.get('/api/tokens', (_req, res) => { res.json({ tokens: deps.tokens.list() }); });
  router.post('/api/tokens', async (req, res) => {
    const body = CreateBody.safeParse(req.body ?? {});
    if (!body.success) return void res.status(400).json({ error: 'expected {name}: 1 to 64 characters' });
    const created = await deps.tokens.create(body.data.name);
    if (!created.ok) return void res.status(409).json({ error: created.error });
    await deps.audit?.append({ actor: 'owner', action: 'api-token-created', details: { tokenId: created.view.id, name: created.view.name } });
    res.status(201).json({ token: created.token, ...created.view });
  });
  router.delete('/api/tokens/:id', async (req, res) => {
    const revoked = await deps.tokens.revoke(String(req.params['id']).slice(0, 64));
    if (!revoked) return void res.status(404).json({ error: 'no such live token' });
    await deps.audit?.append({ actor: 'owner', action: 'api-token-revoked', details: { tokenId: revoked.id, name: revoked.name } });
    res.status(204).end();
  });
  return router;
}
