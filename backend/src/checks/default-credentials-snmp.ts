import { defineCredentialCheck } from './credentials/define.js';
import { SNMP_CHECK_ID, searchSnmpCommunities, snmpCheckBase } from './credentials/snmp-communities.js';

/**
 * Default SNMP communities (public, private, vendor ones) answered with the system group, over
 * v2c or v1. Also looks for agents that speak only v1/v2c, which the non-intrusive udp-snmp
 * probe cannot see (see unseenAgentServices).
 */
export const defaultCredentialsSnmp = defineCredentialCheck({
  ...snmpCheckBase,
  id: SNMP_CHECK_ID,
  service: 'snmp',
  async run(target, ctx) {
    return (await searchSnmpCommunities(target, ctx)).results;
  },
});
