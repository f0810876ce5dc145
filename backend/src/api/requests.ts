// What the dashboard may ask about scans, the same over REST and over the socket: one schema per
// request, so the two surfaces cannot drift apart (openapi.json describes the same shapes).
import { z } from 'zod';

/** POST /api/scans, socket scan:start: the ranges to scan (absent: the settings' own). */
export const ScanStartRequest = z.object({ targets: z.array(z.string().max(64)).max(16).optional() }).strict();

/** POST /api/scans/cancel, socket scan:cancel: that scan (running or queued); absent, the running one and the queue. */
export const ScanCancelRequest = z.object({ scanId: z.uuid().optional() }).strict();

/** A call that takes no arguments (socket state:get). */
export const EmptyRequest = z.object({}).strict();
