// The owner's actions on one finding: re-test it, accept the risk until a date, call it a false
// positive, or reopen it. Mounted after the session check and the CSRF guard (api/http.ts); every
// status change goes to the audit trail and to every dashboard.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { RetestOutcome, RetestRefusal } from '../../pipeline/retest.js';
import type { AuditLog } from '../../storage/audit.js';
import type { Store } from '../../storage/store.js';
import type { FindingStatusChange, RetestResult, StoredDevice, StoredFinding } from '../contract.js';

export interface FindingRouteDeps {
  store: Pick<Store, 'findings' | 'devices' | 'changeFindingStatus' | 'reopenExpired'>;
  retest: (finding: StoredFinding, device: StoredDevice | undefined) => Promise<RetestOutcome | RetestRefusal>;
  /** Tells every dashboard the finding's new status (finding:changed carries the stored finding). */
  publish: (finding: StoredFinding) => void;
  audit?: AuditLog;
  now?: () => Date;
}

const Reason = z.string().trim().min(1).max(500).regex(/^\P{Cc}*$/u);
const Person = z.string().trim().min(1).max(100).regex(/^\P{Cc}*$/u);
const AcceptBody = z.object({ reason: Reason, until: z.iso.date().or(z.iso.datetime()), person: Person.optional() }).strict();
const FalsePositiveBody = z.object({ reason: Reason }).strict();
const EmptyBody = z.object({}).strict();

export function findingRoutes(deps: FindingRouteDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const running = new Set<string>();

  const findingOf = (req: Request, res: Response): StoredFinding | null => {
    const key = String(req.params['key']).slice(0, 64);
    const finding = deps.store.findings().find((f) => f.key === key);
    if (!finding) res.status(404).json({ error: 'no such finding' });
    return finding ?? null;
  };
  const change = async (finding: StoredFinding, step: Omit<FindingStatusChange, 'at'>, evidence?: string): Promise<StoredFinding> => {
    const stored = deps.store.changeFindingStatus(finding.key, { ...step, at: now().toISOString() }, evidence)!;
    await deps.audit?.append({
      actor: step.by, action: 'finding-status-changed',
      details: { key: finding.key, checkId: finding.checkId, ip: finding.ip, port: finding.port, from: finding.status, to: step.status, ...(step.reason ? { reason: step.reason } : {}), ...(step.until ? { until: step.until } : {}), ...(step.person ? { person: step.person } : {}), ...(step.evidence ? { evidence: step.evidence } : {}) },
    });
    deps.publish(stored);
    return stored;
  };

  router.post('/api/findings/:key/retest', async (req, res) => {
    if (!EmptyBody.safeParse(req.body ?? {}).success) return void res.status(400).json({ error: 'expected an empty body' });
    const finding = findingOf(req, res);
    if (!finding) return;
    if (running.has(finding.key)) return void res.status(409).json({ error: 'a re-test of this finding is already running' });
    running.add(finding.key);
    try {
      const result = await deps.retest(finding, deps.store.devices().find((d) => d.id === finding.deviceId));
      if ('refused' in result) return void res.status(result.status).json({ error: result.refused });
      await deps.audit?.append({ actor: 'owner', action: 'finding-retested', details: { key: finding.key, checkId: finding.checkId, ip: finding.ip, port: finding.port, outcome: result.outcome, evidence: result.evidence } });
      let stored: StoredFinding;
      if (result.outcome === 'not-raised') {
        stored = await change(finding, { status: 'fixed', by: 'owner', reason: 'verified by a re-test', evidence: result.evidence });
      } else if (result.outcome === 'still-raised' && finding.status !== 'open') {
        stored = await change(finding, { status: 'open', by: 'owner', reason: 'a re-test still raises it', evidence: result.evidence }, result.evidence);
      } else if (result.outcome === 'still-raised') {
        // Still open: the new evidence replaces the old; the history keeps the old one.
        stored = deps.store.changeFindingStatus(finding.key, { status: 'open', at: now().toISOString(), by: 'owner', reason: 'a re-test still raises it', evidence: result.evidence }, result.evidence)!;
        deps.publish(stored);
      } else {
        stored = finding;
      }
      const answer: RetestResult = { outcome: result.outcome, finding: stored };
      res.json(answer);
    } finally {
      running.delete(finding.key);
    }
  });

  router.post('/api/findings/:key/accept', async (req, res) => {
    const body = AcceptBody.safeParse(req.body ?? {});
    if (!body.success) return void res.status(400).json({ error: 'expected {reason: string, until: ISO date, person?: string}' });
    const until = new Date(body.data.until.length === 10 ? `${body.data.until}T23:59:59.999Z` : body.data.until);
    if (until.getTime() <= now().getTime()) return void res.status(400).json({ error: 'the expiry date must be in the future' });
    const finding = findingOf(req, res);
    if (!finding) return;
    res.json(await change(finding, { status: 'accepted', by: 'owner', reason: body.data.reason, until: until.toISOString(), ...(body.data.person ? { person: body.data.person } : {}), evidence: finding.evidence }));
  });

  router.post('/api/findings/:key/false-positive', async (req, res) => {
    const body = FalsePositiveBody.safeParse(req.body ?? {});
    if (!body.success) return void res.status(400).json({ error: 'expected {reason: string}' });
    const finding = findingOf(req, res);
    if (!finding) return;
    res.json(await change(finding, { status: 'false-positive', by: 'owner', reason: body.data.reason, evidence: finding.evidence }));
  });

  router.post('/api/findings/:key/reopen', async (req, res) => {
    if (!EmptyBody.safeParse(req.body ?? {}).success) return void res.status(400).json({ error: 'expected an empty body' });
    const finding = findingOf(req, res);
    if (!finding) return;
    if (finding.status === 'open') return void res.json(finding);
    res.json(await change(finding, { status: 'open', by: 'owner', reason: 'reopened by the owner' }));
  });
  return router;
}

/** Accepted risks past their expiry come back as open: stored, audited, sent to dashboards. */
export function reopenExpiredFindings(deps: Pick<FindingRouteDeps, 'store' | 'publish' | 'audit'>, now: Date): StoredFinding[] {
  const reopened = deps.store.reopenExpired(now);
  for (const finding of reopened) {
    void deps.audit?.append({ actor: 'system', action: 'finding-status-changed', details: { key: finding.key, checkId: finding.checkId, ip: finding.ip, port: finding.port, from: 'accepted', to: 'open', reason: 'accepted risk expired' } })
      .catch(() => undefined);
    deps.publish(finding);
  }
  return reopened;
}
