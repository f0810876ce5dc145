// "Forget this device": the owner removes a device that is gone (a phone that left, a replaced
// camera) from the inventory. Mounted after the session check and the CSRF guard (api/http.ts).
// Records are kept: past scans and the audit trail still hold the device; its open findings are
// resolved with the reason in their history. Seen by a later scan, it comes back as a new device.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../storage/audit.js';
import type { Store } from '../../storage/store.js';
import type { DeviceForgottenPayload } from '../contract.js';

export interface DeviceRouteDeps {
  store: Pick<Store, 'forgetDevice'>;
  /** A running scan may be writing this very device: forgetting waits until it ends (409). */
  scanRunning: () => boolean;
  /** Tells every dashboard (device:forgotten) and the MQTT broker (its retained topic goes). */
  publish: (forgotten: DeviceForgottenPayload) => void;
  audit?: AuditLog | undefined;
  now?: () => Date;
}

const EmptyBody = z.object({}).strict();

export function deviceRoutes(deps: DeviceRouteDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  router.post('/api/devices/:id/forget', async (req, res) => {
    if (!EmptyBody.safeParse(req.body ?? {}).success) return void res.status(400).json({ error: 'expected an empty body' });
    if (deps.scanRunning()) return void res.status(409).json({ error: 'a scan is running: forget the device once it has finished' });
    const at = now();
    const forgotten = deps.store.forgetDevice(String(req.params['id']).slice(0, 128), at, 'owner');
    if (!forgotten) return void res.status(404).json({ error: 'no such device' });
    const { device, closed } = forgotten;
    await deps.audit?.append({
      actor: 'owner', action: 'device-forgotten',
      details: { deviceId: device.id, ip: device.ip, mac: device.mac, ...(device.correction?.name ? { name: device.correction.name } : {}), closedFindings: closed.map((f) => f.key) },
    });
    const answer: DeviceForgottenPayload = { deviceId: device.id, ip: device.ip, mac: device.mac, at: at.toISOString(), findings: closed };
    deps.publish(answer);
    res.json(answer);
  });
  return router;
}
