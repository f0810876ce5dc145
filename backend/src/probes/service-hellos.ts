// Hellos in client-first protocols that do not answer HTTP (see PORT_HELLO): each names the
// service only from a valid answer in its own protocol, never from the port number.
import type { PluginContext } from '../core/plugins.js';
import type { Service } from '../core/types.js';
import { adbConnect } from '../protocols/adb.js';
import { PORT_HELLO } from './service-patterns.js';

export async function portHello(host: string, port: number, ctx: PluginContext): Promise<Partial<Service> | null> {
  const hello = PORT_HELLO[port];
  if (!hello) return null;
  const options = { host, port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal };
  switch (hello) {
    case 'adb': {
      const answer = await adbConnect(options);
      if (!answer) return null;
      const model = answer.kind === 'open' ? (answer.properties['ro.product.model'] ?? answer.properties['ro.product.name'] ?? null) : null;
      const banner = answer.kind === 'open' ? `ADB CNXN (no key authorisation): ${answer.banner}`
        : answer.kind === 'auth' ? 'ADB AUTH (key authorisation required)' : 'ADB STLS (TLS pairing required)';
      return { service: 'adb', banner: banner.slice(0, 200), product: model?.slice(0, 120) ?? null };
    }
    default:
      return null;
  }
}
