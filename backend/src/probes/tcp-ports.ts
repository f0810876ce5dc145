import { defineProbe } from '../core/plugins.js';
import { mapLimit } from '../core/concurrency-limit.js';
import type { Service } from '../core/types.js';
import { probePort } from '../protocols/tcp.js';

/** TCP connect scan of the configured IoT port list, bounded globally and per host. */
export const tcpPortsProbe = defineProbe({
  id: 'tcp-ports',
  description: 'TCP connect scan of the IoT port list',
  async run(device, ctx, found) {
    const open = await mapLimit(ctx.tuning.tcpPorts, ctx.tuning.perHostConcurrency, (port) => ctx.limit(async () => {
      if (ctx.signal.aborted) return null;
      ctx.progress(`${device.ip}:${port}`);
      const state = await probePort({ host: device.ip, port, timeoutMs: ctx.tuning.connectTimeoutMs, signal: ctx.signal })
        .catch(() => 'filtered' as const);
      if (state !== 'open') return null;
      const service = openPort(port);
      // Streamed on at once: the service is named while the other ports are still being tried.
      found?.({ ...service });
      return service;
    }));
    return open.filter((service): service is Service => service !== null);
  },
});

function openPort(port: number): Service {
  return { port, transport: 'tcp', service: 'unknown', encrypted: false, banner: null, product: null };
}
