import { defineCheck } from '../core/plugins.js';
import { telnetGreeting } from '../protocols/telnet.js';

/** Telnet is cleartext by design: confirmed when the port speaks telnet and offers a login. */
export const cleartextServiceTelnet = defineCheck({
  id: 'cleartext-service-telnet',
  finding: { family: 'cleartext-service', service: 'telnet' },
  severity: 'high',
  tags: ['cleartext', 'exposure'],
  intrusive: false,
  maxAttempts: 1,
  on: { tcp: ['telnet'] },
  async run({ device, service }, ctx) {
    const greeting = await telnetGreeting({
      host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal,
    });
    if (greeting.negotiations === 0 && !greeting.loginPrompt) return [];
    const what = greeting.loginPrompt ? 'offered a login prompt' : 'negotiated telnet options';
    return [{
      confidence: 'confirmed',
      evidence: `port ${service.port} speaks telnet (${greeting.negotiations} option negotiations) and ${what}; logins and passwords cross the network unencrypted`,
    }];
  },
});
