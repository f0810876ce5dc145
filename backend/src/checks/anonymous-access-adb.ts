import { defineCheck } from '../core/plugins.js';
import { adbConnect } from '../protocols/adb.js';

/**
 * Android debug bridge open without key authorisation: one CNXN is answered with the device's own
 * CNXN (a root shell for anyone on most TV boxes and kiosks). Only the banner is read: no
 * command, no OPEN, no shell — the session is closed right after.
 */
export const anonymousAccessAdb = defineCheck({
  id: 'anonymous-access-adb',
  finding: { family: 'anonymous-access', service: 'adb' },
  severity: 'critical',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: 1,
  on: { tcp: ['adb'] },
  async run({ device, service }, ctx) {
    const answer = await adbConnect({ host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal });
    if (answer?.kind !== 'open') return [];
    const { properties } = answer;
    const names = ['ro.product.model', 'ro.product.name', 'ro.product.device']
      .filter((key) => properties[key])
      .map((key) => `${key}=${JSON.stringify(properties[key]!.slice(0, 80))}`);
    return [{
      confidence: 'confirmed',
      evidence: `the device answered CNXN without asking for key authorisation (${names.length > 0 ? names.join(', ') : JSON.stringify(answer.banner.slice(0, 120))}); no command was sent`,
    }];
  },
});
