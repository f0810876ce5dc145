import { defineCheck } from '../core/plugins.js';
import { assessTls } from './tls/assess.js';

/** Weak TLS on HTTPS (web pages and APIs over TLS): certificate problems and TLS 1.0/1.1, one finding per port (checks/tls/). */
export const tlsWeaknessHttps = defineCheck({
  id: 'tls-weakness-https',
  finding: { family: 'tls-weakness', service: 'https' },
  severity: 'medium',
  tags: ['tls'],
  intrusive: false,
  maxAttempts: 3,
  on: { tcp: ['https'] },
  run: assessTls,
});
