import { defineCheck } from '../core/plugins.js';
import { smb1Negotiate } from '../protocols/smb.js';

/**
 * SMBv1 still accepted: one SMB1 NEGOTIATE offering only "NT LM 0.12" (no SMB2 dialect the
 * server could move up to) is answered with that dialect. Nothing follows the negotiation.
 */
export const outdatedProtocolSmb = defineCheck({
  id: 'outdated-protocol-smb',
  finding: { family: 'outdated-protocol', service: 'smb' },
  severity: 'high',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: 1,
  on: { tcp: ['smb'] },
  async run({ device, service }, ctx) {
    const answer = await smb1Negotiate({ host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal });
    return answer.accepted ? [{ confidence: 'confirmed', evidence: `SMBv1 enabled: ${answer.detail}` }] : [];
  },
});
