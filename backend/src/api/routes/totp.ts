// The optional second factor: GET /api/totp (status), POST /api/totp/enrol {password} (secret +
// otpauth:// URI), /api/totp/confirm {password, code} (turns it on), /api/totp/disable {password,
// code}. A session alone changes nothing here: each change needs the owner's password (and, to
// turn it off, a current code), behind the sign-in limiter and the shared failure budget.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../storage/audit.js';
import { clientKey, type SignInProtection } from '../sign-in.js';
import type { SecondFactor } from '../totp.js';

const Password = z.string().min(1).max(1024);
const Code = z.string().regex(/^\d{6}$/, 'a 6-digit code');
const EnrolBody = z.object({ password: Password }).strict();
const CodeBody = z.object({ password: Password, code: Code }).strict();

export function totpRoutes(deps: { secondFactor: SecondFactor; signIn: SignInProtection; audit?: AuditLog }): Router {
  const router = Router();
  const { secondFactor, signIn } = deps;
  router.get('/api/totp', (_req, res) => { res.json({ enabled: secondFactor.enabled }); });
  router.post('/api/totp/enrol', signIn.limiter, async (req, res) => {
    const body = EnrolBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'expected {password}' });
    if (secondFactor.enabled) return void res.status(409).json({ error: 'the second factor is already on; turn it off first' });
    if (!(await signIn.verifyOwner(req, res, { password: body.data.password }, 'second-factor-enrol'))) return;
    res.json(await secondFactor.begin());
  });
  router.post('/api/totp/confirm', signIn.limiter, async (req, res) => {
    const body = CodeBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'expected {password, code: "123456"}' });
    if (secondFactor.enabled) return void res.status(409).json({ error: 'the second factor is already on' });
    if (!(await signIn.verifyOwner(req, res, { password: body.data.password }, 'second-factor-confirm'))) return;
    if (!(await secondFactor.confirm(body.data.code))) {
      signIn.guard.failed(clientKey(req));
      return void res.status(400).json({ error: 'wrong code, or no enrolment under way' });
    }
    await deps.audit?.append({ actor: 'owner', action: 'second-factor-enabled', details: {} });
    res.status(204).end();
  });
  router.post('/api/totp/disable', signIn.limiter, async (req, res) => {
    const body = CodeBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'expected {password, code: "123456"}' });
    if (!secondFactor.enabled) return void res.status(409).json({ error: 'the second factor is off' });
    if (!(await signIn.verifyOwner(req, res, body.data, 'second-factor-disable'))) return;
    await secondFactor.disable();
    await deps.audit?.append({ actor: 'owner', action: 'second-factor-disabled', details: {} });
    res.status(204).end();
  });
  return router;
}
