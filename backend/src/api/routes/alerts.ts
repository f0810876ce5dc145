// POST /api/alerts/test {channel}: sends a test message with the saved settings.
import { Router } from 'express';
import { z } from 'zod';
import type { AlertService } from '../../alerts/service.js';
import { CHANNELS } from '../../storage/settings.js';

const TestBody = z.object({ channel: z.enum(CHANNELS as ['webhook', 'ntfy', 'email']) }).strict();

export function alertRoutes(deps: { alerts: AlertService }): Router {
  const router = Router();
  router.post('/api/alerts/test', async (req, res) => {
    const body = TestBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: `expected {channel: ${CHANNELS.join(' | ')}}` });
    const result = await deps.alerts.sendTest(body.data.channel);
    if (!result.ok) return void res.status(502).json({ error: result.error });
    res.json({ sent: true, channel: result.channel });
  });
  return router;
}
