import { defineCheck } from '../core/plugins.js';
import { SNMP_MAX_ATTEMPTS, searchSnmpCommunities, unseenAgentServices } from './credentials/snmp-communities.js';

/**
 * SNMP v1/v2c sends its community (the password) and every answer in clear. Confirmed when the
 * agent answered a v1/v2c request; that needs a community, so this check shares the (memoised)
 * community search of default-credentials-snmp and is gated like it.
 */
export const cleartextServiceSnmp = defineCheck({
  id: 'cleartext-service-snmp',
  finding: { family: 'cleartext-service', service: 'snmp' },
  severity: 'medium',
  tags: ['cleartext', 'credentials'],
  intrusive: true,
  maxAttempts: SNMP_MAX_ATTEMPTS,
  on: { udp: ['snmp'] },
  extraServices: (device) => unseenAgentServices(device),
  async run(target, ctx) {
    const search = await searchSnmpCommunities(target, ctx);
    if (!search.accepted) return [];
    const { sysName } = search.accepted.system;
    const said = sysName ? ` and gave its system description (sysName ${JSON.stringify(sysName.slice(0, 64))})` : '';
    return [{
      confidence: 'confirmed',
      evidence: `the agent answered SNMP ${search.accepted.version} with community ${search.accepted.masked}${said}; v1/v2c community strings and all answers cross the network unencrypted`,
    }];
  },
});
