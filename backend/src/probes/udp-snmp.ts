import { defineProbe, type Probe } from '../core/plugins.js';
import type { Service } from '../core/types.js';
import { snmpV3Discovery } from '../protocols/snmp.js';

export const SNMP_PORT = 161;

/**
 * Finds an SNMP agent on UDP 161 with an SNMPv3 engine-discovery request: every agent answers it
 * without any credential (RFC 3414 §4), whereas a v1/v2c guess with a wrong community is dropped
 * silently. Sends no community string at all. (The port is a parameter only for loopback tests.)
 * An agent that speaks only v1/v2c drops this request: such agents are found by the consented
 * community search itself (checks/credentials/snmp-communities.ts, unseenAgentServices).
 */
export function createUdpSnmpProbe(port = SNMP_PORT): Probe {
  return defineProbe({
    id: 'udp-snmp',
    description: 'Finds SNMP agents on UDP 161 by SNMPv3 engine discovery (no community sent)',
    async run(device, ctx) {
      if (ctx.signal.aborted) return [];
      ctx.progress(`${device.ip}:${port}/udp`);
      const engine = await ctx.limit(() => snmpV3Discovery({
        host: device.ip, port, timeoutMs: Math.min(1000, ctx.tuning.exchangeTimeoutMs), signal: ctx.signal,
      })).catch(() => null);
      if (!engine) return [];
      const enterprise = engine.enterprise === null ? '' : ` (enterprise ${engine.enterprise})`;
      const service: Service = {
        port, transport: 'udp', service: 'snmp', encrypted: false,
        banner: `SNMPv3 engine ${engine.engineId.slice(0, 40)}${enterprise}`, product: null,
      };
      return [service];
    },
  });
}

export const udpSnmpProbe = createUdpSnmpProbe();
