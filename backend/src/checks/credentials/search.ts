// The gentle credential search every default-credentials check runs: a few known pairs, spaced
// out, stop at the first success, stop at once on throttling or lockout, and before reporting a
// success prove that a random wrong password is refused. A service that also takes the random
// password is reported once, as "accepts any password", never once per pair.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckResult, CheckTarget, PluginContext } from '../../core/plugins.js';
import type { CredentialAttempt } from '../../core/types.js';
import { maskSecret } from '../../findings/mask.js';
import type { CredentialPair } from './select.js';

export type AttemptOutcome = CredentialAttempt['outcome'];

export interface AttemptResult {
  outcome: AttemptOutcome;
  detail?: string;
}

export interface SearchOptions {
  checkId: string;
  /** The finding's service name (telnet, http…), recorded in the audit trail. */
  service: string;
  target: CheckTarget;
  ctx: PluginContext;
  pairs: readonly CredentialPair[];
  /** Hard bound on tries, the control included. */
  maxAttempts: number;
  tryPair(user: string, password: string): Promise<AttemptResult>;
  /** Minimum pause between two tries on this service. */
  spacingMs?: number;
  /** Give up after this many inconclusive answers in a row (the service is not answering logins). */
  maxConsecutiveErrors?: number;
  /** Words for the evidence: "login", "community"… */
  noun?: { accepted: string; control: string };
  /** Shows a pair in the evidence (masked); SNMP shows the community only. */
  describe?: (pair: { user: string; password: string }) => string;
}

export interface SearchOutcome {
  results: CheckResult[];
  attempts: number;
  accepted: CredentialPair | null;
  acceptsAnything: boolean;
  stoppedBy: 'success' | 'throttled' | 'errors' | 'exhausted' | 'aborted';
}

export const ATTEMPT_SPACING_MS = 200;

/** A password no device ships with: 16 random characters. */
export function randomWrongPassword(): string {
  return `mamori-${randomBytes(9).toString('base64url')}`;
}

export const maskedPair = (pair: { user: string; password: string }): string => `${maskSecret(pair.user)} / ${maskSecret(pair.password)}`;

export async function runCredentialSearch(options: SearchOptions): Promise<SearchOutcome> {
  const { ctx, target, checkId } = options;
  const spacing = options.spacingMs ?? ATTEMPT_SPACING_MS;
  const maxErrors = options.maxConsecutiveErrors ?? 2;
  const describe = options.describe ?? maskedPair;
  const noun = options.noun ?? { accepted: 'login accepted for', control: 'a random wrong password' };
  let attempts = 0;
  let lastAt = 0;
  let consecutiveErrors = 0;

  const attempt = async (user: string, password: string): Promise<AttemptResult> => {
    const wait = lastAt + spacing - Date.now();
    if (wait > 0) await sleep(wait, undefined, { signal: ctx.signal }).catch(() => undefined);
    if (ctx.signal.aborted) return { outcome: 'error', detail: 'aborted' };
    attempts += 1;
    ctx.progress(`${checkId} ${target.device.ip}:${target.service.port} (${attempts})`);
    const result = await options.tryPair(user, password).catch((error: unknown): AttemptResult => ({ outcome: 'error', detail: (error as Error).message }));
    lastAt = Date.now();
    ctx.recordAttempt({
      checkId, ip: target.device.ip, mac: target.device.mac, port: target.service.port, service: options.service,
      user, passwordMasked: maskSecret(password), outcome: result.outcome,
    });
    ctx.log.debug('credential attempt', {
      check: checkId, ip: target.device.ip, port: target.service.port, user: maskSecret(user), password: maskSecret(password), outcome: result.outcome,
    });
    return result;
  };

  const budget = Math.max(0, options.maxAttempts - 1); // one try is kept for the control
  const done = (stoppedBy: SearchOutcome['stoppedBy']): SearchOutcome => ({ results: [], attempts, accepted: null, acceptsAnything: false, stoppedBy });
  for (const pair of options.pairs.slice(0, budget)) {
    if (ctx.signal.aborted) return done('aborted');
    const result = await attempt(pair.user, pair.password);
    if (result.outcome === 'throttled') {
      ctx.log.info(`${checkId}: ${target.device.ip}:${target.service.port} shows throttling or lockout; no further tries`, { detail: result.detail });
      return done('throttled');
    }
    if (result.outcome === 'error') {
      consecutiveErrors += 1;
      if (consecutiveErrors >= maxErrors) return done('errors');
      continue;
    }
    consecutiveErrors = 0;
    if (result.outcome !== 'accepted') continue;

    const control = await attempt(pair.user, randomWrongPassword());
    const base = { attempts, accepted: pair, stoppedBy: 'success' as const };
    if (control.outcome === 'accepted') {
      return {
        ...base, acceptsAnything: true,
        results: [{ confidence: 'confirmed', severity: 'critical', evidence: `accepts any password: ${noun.accepted} ${describe(pair)}, and ${noun.control} was accepted too` }],
      };
    }
    if (control.outcome === 'rejected') {
      return { ...base, acceptsAnything: false, results: [{ confidence: 'confirmed', evidence: `${noun.accepted} ${describe(pair)}; ${noun.control} was refused` }] };
    }
    return {
      ...base, acceptsAnything: false,
      results: [{ confidence: 'likely', evidence: `${noun.accepted} ${describe(pair)}; the control with ${noun.control} gave no clear answer (${control.outcome})` }],
    };
  }
  return done('exhausted');
}
