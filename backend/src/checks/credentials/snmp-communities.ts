// The SNMP community search, shared by default-credentials-snmp, default-credentials-snmp-write and
// cleartext-service-snmp: run once per device and port per scan (memoised on the scan's context),
// so the agent is asked once whichever check comes first.
import { z } from 'zod';
import type { CheckResult, CheckTarget, PluginContext, ServiceMatch } from '../../core/plugins.js';
import type { Device, DeviceType, Service, Severity } from '../../core/types.js';
import { maskSecret } from '../../findings/mask.js';
import { snmpGetSystem, snmpV3Discovery, type SnmpVersion } from '../../protocols/snmp.js';
import writeCommunitiesJson from '../data/snmp-write-communities.json' with { type: 'json' };
import { runCredentialSearch, type SearchOutcome } from './search.js';
import { pairsFor } from './select.js';

export const SNMP_CHECK_ID = 'default-credentials-snmp';
export const SNMP_MAX_ATTEMPTS = 6;
/** One request per version, no retry: a wrong community is dropped silently, so each guess costs this long. */
export const SNMP_TIMEOUT_MS = 1000;
export const SNMP_PORT = 161;

/**
 * Communities that are read-write by factory default (data, each with its public source).
 * Read-write is judged from this list only: Mamori never SETs a value to find out (that would change
 * the device), and an agent's own access tables (VACM), when it shows them at all, do not say which
 * community maps to which group without reading its community table — the owner's other secrets.
 */
const WRITE_COMMUNITIES = z.object({
  readWrite: z.array(z.object({ community: z.string().min(1), source: z.string().min(10) }).strict()).min(1),
}).strict().parse(writeCommunitiesJson).readWrite;

export function isFactoryReadWrite(community: string): boolean {
  return WRITE_COMMUNITIES.some((row) => row.community === community);
}

export interface SnmpSystem { sysDescr: string | null; sysObjectID: string | null; sysName: string | null }

export interface CommunitySearch {
  /** default-credentials results (one finding at most). */
  results: CheckResult[];
  /** The accepted community (masked), the version that answered and what the agent said. */
  accepted: { masked: string; version: SnmpVersion; system: SnmpSystem; readWrite: boolean } | null;
  acceptsAnything: boolean;
  agentAnswersV3: boolean;
}

/**
 * Where to look for an agent the udp-snmp probe did not see. That probe is non-intrusive: SNMPv3
 * engine discovery, which every v3 agent answers without a credential. An agent that speaks only
 * v1/v2c (many printers and small devices) drops it, and the only way to find such an agent is a
 * community GET — a credential try. So the search itself, gated by the owner's consent like every
 * credential check, also asks udp/161 on devices that plausibly run one even when the probe saw
 * nothing: printers, routers, NAS, cameras/recorders, and devices Mamori could not type (white-label
 * boxes), or anything with a print port open. Phones, computers, speakers, TVs, plugs, lights, hubs
 * and thermostats are left alone. There, with nobody known to listen, two unanswered tries end the
 * search (public, private — each sent as v2c and v1).
 */
const SNMP_LIKELY_TYPES: ReadonlySet<DeviceType> = new Set(['printer', 'router', 'nas', 'camera', 'unknown']);
const PRINT_PORTS = new Set([9100, 515, 631]);

export function unseenAgentServices(device: Readonly<Device>): Service[] {
  if (device.services.some((s) => s.transport === 'udp' && s.port === SNMP_PORT)) return [];
  const likely = SNMP_LIKELY_TYPES.has(device.type) || device.services.some((s) => s.transport === 'tcp' && PRINT_PORTS.has(s.port));
  if (!likely) return [];
  return [{ port: SNMP_PORT, transport: 'udp', service: 'snmp', encrypted: false, banner: null, product: null }];
}

/** What both SNMP credential checks declare: the agent on udp/161, or one the probe could not see. */
export const snmpCheckBase = {
  severity: 'high',
  maxAttempts: SNMP_MAX_ATTEMPTS,
  on: { udp: ['snmp'] },
  extraServices: (device: Readonly<Device>): Service[] => unseenAgentServices(device),
} as const satisfies { severity: Severity; maxAttempts: number; on: ServiceMatch; extraServices: unknown };

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
  // Every SNMPv3 agent answers engine discovery without credentials: once it has (or once a
  // community was answered), silence to a community means "refused", not "nobody there".
  const engine = await snmpV3Discovery(options).catch(() => null);
  let agentSeen = engine !== null;
  // A holder, not a `let`: it is set inside the tries' callbacks.
  const first: { answer: { version: SnmpVersion; system: SnmpSystem } | null } = { answer: null };
  const search: SearchOutcome = await runCredentialSearch({
    checkId: SNMP_CHECK_ID, service: 'snmp', target, ctx, maxAttempts: SNMP_MAX_ATTEMPTS,
    pairs: pairsFor('snmp', target.device),
    maxConsecutiveErrors: engine ? Infinity : 2,
    describe: (pair) => `community ${maskSecret(pair.password)}`,
    // Read when the evidence is written, after the tries: names the version that answered.
    noun: { get accepted() { return `SNMP ${first.answer?.version ?? 'v1/v2c'} read accepted with`; }, control: 'a random community' },
    tryPair: async (_user, community) => {
      const answer = await snmpGetSystem(options, community);
      if (answer.outcome === 'answered') {
        agentSeen = true;
        first.answer ??= { version: answer.version!, system: answer.values };
        return { outcome: 'accepted' };
      }
      if (answer.outcome === 'no-answer') return { outcome: agentSeen ? 'rejected' : 'error', detail: 'no answer' };
      return { outcome: 'error', detail: answer.detail };
    },
  });
  const answered = first.answer;
  if (answered && search.accepted) {
    // What the agent said of itself identifies the device (a JetDirect sysDescr: a printer).
    const { sysDescr, sysObjectID, sysName: name } = answered.system;
    ctx.learned?.(target.device.ip, {
      ...target.service, service: 'snmp', banner: target.service.banner ?? sysDescr,
      snmp: { version: answered.version, sysDescr, sysObjectID, sysName: name },
    });
  }
  const sysName = answered?.system.sysName;
  const readWrite = search.accepted !== null && !search.acceptsAnything && isFactoryReadWrite(search.accepted.password);
  const results = search.results.map((r) => ({
    ...r,
    evidence: [
      r.evidence,
      sysName ? ` (sysName ${JSON.stringify(sysName.slice(0, 64))})` : '',
      readWrite ? '; this is the factory read-write community of most agents, so it can probably change settings too' : '',
    ].join(''),
  }));
  return {
    results,
    accepted: search.accepted && answered
      ? { masked: maskSecret(search.accepted.password), version: answered.version, system: answered.system, readWrite }
      : null,
    acceptsAnything: search.acceptsAnything,
    agentAnswersV3: engine !== null,
  };
}
