import { defineCheck } from '../core/plugins.js';
import { exchange } from '../protocols/exchange.js';
import { parseHttpResponse } from '../protocols/http.js';

/**
 * RTSP without TLS: the video, the stream URLs and any login (Basic sends the password itself)
 * cross the network in clear. Confirmed when the port answers OPTIONS with an RTSP status line on
 * a plain connection.
 */
export const cleartextServiceRtsp = defineCheck({
  id: 'cleartext-service-rtsp',
  finding: { family: 'cleartext-service', service: 'rtsp' },
  severity: 'medium',
  tags: ['cleartext', 'exposure'],
  intrusive: false,
  maxAttempts: 1,
  on: { tcp: ['rtsp'], unencrypted: true },
  async run({ device, service }, ctx) {
    const { reply } = await exchange({
      host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal, idleMs: 300,
      payload: `OPTIONS rtsp://${device.ip}:${service.port}/ RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Mamori\r\n\r\n`,
      until: (d) => d.includes('\r\n\r\n'),
    });
    if (!reply.toString('latin1').startsWith('RTSP/1.')) return [];
    let status = 0;
    let server: string | null = null;
    try {
      const response = parseHttpResponse(reply);
      status = response.status;
      server = response.headers['server'] ?? null;
    } catch {
      return [];
    }
    return [{
      confidence: 'confirmed',
      evidence: `port ${service.port} answered OPTIONS with RTSP/1.0 ${status}${server ? ` (Server: ${server.slice(0, 80)})` : ''} on a plain connection: video, stream addresses and any login cross the network unencrypted`,
    }];
  },
});
