// Small edits of one device record during a scan: what the identifiers conclude, a service found
// or refined. Pure; the device flow decides when.
import type { Logger } from '../core/logger.js';
import type { Identifier, PluginContext } from '../core/plugins.js';
import type { Device, Service } from '../core/types.js';
import { deviceBrand, englishDisplayName } from '../identify/display-name.js';

/** Runs every identifier over the device as it is known now (cheap, so it runs often). */
export function identify(device: Device, identifiers: readonly Identifier[], ctx: PluginContext, log: Logger): void {
  for (const identifier of identifiers) {
    try {
      const patch = identifier.identify(device, ctx);
      if (!patch) continue;
      const { evidence, ...fields } = patch;
      Object.assign(device, fields);
      for (const item of evidence ?? []) {
        if (!device.evidence.some((e) => e.source === item.source && e.detail === item.detail)) device.evidence.push(item);
      }
    } catch (error) {
      log.warn(`identifier ${identifier.id} failed on ${device.ip}`, { error: String(error) });
    }
  }
  // Named last: the name reads what the identifiers concluded (type, vendor).
  device.displayName = englishDisplayName(device);
  device.brand = deviceBrand(device);
}

export function serviceKey(service: Pick<Service, 'port' | 'transport'>): string {
  return `${service.transport}/${service.port}`;
}

/** Adds the service or refines the one on the same port; returns the record now kept and whether it is new. */
export function mergeService(device: Device, service: Service): { kept: Service; isNew: boolean } {
  const index = device.services.findIndex((s) => s.port === service.port && s.transport === service.transport);
  let kept: Service;
  if (index === -1) {
    kept = { ...service };
    device.services.push(kept);
  } else {
    kept = { ...device.services[index]!, ...service };
    // A service named after all no longer says it was not.
    if (kept.service !== 'unknown' && !service.unnamed) delete kept.unnamed;
    device.services[index] = kept;
  }
  device.services.sort((a, b) => a.port - b.port);
  return { kept, isNew: index === -1 };
}
