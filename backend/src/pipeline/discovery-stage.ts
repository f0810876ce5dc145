// Discovery, streaming: every discoverer runs side by side and each device is handed on the moment
// it has a MAC (ARP answers within ~20 ms), while mDNS and SSDP keep listening. A host seen
// without a MAC (mDNS, SSDP) is handed on once every discoverer had its say, so that it is never
// scanned twice (once by IP, once by MAC). Then the enrich passes (names, IPv6 neighbours) run
// over the devices found; when they end, discovery is settled: no device's identity changes after.
import type { EventBus } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { Discoverer, Observation, PluginContext } from '../core/plugins.js';
import type { Device } from '../core/types.js';
import type { DeviceMerger } from './merger.js';
import type { ProgressMeter } from './progress.js';

export interface DiscoveryStageDeps {
  discoverers: readonly Discoverer[];
  ctx: PluginContext;
  merger: DeviceMerger;
  bus: EventBus;
  log: Logger;
  meter: ProgressMeter;
  /** A device is ready to be scanned (called once per device). */
  onDevice: (device: Device) => void;
}

export async function discover(deps: DiscoveryStageDeps): Promise<void> {
  const { discoverers, ctx, merger, bus, log, meter } = deps;
  const announced = new WeakSet<Device>();
  const announce = (device: Device): void => {
    const first = !announced.has(device);
    bus.emit(first ? 'device:found' : 'device:updated', { scanId: ctx.scanId, device: structuredClone(device) });
    announced.add(device);
    if (first) deps.onDevice(device);
  };
  const report = (observation: Observation): void => {
    const { device } = merger.add(observation);
    if (device.mac !== null) announce(device);
  };
  const enriching = discoverers.filter((d) => d.enrich);
  meter.plan(discoverers.length + enriching.length);
  await Promise.all(discoverers.map((discoverer) => discoverer.run(ctx, report)
    .catch((error: unknown) => log.warn(`discoverer ${discoverer.id} failed`, { error: String(error) }))
    .finally(() => meter.finish())));
  for (const device of merger.devices()) if (!announced.has(device)) announce(device);
  await Promise.all(enriching.map((discoverer) => discoverer.enrich!(merger.devices(), ctx, report)
    .catch((error: unknown) => log.warn(`discoverer ${discoverer.id} failed to enrich`, { error: String(error) }))
    .finally(() => meter.finish())));
}
