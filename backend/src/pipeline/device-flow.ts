// One device's way through a scan, started the moment it is found: found → probing → checking →
// done. Each service is named the moment its port is found open, and its looking-only checks
// start the moment it is named; checks that need the device's settled identity (credentials,
// UPnP) wait for it — for this device only (check-gate.ts says which wait for what). Checks on one
// service run one after the other; different services and devices run side by side, within the
// global and per-host limits.
import type { EventBus } from '../core/events.js';
import type { Limiter } from '../core/concurrency-limit.js';
import type { Logger } from '../core/logger.js';
import type { Check, PluginContext, Probe } from '../core/plugins.js';
import type { DeviceScanState } from '../core/records.js';
import type { Device, Service } from '../core/types.js';
import { mayRun, phaseOf, type CheckPhase, type LoginConsent } from './check-gate.js';
import { identify, mergeService, serviceKey } from './device-record.js';
import type { FindingsSink } from './findings-sink.js';
import type { ProgressMeter } from './progress.js';
import type { ScanPlugins } from './scan-types.js';

export interface DeviceFlowDeps {
  scanId: string;
  plugins: ScanPlugins;
  bus: EventBus;
  log: Logger;
  meter: ProgressMeter;
  sink: FindingsSink;
  consent: LoginConsent;
  /** For probes: every socket bounded by this host's limit, then the global one. */
  probeCtx: PluginContext;
  /** For checks: the global limit only (the flow holds this host's slot while a check runs). */
  checkCtx: PluginContext;
  hostSlot: Limiter;
  /** Discovery's listen windows are closed and this device's names looked up: its identity is settled. */
  identitySettled: Promise<void>;
  /** Every device found has been probed (for checks that report on other devices). */
  networkProbed: () => Promise<void>;
  onState: (device: Device, state: DeviceScanState) => void;
}

export interface DeviceFlow {
  /** Every service of the device found and named. */
  probed: Promise<void>;
  done: Promise<void>;
}

export function startDeviceFlow(device: Device, deps: DeviceFlowDeps): DeviceFlow {
  let markProbed!: () => void;
  const probed = new Promise<void>((resolve) => { markProbed = resolve; });
  const done = runFlow(device, deps, markProbed)
    .catch((error: unknown) => deps.log.warn(`scan of ${device.ip} failed`, { error: String(error) }))
    .finally(markProbed);
  return { probed, done };
}

async function runFlow(device: Device, deps: DeviceFlowDeps, markProbed: () => void): Promise<void> {
  const { signal } = deps.checkCtx;
  const checks = new ServiceChecks(device, deps);
  const background = new PendingWork();
  let phase: CheckPhase = 'named';
  // A probe that keeps listening after its first verdict (a late greeting) reports what it heard
  // here: the service joins the record and its checks start, in every phase already reached.
  const lateNamed = (service: Service): void => {
    if (signal.aborted) return;
    const { kept } = mergeService(device, service);
    deps.bus.emit('service:found', { scanId: deps.scanId, ip: device.ip, mac: device.mac, service: { ...kept } });
    identify(device, deps.plugins.identifiers, deps.probeCtx, deps.log);
    deps.sink.settle(device);
    for (const reached of PHASES.slice(0, PHASES.indexOf(phase) + 1)) checks.enqueue(kept, reached);
  };
  const probeCtx: PluginContext = {
    ...deps.probeCtx, limit: background.track(deps.probeCtx.limit), learned: (_ip, service) => lateNamed(service),
  };
  deps.onState(device, 'found');
  identify(device, deps.plugins.identifiers, probeCtx, deps.log);
  if (signal.aborted) return;

  deps.onState(device, 'probing');
  await probeDevice(device, { ...deps, probeCtx }, (service) => checks.enqueue(service, 'named'));
  markProbed();
  if (!(await untilOrAborted(deps.identitySettled, signal))) return;

  identify(device, deps.plugins.identifiers, probeCtx, deps.log);
  deps.sink.settle(device);
  deps.bus.emit('device:updated', { scanId: deps.scanId, device: structuredClone(device) });
  deps.onState(device, 'checking');
  phase = 'device';
  await checks.runPhase('device');
  if (!(await untilOrAborted(deps.networkProbed(), signal))) return;
  phase = 'network';
  await checks.runPhase('network');
  // Ports still listened to for a late greeting: wait for them (bounded by the probe), then for
  // the checks of any service they named.
  if (!(await untilOrAborted(background.drained(), signal))) return;
  await checks.settled();
  deps.bus.emit('device:updated', { scanId: deps.scanId, device: structuredClone(device) });
  if (!signal.aborted) deps.onState(device, 'done');
}

const PHASES: readonly CheckPhase[] = ['named', 'device', 'network'];

/** Counts a device's probe tasks still holding a slot (late-greeting listeners among them). */
class PendingWork {
  #count = 0;
  #waiters: Array<() => void> = [];

  track(limit: Limiter): Limiter {
    return <T>(task: () => Promise<T>): Promise<T> => {
      this.#count += 1;
      return limit(task).finally(() => {
        this.#count -= 1;
        if (this.#count === 0) for (const wake of this.#waiters.splice(0)) wake();
      });
    };
  }

  drained(): Promise<void> {
    return this.#count === 0 ? Promise.resolve() : new Promise((resolve) => { this.#waiters.push(resolve); });
  }
}

/** Device-wide probes run side by side; each service they find is named at once by the refining probes. */
async function probeDevice(device: Device, deps: DeviceFlowDeps, onNamed: (service: Service) => void): Promise<void> {
  const { probeCtx: ctx, log, meter, bus, scanId } = deps;
  const seen = new Set<string>();
  const naming: Promise<void>[] = [];
  const refiners = deps.plugins.probes.filter((p) => p.refine);
  const name = async (service: Service): Promise<void> => {
    let current = service;
    for (const probe of refiners) {
      if (ctx.signal.aborted) break;
      const refined = await probe.refine!(device, current, ctx).catch((error: unknown) => {
        log.warn(`probe ${probe.id} failed on ${device.ip}:${service.port}`, { error: String(error) });
        return null;
      });
      if (refined) current = mergeService(device, refined).kept;
    }
    meter.finish();
    if (ctx.signal.aborted) return;
    if (refiners.length > 0) bus.emit('service:found', { scanId, ip: device.ip, mac: device.mac, service: { ...current } });
    identify(device, deps.plugins.identifiers, ctx, log);
    onNamed(current);
  };
  const found = (service: Service): void => {
    const key = serviceKey(service);
    if (seen.has(key)) return;
    seen.add(key);
    const { kept } = mergeService(device, service);
    // Announced once named (below): a port found open is not news until we know what answers there.
    if (refiners.length === 0) bus.emit('service:found', { scanId, ip: device.ip, mac: device.mac, service: { ...kept } });
    meter.plan();
    naming.push(name(kept));
  };
  const wide = deps.plugins.probes.filter((p: Probe) => !p.refine);
  meter.plan(wide.length);
  await Promise.all(wide.map(async (probe) => {
    if (ctx.signal.aborted) return meter.finish();
    const services = await probe.run(device, ctx, found).catch((error: unknown) => {
      log.warn(`probe ${probe.id} failed on ${device.ip}`, { error: String(error) });
      return [];
    });
    for (const service of services) found(service);
    meter.finish();
  }));
  await Promise.all(naming);
}

/** The checks of one device: at most once per check and service, one after the other per service. */
class ServiceChecks {
  readonly #started = new Set<string>();
  readonly #chains = new Map<string, Promise<void>>();
  #version = 0;

  constructor(private readonly device: Device, private readonly deps: DeviceFlowDeps) {}

  enqueue(service: Service, phase: CheckPhase, only?: Check): void {
    for (const check of only ? [only] : this.deps.plugins.checks) {
      if (phaseOf(check) !== phase) continue;
      const id = `${check.id} ${serviceKey(service)}`;
      if (this.#started.has(id)) continue;
      if (!mayRun(check, { device: this.device, service }, this.deps.consent).run) continue;
      this.#started.add(id);
      this.deps.meter.plan();
      const key = serviceKey(service);
      this.#chains.set(key, (this.#chains.get(key) ?? Promise.resolve()).then(() => this.#run(check, service)));
      this.#version += 1;
    }
  }

  /** Enqueues this phase's checks on every service (and on the checks' extra services) and waits for them. */
  async runPhase(phase: CheckPhase): Promise<void> {
    for (const service of this.device.services) this.enqueue(service, phase);
    for (const check of this.deps.plugins.checks) {
      if (phaseOf(check) !== phase || !check.extraServices) continue;
      for (const service of check.extraServices(this.device, this.deps.checkCtx)) this.enqueue(service, phase, check);
    }
    await this.settled();
  }

  /** Waits until every check enqueued so far, and any enqueued meanwhile, has finished. */
  async settled(): Promise<void> {
    let seen: number;
    do {
      seen = this.#version;
      await Promise.all(this.#chains.values());
    } while (seen !== this.#version);
  }

  /** Never rejects: a failing check is logged and the service's next check still runs. */
  async #run(check: Check, service: Service): Promise<void> {
    const { deps, device } = this;
    const ctx = deps.checkCtx;
    try {
      if (ctx.signal.aborted) return;
      const target = { device, service };
      const results = await deps.hostSlot(async () => {
        if (ctx.signal.aborted) return [];
        ctx.progress(`${check.id} ${device.ip}:${service.port}`);
        return check.run(target, ctx);
      });
      deps.sink.raise(check, target, results);
    } catch (error) {
      deps.log.warn(`check ${check.id} failed on ${device.ip}:${service.port}`, { error: String(error) });
    } finally {
      deps.meter.finish();
    }
  }
}

/** Resolves true when the promise does, false as soon as the scan is cancelled. */
function untilOrAborted(promise: Promise<unknown>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => { signal.removeEventListener('abort', onAbort); resolve(true); }, () => { signal.removeEventListener('abort', onAbort); resolve(true); });
  });
}
