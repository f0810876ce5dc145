import { defineCheck } from '../core/plugins.js';
import { vncAuthenticate } from '../protocols/vnc.js';

/**
 * VNC without authentication: the server offers security type 1 ("None", RFC 6143 §7.2.1) and
 * accepts it. The session is closed at the security result: no screen is requested, no key or
 * pointer event is sent.
 */
export const anonymousAccessVnc = defineCheck({
  id: 'anonymous-access-vnc',
  finding: { family: 'anonymous-access', service: 'vnc' },
  severity: 'critical',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: 1,
  appliesTo: ({ service }) => service.transport === 'tcp' && service.service === 'vnc',
  async run({ device, service }, ctx) {
    const outcome = await vncAuthenticate({ host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal }, null);
    if (outcome.result !== 'accepted') return [];
    const { hello } = outcome;
    return [{
      confidence: 'confirmed',
      evidence: `${hello.version} offers security types [${hello.securityTypes.join(', ')}]; type 1 (None) was accepted without any password (the session was closed before the screen was requested)`,
    }];
  },
});
