import { defineCheck } from '../core/plugins.js';
import { SNMP_CHECK_ID, SNMP_MAX_ATTEMPTS, searchSnmpCommunities, unseenAgentServices } from './credentials/snmp-communities.js';

/**
 * Default SNMP communities (public, private, vendor ones) answered with the system group, over
 * v2c or v1. Also looks for agents that speak only v1/v2c, which the non-intrusive udp-snmp
 * probe cannot see (see unseenAgentServices).
 */
export const defaultCredentialsSnmp = defineCheck({
  id: SNMP_CHECK_ID,
  finding: { family: 'default-credentials', service: 'snmp' },
  severity: 'high',
  tags: ['credentials'],
  intrusive: true,
  maxAttempts: SNMP_MAX_ATTEMPTS,
  appliesTo: ({ service }) => service.transport === 'udp' && service.service === 'snmp',
  extraServices: (device) => unseenAgentServices(device),
  async run(target, ctx) {
    return (await searchSnmpCommunities(target, ctx)).results;
  },
});
