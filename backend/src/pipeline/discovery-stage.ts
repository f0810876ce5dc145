// Discovery, streaming: every discoverer runs side by side and each device is handed on the moment
// it has a MAC (ARP answers within ~20 ms), while mDNS and SSDP keep listening. A host seen
// without a MAC (mDNS, SSDP) is handed on once every discoverer had its say, so that it is never
// scanned twice (once by IP, once by MAC).
//
// A device's identity is settled when the describing discoverers' listen windows have closed
// (mDNS, SSDP: every device waits for those, whether it answers or not) and the enrich passes
// (names, IPv6 neighbours) have run over it — in batches: first over every device found by then,
// then over each batch a sweep finds later (an ARP sweep of a /22 lasts seconds; its last /24
// need not hold up its first). An enrich that needs nothing from the listen windows (unicast
// names: `enrichesEach`) is asked for each device the moment it is found, a few devices at a
// time, so its answer is usually in before the windows close instead of after a pass over all.
//
// Several networks (ranges behind different interfaces: eth1, a VLAN eth0.20): every discoverer
// runs on each, with that network's interface, address and ranges, and each device is marked with
// the network it was found on. A routed network (behind a router) gets only the discoverers that
// cross a router (discovery/routed.ts, names); its devices are known by IP only, and say so.
import { createLimiter } from '../core/concurrency-limit.js';
import type { EventBus } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { Discoverer, Observation, PluginContext } from '../core/plugins.js';
import type { Device, ScanNetwork } from '../core/types.js';
import { inScope } from '../discovery/scope.js';
import type { DeviceMerger } from './merger.js';
import type { ProgressMeter } from './progress.js';

/** One network of the scan and the plug-in context its discovery runs with (its interface, address, ranges). */
export interface NetworkScope {
  network: ScanNetwork;
  ctx: PluginContext;
}

export interface DiscoveryStageDeps {
  discoverers: readonly Discoverer[];
  ctx: PluginContext;
  /** Added: the networks to discover on; absent: one, ctx's own interface and ranges. */
  networks?: readonly NetworkScope[];
  merger: DeviceMerger;
  bus: EventBus;
  log: Logger;
  meter: ProgressMeter;
  /** A device is ready to be scanned (called once per device). */
  onDevice: (device: Device) => void;
  /** Its identity is settled: no discoverer will say more about it (called once per device). */
  onSettled: (device: Device) => void;
}

/** Devices asked at once by an enrich that runs per device: as many as one batch pass asks (names.ts). */
const EACH_AT_ONCE = 32;

export async function discover(deps: DiscoveryStageDeps): Promise<void> {
  const { discoverers, ctx, merger, bus, log, meter } = deps;
  const announced = new WeakSet<Device>();
  const waiting: Device[] = [];
  let wake: (() => void) | null = null;
  const networks = deps.networks ?? [{ network: { name: ctx.interfaceName, address: ctx.interfaceAddress, targets: [...ctx.targets] }, ctx }];
  // Each network's enrich passes only ever talk to its own devices, through its own interface.
  const scopeHolds = (scope: NetworkScope, device: Device): boolean => networks.length === 1 || (device.network !== undefined && scope.network.targets.includes(device.network));
  const enrichingEach = discoverers.filter((d) => d.enrich && d.enrichesEach);
  const enrichingBatches = discoverers.filter((d) => d.enrich && !d.enrichesEach);
  const eachTurn = createLimiter(EACH_AT_ONCE);
  const enrichedEach = new WeakMap<Device, Promise<unknown>>();
  const enrichEach = (device: Device): void => {
    enrichedEach.set(device, Promise.all(networks.filter((scope) => scopeHolds(scope, device)).flatMap((scope) => enrichingEach
      .filter((d) => runsOn(d, scope.network))
      .map((discoverer) => eachTurn(() => discoverer.enrich!([device], scope.ctx, reportOn(scope)))
        .catch((error: unknown) => log.warn(`discoverer ${discoverer.id} failed to enrich`, { error: String(error), interface: scope.network.name }))))));
  };
  const announce = (device: Device): void => {
    const first = !announced.has(device);
    bus.emit(first ? 'device:found' : 'device:updated', { scanId: ctx.scanId, device: structuredClone(device) });
    announced.add(device);
    if (!first) return;
    deps.onDevice(device);
    enrichEach(device);
    waiting.push(device);
    wake?.();
  };
  const reportOn = (scope: NetworkScope) => (observation: Observation): void => {
    const { device } = merger.add(observation);
    placeOn(device, scope.network);
    if (device.mac !== null) announce(device);
  };
  const runOne = (discoverer: Discoverer, scope: NetworkScope): Promise<void> => discoverer.run(scope.ctx, reportOn(scope))
    .catch((error: unknown) => log.warn(`discoverer ${discoverer.id} failed`, { error: String(error), interface: scope.network.name }))
    .finally(() => meter.finish());
  const runAll = (which: readonly Discoverer[]): Promise<void[]> => Promise.all(networks.flatMap((scope) => which.filter((d) => runsOn(d, scope.network)).map((d) => runOne(d, scope))));
  meter.plan(networks.reduce((sum, scope) => sum + discoverers.filter((d) => runsOn(d, scope.network)).length, 0) + 1);
  const describing = runAll(discoverers.filter((d) => !d.findsOnly));
  const finding = runAll(discoverers.filter((d) => d.findsOnly));
  let runsOver = false;
  const allRuns = Promise.all([describing, finding]).then(() => {
    for (const device of merger.devices()) if (!announced.has(device)) announce(device);
    runsOver = true;
    wake?.();
  });

  await describing;
  // Enrich in batches until every run is over and every device found has had its pass.
  for (;;) {
    if (waiting.length === 0) {
      if (runsOver || ctx.signal.aborted) break;
      await new Promise<void>((resolve) => { wake = resolve; });
      wake = null;
      continue;
    }
    const batch = waiting.splice(0);
    await Promise.all(networks.flatMap((scope) => {
      const mine = batch.filter((d) => scopeHolds(scope, d));
      if (mine.length === 0) return [];
      return enrichingBatches.filter((d) => runsOn(d, scope.network)).map((discoverer) => discoverer.enrich!(mine, scope.ctx, reportOn(scope))
        .catch((error: unknown) => log.warn(`discoverer ${discoverer.id} failed to enrich`, { error: String(error), interface: scope.network.name })));
    }));
    // Each device settles once its own per-device passes are in too (most ended long before).
    await Promise.all(batch.map(async (device) => {
      await enrichedEach.get(device);
      deps.onSettled(device);
    }));
  }
  await allRuns;
  for (const device of waiting.splice(0)) deps.onSettled(device);
  meter.finish();
}

/** On-link discoverers on on-link networks; those that cross a router on routed ones. */
function runsOn(discoverer: Discoverer, network: ScanNetwork): boolean {
  return network.via ? discoverer.routed !== undefined : discoverer.routed !== 'only';
}

/** Marks a device with the network it was first found on: the range holding its address and the interface. */
function placeOn(device: Device, network: ScanNetwork): void {
  if (device.interface !== undefined || network.name === '') return;
  device.interface = network.name;
  const range = network.targets.find((target) => inScope({ targets: [target] }, device.ip));
  if (range) device.network = range;
  if (!network.via) return;
  device.via = network.via;
  device.evidence.push({
    source: 'discovery',
    detail: `Behind the router ${network.via}: found by its IP address only; its MAC address and maker cannot be seen from here`,
    detailJa: `ルーター ${network.via} の先にある機器です。IPアドレスだけで見つけたため、MACアドレスやメーカーはここからは分かりません`,
  });
}
