import { defineCheck } from '../core/plugins.js';
import { vncSecurity } from './credentials/vnc-security.js';

/**
 * VNC without authentication: the server offers security type 1 ("None", RFC 6143 §7.2.1) and
 * accepts it. The session is closed at the security result: no screen is requested, no key or
 * pointer event is sent. The one connection is shared with default-credentials-vnc.
 */
export const anonymousAccessVnc = defineCheck({
  id: 'anonymous-access-vnc',
  finding: { family: 'anonymous-access', service: 'vnc' },
  severity: 'critical',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: 1,
  on: { tcp: ['vnc'] },
  async run(target, ctx) {
    const { hello, openWithoutPassword } = await vncSecurity(target, ctx);
    if (!openWithoutPassword || !hello) return [];
    return [{
      confidence: 'confirmed',
      evidence: `${hello.version} offers security types [${hello.securityTypes.join(', ')}]; type 1 (None) was accepted without any password (the session was closed before the screen was requested)`,
    }];
  },
});
