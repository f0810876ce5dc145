import { defineCredentialCheck } from './credentials/define.js';
import { searchSnmpCommunities, snmpCheckBase } from './credentials/snmp-communities.js';

/**
 * The accepted default community is a read-write one: anyone on the network can change the
 * device's settings, not only read them. Shares the (memoised) community search of
 * default-credentials-snmp, so it sends nothing of its own. Never verified by writing — Mamori
 * never SETs a value — hence "likely": the community is the factory read-write one of most agents
 * (data/snmp-write-communities.json, with sources).
 */
export const defaultCredentialsSnmpWrite = defineCredentialCheck({
  ...snmpCheckBase,
  service: 'snmp-write',
  listed: false,
  async run(target, ctx) {
    const { accepted } = await searchSnmpCommunities(target, ctx);
    if (!accepted?.readWrite) return [];
    return [{
      confidence: 'likely',
      evidence: `the agent answered SNMP ${accepted.version} with community ${accepted.masked}, the factory read-write community of most agents: `
        + 'anyone on the network can probably change its settings (not tried: Mamori never writes a value)',
    }];
  },
});
