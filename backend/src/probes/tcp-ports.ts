import { defineProbe } from '../core/plugins.js';
import { mapLimit } from '../core/limiter.js';
import type { Service } from '../core/types.js';
import { probePort } from '../protocols/tcp.js';

/** TCP connect scan of the configured IoT port list, bounded globally and per host. */
export const tcpPortsProbe = defineProbe({
  id: 'tcp-ports',
  description: 'TCP connect scan of the IoT port list',
  async run(device, ctx) {
    const open = await mapLimit(ctx.tuning.tcpPorts, ctx.tuning.perHostConcurrency, (port) => ctx.limit(async () => {
      if (ctx.signal.aborted) return null;
      ctx.progress(`${device.ip}:${port}`);
      const state = await probePort({ host: device.ip, port, timeoutMs: ctx.tuning.connectTimeoutMs, signal: ctx.signal })
        .catch(() => 'filtered' as const);
      return state === 'open' ? port : null;
    }));
    return open.filter((port): port is number => port !== null).map((port): Service => ({
      port, transport: 'tcp', service: 'unknown', encrypted: false, banner: null, product: null,
    }));
  },
});
