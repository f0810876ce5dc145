import { defineCheck } from '../core/plugins.js';
import { assessTls } from './tls/assess.js';

/** Weak TLS on MQTT over TLS: certificate problems and TLS 1.0/1.1, one finding per port (checks/tls/). */
export const tlsWeaknessMqtts = defineCheck({
  id: 'tls-weakness-mqtts',
  finding: { family: 'tls-weakness', service: 'mqtts' },
  severity: 'medium',
  tags: ['tls'],
  intrusive: false,
  maxAttempts: 3,
  on: { tcp: ['mqtts'] },
  run: assessTls,
});
