import { defineProbe } from '../core/plugins.js';
import type { Service } from '../core/types.js';
import { coapGet } from '../protocols/coap.js';

export const COAP_PORT = 5683;

/** "</a>;rt=x,</b>" → "</a>, </b>": the resource list of a link-format document, for the banner. */
export function coapResources(linkFormat: string): string[] {
  return [...linkFormat.matchAll(/<([^>]{1,100})>/g)].map((m) => m[1]!).slice(0, 20);
}

/**
 * CoAP on udp 5683: one confirmable GET /.well-known/core, one answer awaited for at most the
 * greeting window. Any CoAP answer (even 4.04 or a reset) names the service; the resource list,
 * when given, goes into the banner.
 */
export const udpCoapProbe = defineProbe({
  id: 'udp-coap',
  description: 'Asks udp 5683 for /.well-known/core with one CoAP GET and names the service coap',
  async run(device, ctx) {
    if (ctx.signal.aborted) return [];
    ctx.progress(`${device.ip}:${COAP_PORT}/udp`);
    const reply = await ctx.limit(() => coapGet({
      host: device.ip, port: COAP_PORT, path: ['.well-known', 'core'],
      timeoutMs: Math.min(ctx.tuning.greetingMs, ctx.tuning.exchangeTimeoutMs), signal: ctx.signal,
    }));
    if (!reply) return [];
    const resources = reply.code.startsWith('2.') ? coapResources(reply.payload.toString('utf8')) : [];
    const banner = `CoAP ${reply.code}${resources.length ? `; resources: ${resources.join(' ')}` : ''}`;
    const service: Service = { port: COAP_PORT, transport: 'udp', service: 'coap', encrypted: false, banner: banner.slice(0, 200), product: null };
    return [service];
  },
});
