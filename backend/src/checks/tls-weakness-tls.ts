import { defineCheck } from '../core/plugins.js';
import { assessTls } from './tls/assess.js';

/** Weak TLS on a TLS service that is neither HTTPS nor MQTT: certificate problems and TLS 1.0/1.1, one finding per port (checks/tls/). */
export const tlsWeaknessTls = defineCheck({
  id: 'tls-weakness-tls',
  finding: { family: 'tls-weakness', service: 'tls' },
  severity: 'medium',
  tags: ['tls'],
  intrusive: false,
  maxAttempts: 3,
  on: { tcp: ['tls'] },
  run: assessTls,
});
