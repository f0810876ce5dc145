// The optional second factor: GET /api/totp (status), POST /api/totp/enrol (secret + otpauth:// URI),
// /api/totp/confirm {code} (turns it on), /api/totp/disable {code}.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../storage/audit.js';
import type { SecondFactor } from '../totp.js';

const CodeBody = z.object({ code: z.string().regex(/^\d{6}$/, 'a 6-digit code') }).strict();

export function totpRoutes(deps: { secondFactor: SecondFactor; audit?: AuditLog }): Router {
  const router = Router();
  const { secondFactor } = deps;
  router.get('/api/totp', (_req, res) => { res.json({ enabled: secondFactor.enabled }); });
  router.post('/api/totp/enrol', async (_req, res) => {
    if (secondFactor.enabled) return void res.status(409).json({ error: 'the second factor is already on; turn it off first' });
    res.json(await secondFactor.begin());
  });
  router.post('/api/totp/confirm', async (req, res) => {
    const body = CodeBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'expected {code: "123456"}' });
    if (!(await secondFactor.confirm(body.data.code))) return void res.status(400).json({ error: 'wrong code, or no enrolment under way' });
    await deps.audit?.append({ actor: 'owner', action: 'second-factor-enabled', details: {} });
    res.status(204).end();
  });
  router.post('/api/totp/disable', async (req, res) => {
    const body = CodeBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'expected {code: "123456"}' });
    if (!secondFactor.enabled) return void res.status(409).json({ error: 'the second factor is off' });
    if (!(await secondFactor.verify(body.data.code))) return void res.status(403).json({ error: 'wrong code' });
    await secondFactor.disable();
    await deps.audit?.append({ actor: 'owner', action: 'second-factor-disabled', details: {} });
    res.status(204).end();
  });
  return router;
}
