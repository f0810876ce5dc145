// One default-credentials check from its protocol's few lines: the factory supplies the id, the
// finding, severity, tags, intrusive, the try budget and the gentle search (search.ts). A new
// protocol's credential check is then its client, one short file, data rows, knowledge and a test.
import { defineCheck, type Check, type CheckDeclaration, type CheckResult, type CheckTarget, type PluginContext, type ServiceMatch } from '../../core/plugins.js';
import type { Severity } from '../../core/types.js';
import { runCredentialSearch, type AttemptResult, type SearchOptions, type SearchOutcome } from './search.js';
import { pairsFor, type CredentialPair } from './select.js';

/** Tries per service per scan, the random-password control included. */
export const MAX_ATTEMPTS = 10;

/** What a protocol client of a login needs, from the target and the scan's tuning. */
export interface LoginOptions {
  host: string;
  port: number;
  timeoutMs: number;
  answerTimeoutMs: number;
  signal: AbortSignal;
}

export interface LoginSession<S> {
  readonly target: CheckTarget;
  readonly ctx: PluginContext;
  readonly options: LoginOptions;
  /** What `prepare` found out (the login path, the form…). */
  readonly state: S;
}

/** What `prepare` decides before any password is sent. */
export interface LoginPlan<S> {
  state: S;
  /** The pairs to try, when not those listed for the service (default-credentials.json). */
  pairs?: readonly CredentialPair[];
  noun?: SearchOptions['noun'];
  describe?: SearchOptions['describe'];
}

interface CommonSpec {
  /** The finding's service, the audit trail's, and (by default) the tcp service it applies to. */
  service: string;
  /** Default `default-credentials-<service>`. */
  id?: string;
  /** Default critical. */
  severity?: Severity;
  /** Default `{ tcp: [service] }`. */
  on?: ServiceMatch;
  appliesTo?(target: CheckTarget): boolean;
  /** Default MAX_ATTEMPTS. */
  maxAttempts?: number;
  extraServices?: Check['extraServices'];
  /** False when its pairs are its own (VNC's passwords), not listed under `service` in the data files. Default true. */
  listed?: boolean;
}

/** A check whose tries are the common search over one service's pairs. */
export interface SearchSpec<S> extends CommonSpec {
  /** Service-side words for pairsFor (banner, product, realm…); the pairs listed for `service`. */
  hints?(target: CheckTarget): readonly (string | null | undefined)[];
  /** Adjusts the options the client gets (a slower handshake). */
  timeoutMs?(ctx: PluginContext): number;
  /** Looks before any password is sent; null: nothing to try on this service. */
  prepare?(session: LoginSession<undefined>, pairs: readonly CredentialPair[]): Promise<LoginPlan<S> | null>;
  tryPair(session: LoginSession<S>, user: string, password: string): Promise<AttemptResult>;
  /** Reads the search into findings (default: its results). */
  report?(search: SearchOutcome, session: LoginSession<S>): CheckResult[];
}

/** A check that runs its own search (SNMP's memoised community search). */
export interface OwnSearchSpec extends CommonSpec {
  run(target: CheckTarget, ctx: PluginContext): Promise<CheckResult[]>;
}

/** A credential check, and the service its pairs are listed under (none: it brings its own). */
export type CredentialCheck = Check & { readonly listedService: string | null };

export function loginOptions(target: CheckTarget, ctx: PluginContext): LoginOptions {
  return { host: target.device.ip, port: target.service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, answerTimeoutMs: ctx.tuning.loginAnswerMs, signal: ctx.signal };
}

export function defineCredentialCheck<S = undefined>(spec: SearchSpec<S> | OwnSearchSpec): CredentialCheck {
  const id = spec.id ?? `default-credentials-${spec.service}`;
  const maxAttempts = spec.maxAttempts ?? MAX_ATTEMPTS;
  const declaration = {
    id,
    finding: { family: 'default-credentials', service: spec.service },
    severity: spec.severity ?? 'critical',
    tags: ['credentials'],
    intrusive: true,
    maxAttempts,
    on: spec.on ?? { tcp: [spec.service] },
    ...(spec.appliesTo ? { appliesTo: spec.appliesTo } : {}),
    ...(spec.extraServices ? { extraServices: spec.extraServices } : {}),
    run: 'run' in spec ? spec.run : (target: CheckTarget, ctx: PluginContext) => searchWith(spec, id, maxAttempts, target, ctx),
  } satisfies CheckDeclaration;
  return { ...defineCheck(declaration), listedService: spec.listed === false ? null : spec.service };
}

async function searchWith<S>(spec: SearchSpec<S>, checkId: string, maxAttempts: number, target: CheckTarget, ctx: PluginContext): Promise<CheckResult[]> {
  const options = { ...loginOptions(target, ctx), ...(spec.timeoutMs ? { timeoutMs: spec.timeoutMs(ctx) } : {}) };
  const listed = pairsFor(spec.service, target.device, spec.hints?.(target) ?? []);
  const plan: LoginPlan<S> | null = spec.prepare ? await spec.prepare({ target, ctx, options, state: undefined }, listed) : { state: undefined as S };
  if (!plan) return [];
  const session: LoginSession<S> = { target, ctx, options, state: plan.state };
  const search = await runCredentialSearch({
    checkId, service: spec.service, target, ctx, maxAttempts,
    pairs: plan.pairs ?? listed,
    ...(plan.noun ? { noun: plan.noun } : {}),
    ...(plan.describe ? { describe: plan.describe } : {}),
    tryPair: (user, password) => spec.tryPair(session, user, password),
  });
  return spec.report ? spec.report(search, session) : search.results;
}
