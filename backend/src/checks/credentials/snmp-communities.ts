// The SNMP community search, shared by default-credentials-snmp and cleartext-service-snmp: run
// once per device and port per scan (memoised on the scan's context), so the agent is asked once.
import type { CheckResult, CheckTarget, PluginContext } from '../../core/plugins.js';
import { maskSecret } from '../../findings/mask.js';
import { snmpGetSystem, snmpV3Discovery } from '../../protocols/snmp.js';
import { runCredentialSearch, type SearchOutcome } from './search.js';
import { pairsFor } from './select.js';

export const SNMP_CHECK_ID = 'default-credentials-snmp';
export const SNMP_MAX_ATTEMPTS = 6;
/** One request, no retry: a wrong community is dropped silently, so each guess costs this long. */
export const SNMP_TIMEOUT_MS = 1000;

export interface CommunitySearch {
  /** default-credentials results (one finding at most). */
  results: CheckResult[];
  /** The accepted community (masked) and what the agent said, for the cleartext evidence. */
  accepted: { masked: string; sysName: string | null } | null;
  acceptsAnything: boolean;
  agentAnswersV3: boolean;
}

const memo = new WeakMap<PluginContext, Map<string, Promise<CommunitySearch>>>();

export function searchSnmpCommunities(target: CheckTarget, ctx: PluginContext): Promise<CommunitySearch> {
  let perScan = memo.get(ctx);
  if (!perScan) { perScan = new Map(); memo.set(ctx, perScan); }
  const key = `${target.device.ip}:${target.service.port}`;
  let search = perScan.get(key);
  if (!search) { search = runSearch(target, ctx); perScan.set(key, search); }
  return search;
}

async function runSearch(target: CheckTarget, ctx: PluginContext): Promise<CommunitySearch> {
  const options = { host: target.device.ip, port: target.service.port, timeoutMs: SNMP_TIMEOUT_MS, signal: ctx.signal };
  // Every SNMPv3 agent answers engine discovery without credentials: once it has, silence to a
  // community means "refused", not "nobody there".
  const engine = await snmpV3Discovery(options).catch(() => null);
  let sysName: string | null = null;
  const search: SearchOutcome = await runCredentialSearch({
    checkId: SNMP_CHECK_ID, service: 'snmp', target, ctx, maxAttempts: SNMP_MAX_ATTEMPTS,
    pairs: pairsFor('snmp', target.device),
    maxConsecutiveErrors: engine ? Infinity : 2,
    describe: (pair) => `community ${maskSecret(pair.password)}`,
    noun: { accepted: 'SNMP v2c read accepted with', control: 'a random community' },
    tryPair: async (_user, community) => {
      const answer = await snmpGetSystem(options, community, 'v2c');
      if (answer.outcome === 'answered') { sysName ??= answer.values.sysName; return { outcome: 'accepted' }; }
      if (answer.outcome === 'no-answer') return { outcome: engine ? 'rejected' : 'error', detail: 'no answer' };
      return { outcome: 'error', detail: answer.detail };
    },
  });
  const results = search.results.map((r) => ({
    ...r,
    evidence: sysName ? `${r.evidence} (sysName ${JSON.stringify(sysName.slice(0, 64))})` : r.evidence,
  }));
  return {
    results,
    accepted: search.accepted ? { masked: maskSecret(search.accepted.password), sysName } : null,
    acceptsAnything: search.acceptsAnything,
    agentAnswersV3: engine !== null,
  };
}
