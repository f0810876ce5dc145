// Discovery, streaming: every discoverer runs side by side and each device is handed on the moment
// it has a MAC (ARP answers within ~20 ms), while mDNS and SSDP keep listening. A host seen
// without a MAC (mDNS, SSDP) is handed on once every discoverer had its say, so that it is never
// scanned twice (once by IP, once by MAC).
//
// A device's identity is settled when the describing discoverers' listen windows have closed
// (mDNS, SSDP: every device waits for those, whether it answers or not) and the enrich passes
// (names, IPv6 neighbours) have run over it — in batches: first over every device found by then,
// then over each batch a sweep finds later (an ARP sweep of a /22 lasts seconds; its last /24
// need not hold up its first).
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
  /** Its identity is settled: no discoverer will say more about it (called once per device). */
  onSettled: (device: Device) => void;
}

export async function discover(deps: DiscoveryStageDeps): Promise<void> {
  const { discoverers, ctx, merger, bus, log, meter } = deps;
  const announced = new WeakSet<Device>();
  const waiting: Device[] = [];
  let wake: (() => void) | null = null;
  const announce = (device: Device): void => {
    const first = !announced.has(device);
    bus.emit(first ? 'device:found' : 'device:updated', { scanId: ctx.scanId, device: structuredClone(device) });
    announced.add(device);
    if (!first) return;
    deps.onDevice(device);
    waiting.push(device);
    wake?.();
  };
  const report = (observation: Observation): void => {
    const { device } = merger.add(observation);
    if (device.mac !== null) announce(device);
  };
  const runOne = (discoverer: Discoverer): Promise<void> => discoverer.run(ctx, report)
    .catch((error: unknown) => log.warn(`discoverer ${discoverer.id} failed`, { error: String(error) }))
    .finally(() => meter.finish());
  meter.plan(discoverers.length + 1);
  const describing = Promise.all(discoverers.filter((d) => !d.findsOnly).map(runOne));
  const finding = Promise.all(discoverers.filter((d) => d.findsOnly).map(runOne));
  let runsOver = false;
  const allRuns = Promise.all([describing, finding]).then(() => {
    for (const device of merger.devices()) if (!announced.has(device)) announce(device);
    runsOver = true;
    wake?.();
  });

  await describing;
  // Enrich in batches until every run is over and every device found has had its pass.
  const enriching = discoverers.filter((d) => d.enrich);
  for (;;) {
    if (waiting.length === 0) {
      if (runsOver || ctx.signal.aborted) break;
      await new Promise<void>((resolve) => { wake = resolve; });
      wake = null;
      continue;
    }
    const batch = waiting.splice(0);
    await Promise.all(enriching.map((discoverer) => discoverer.enrich!(batch, ctx, report)
      .catch((error: unknown) => log.warn(`discoverer ${discoverer.id} failed to enrich`, { error: String(error) }))));
    for (const device of batch) deps.onSettled(device);
  }
  await allRuns;
  for (const device of waiting.splice(0)) deps.onSettled(device);
  meter.finish();
}
