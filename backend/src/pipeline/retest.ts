// Re-test one finding on demand: only the check that raised it, on that device and port, with a
// plug-in context like the runner builds. Decides nothing about the finding's status: it reports
// whether the check still raises it, and with what evidence.
import { randomUUID } from 'node:crypto';
import type { StoredDevice, StoredFinding } from '../core/records.js';
import { createLimiter } from '../core/concurrency-limit.js';
import type { Logger } from '../core/logger.js';
import type { Check, CheckTarget, PluginContext, ScanTuning } from '../core/plugins.js';
import type { CredentialAttempt } from '../core/types.js';
import { probePort } from '../protocols/tcp.js';
import { consentFor, serviceOrFallback } from './check-gate.js';

export type RetestOutcome =
  | { outcome: 'still-raised'; evidence: string }
  | { outcome: 'not-raised'; evidence: string }
  /** The device did not answer on the port: it may be off, so nothing is concluded. */
  | { outcome: 'unreachable'; evidence: string };

export type RetestRefusal = { refused: string; status: 404 | 409 };

export interface RetestDeps {
  checks: readonly Check[];
  tuning: ScanTuning;
  log: Logger;
  /** The owner consented to login checks (needed for intrusive checks). */
  loginChecks: boolean;
  /** The device is in a range the owner may scan now (settings may have changed since). */
  inScope: (ip: string) => boolean;
  /** Ids of devices (core/device-id.ts) never sent a login attempt. */
  loginChecksExcluded: readonly string[];
  recordAttempt: (attempt: CredentialAttempt) => void;
  /** Every device known now: a check whose findings land elsewhere re-tests on another one. */
  devices?: () => readonly StoredDevice[];
  signal?: AbortSignal;
  now?: () => Date;
}

/** Runs the finding's check once more; a refusal says why it may not run. */
export async function retestFinding(finding: StoredFinding, device: StoredDevice | undefined, deps: RetestDeps): Promise<RetestOutcome | RetestRefusal> {
  const check = deps.checks.find((c) => c.id === finding.checkId);
  if (!check) return { refused: `the check ${finding.checkId} no longer exists`, status: 409 };
  if (!device) return { refused: 'the device of this finding is no longer known', status: 409 };
  if (!deps.inScope(device.ip)) return { refused: `${device.ip} is outside the ranges you allowed to scan`, status: 409 };
  const consented = consentFor(check, device, { loginChecks: deps.loginChecks, excluded: deps.loginChecksExcluded });
  if (!consented.run) return { refused: consented.why, status: 409 };
  const now = deps.now ?? (() => new Date());
  const signal = deps.signal ?? AbortSignal.timeout(60_000);
  const scanId = `retest-${randomUUID()}`;
  const known = deps.devices?.() ?? [device];
  const context = (targets: string[]): PluginContext => ({
    scanId, signal, log: deps.log.child(scanId.slice(0, 15)), tuning: deps.tuning, limit: createLimiter(deps.tuning.perHostConcurrency),
    interfaceName: '', interfaceAddress: null, targets, loginChecks: deps.loginChecks,
    progress: () => undefined,
    recordAttempt: (attempt) => deps.recordAttempt({ ...attempt, at: now().toISOString() }),
    devices: () => known,
  });
  let target: CheckTarget;
  let ctx = context([device.ip]);
  if (check.retestTarget) {
    // The check reads this finding elsewhere (a router's port mapping): that device must be in scope too.
    const allowed = known.filter((d) => deps.inScope(d.ip));
    const elsewhere = check.retestTarget(finding, allowed, context(allowed.map((d) => d.ip)));
    if (!elsewhere) return { refused: 'the device this finding is read from is no longer known or not in scope', status: 409 };
    target = elsewhere;
    ctx = context([...new Set([device.ip, elsewhere.device.ip])]);
  } else {
    target = { device, service: serviceOrFallback(device, finding.port, finding.transport, finding.service) };
  }
  const { device: checked, service } = target;
  if (service.transport === 'tcp') {
    const state = await probePort({ host: checked.ip, port: service.port, timeoutMs: deps.tuning.connectTimeoutMs, signal });
    if (state !== 'open') return { outcome: 'unreachable', evidence: `re-test at ${now().toISOString()}: ${checked.ip}:${service.port}/tcp is ${state}` };
  }
  const results = (await check.run(target, ctx)).filter((r) => !r.subject || (r.subject.ip === finding.ip && r.subject.port === finding.port));
  const at = now().toISOString();
  const first = results[0];
  if (first) return { outcome: 'still-raised', evidence: first.evidence };
  return { outcome: 'not-raised', evidence: `re-test at ${at}: ${check.id} on ${checked.ip}:${service.port}/${service.transport} no longer raises this finding` };
}
