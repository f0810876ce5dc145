// One scan = one run of the pipeline: discover → merge → identify → probe → check → findings.
// Every stage reports on the event bus; nothing here knows about express, socket.io or lowdb.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { EventBus } from '../core/events.js';
import { createLimiter } from '../core/limiter.js';
import type { Logger } from '../core/logger.js';
import type {
  Check, CheckResult, CheckTarget, Discoverer, Identifier, Observation, PluginContext, Probe, ScanTuning,
} from '../core/plugins.js';
import type { Device, Finding, ScanResult, ScanStage, ScanStatus, Service } from '../core/types.js';
import { buildFinding, withInternetExposure } from '../findings/build.js';
import { parseCidr } from '../scope/cidr.js';
import { DeviceMerger } from './merger.js';

export interface ScanRequest {
  targets: string[];
  interfaceName: string;
  interfaceAddress: string | null;
  loginChecks: boolean;
  /** Devices (by MAC or IP) on which login checks must not run even when enabled. */
  loginChecksExcluded?: readonly string[];
}

export interface ScanPlugins {
  discoverers: readonly Discoverer[];
  identifiers: readonly Identifier[];
  probes: readonly Probe[];
  checks: readonly Check[];
}

export interface ScanDependencies {
  plugins: ScanPlugins;
  bus: EventBus;
  log: Logger;
  tuning: ScanTuning;
  now?: () => Date;
}

const STAGE_SPAN: Record<Exclude<ScanStage, 'done'>, [number, number]> = {
  discovery: [0, 25], identification: [25, 30], probing: [30, 70], checks: [70, 100],
};

export async function runScan(request: ScanRequest, deps: ScanDependencies, signal: AbortSignal, scanId = randomUUID()): Promise<ScanResult> {
  const now = deps.now ?? (() => new Date());
  // Every open socket listens on the signal; hundreds at once are expected, not a leak.
  setMaxListeners(0, signal);
  const startedAt = now();
  const log = deps.log.child(`scan ${scanId.slice(0, 8)}`);
  const { bus } = deps;
  let stage: ScanStage = 'discovery';
  let fraction = 0;
  let current: string | null = null;
  let lastProgress = 0;
  const emitProgress = (force = false): void => {
    // At most ~10 progress events a second: enough for a live bar, cheap for the socket.
    if (!force && Date.now() - lastProgress < 100) return;
    lastProgress = Date.now();
    const [from, to] = stage === 'done' ? [100, 100] : STAGE_SPAN[stage];
    bus.emit('scan:progress', { scanId, stage, percent: Math.round(from + (to - from) * fraction), current });
  };
  const ctx: PluginContext = {
    scanId, signal, log, tuning: deps.tuning, limit: createLimiter(deps.tuning.globalConcurrency),
    interfaceName: request.interfaceName, interfaceAddress: request.interfaceAddress,
    targets: request.targets, loginChecks: request.loginChecks,
    progress: (what) => { current = what; emitProgress(); },
    recordAttempt: (attempt) => bus.emit('check:attempt', { scanId, attempt: { ...attempt, at: now().toISOString() } }),
    devices: () => merger.devices(),
    // A check learned what a service is (an SNMP agent's system group): onto the record, identify again.
    learned: (ip, service) => {
      const device = merger.devices().find((d) => d.ip === ip);
      if (!device) return;
      mergeServices(device, [service], (s) => bus.emit('service:found', { scanId, ip: device.ip, mac: device.mac, service: s }));
      identify(device, deps.plugins.identifiers, ctx, log);
      bus.emit('device:updated', { scanId, device: structuredClone(device) });
    },
  };
  const setStage = (next: ScanStage): void => { stage = next; fraction = 0; current = null; emitProgress(true); };

  bus.emit('scan:started', { scanId, targets: request.targets, interface: request.interfaceName, loginChecks: request.loginChecks, startedAt: startedAt.toISOString() });
  const merger = new DeviceMerger();
  const findings: Finding[] = [];
  let status: ScanStatus = 'completed';
  try {
    setStage('discovery');
    // A host seen without a MAC yet (mDNS, SSDP) is announced once ARP had its say, so that the
    // dashboard and the store never hold it twice (once by IP, once by MAC).
    const announced = new WeakSet<Device>();
    const announce = (device: Device): void => {
      bus.emit(announced.has(device) ? 'device:updated' : 'device:found', { scanId, device: structuredClone(device) });
      announced.add(device);
    };
    const report = (observation: Observation): void => {
      const { device } = merger.add(observation);
      if (device.mac !== null) announce(device);
    };
    const { discoverers } = deps.plugins;
    await Promise.all(discoverers.map((discoverer) => discoverer.run(ctx, report)
      .catch((error: unknown) => log.warn(`discoverer ${discoverer.id} failed`, { error: String(error) }))));
    await Promise.all(discoverers.map((discoverer) => discoverer.enrich?.(merger.devices(), ctx, report)
      .catch((error: unknown) => log.warn(`discoverer ${discoverer.id} failed to enrich`, { error: String(error) }))));
    for (const device of merger.devices()) if (!announced.has(device)) announce(device);

    setStage('identification');
    for (const device of merger.devices()) identify(device, deps.plugins.identifiers, ctx, log);
    for (const device of merger.devices()) bus.emit('device:updated', { scanId, device: structuredClone(device) });

    setStage('probing');
    await forEachDevice(merger.devices(), signal, (done, total) => { fraction = done / total; emitProgress(); }, async (device) => {
      for (const probe of deps.plugins.probes) {
        if (signal.aborted) return;
        const services = await probe.run(device, ctx).catch((error: unknown) => {
          log.warn(`probe ${probe.id} failed on ${device.ip}`, { error: String(error) });
          return null;
        });
        if (services) mergeServices(device, services, (service) => bus.emit('service:found', { scanId, ip: device.ip, mac: device.mac, service }));
      }
      identify(device, deps.plugins.identifiers, ctx, log);
      bus.emit('device:updated', { scanId, device: structuredClone(device) });
    });

    setStage('checks');
    const excluded = new Set(request.loginChecksExcluded ?? []);
    await forEachDevice(merger.devices(), signal, (done, total) => { fraction = done / total; emitProgress(); }, async (device) => {
      const loginAllowed = request.loginChecks && !excluded.has(device.mac ?? '') && !excluded.has(device.ip);
      const runCheck = async (check: Check, service: Service): Promise<void> => {
        const target = { device, service };
        if (signal.aborted) return;
        if (check.intrusive && !loginAllowed) return;
        if (!check.appliesTo(target)) return;
        ctx.progress(`${check.id} ${device.ip}:${service.port}`);
        const results = await check.run(target, ctx).catch((error: unknown) => {
          log.warn(`check ${check.id} failed on ${device.ip}:${service.port}`, { error: String(error) });
          return [];
        });
        for (const result of results) {
          const finding = buildFinding(check, subjectOf(merger.devices(), target, check, result), result);
          if (findings.some((f) => f.key === finding.key)) continue;
          findings.push(finding);
          bus.emit('finding:raised', { scanId, finding });
        }
      };
      for (const service of device.services) {
        for (const check of deps.plugins.checks) await runCheck(check, service);
      }
      for (const check of deps.plugins.checks) {
        for (const service of check.extraServices?.(device, ctx) ?? []) await runCheck(check, service);
      }
    });
    // Known only once every device was checked (the router may come after the device it forwards
    // to): weaknesses on a port open to the internet are raised again with their higher risk.
    for (const updated of withInternetExposure(findings, merger.devices())) {
      findings[findings.findIndex((f) => f.key === updated.key)] = updated;
      bus.emit('finding:raised', { scanId, finding: updated });
    }
    if (signal.aborted) status = 'cancelled';
  } catch (error) {
    status = signal.aborted ? 'cancelled' : 'failed';
    log.error('scan failed', { error: String(error) });
  }
  setStage('done');
  const finishedAt = now();
  const devices = merger.devices();
  const result: ScanResult = {
    schema: 'mamori.scan-result/1',
    scan: {
      id: scanId,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      targets: request.targets,
      interface: request.interfaceName,
      loginChecks: request.loginChecks,
      stats: { addressesProbed: addressCount(request.targets), devicesFound: devices.length, durationMs: finishedAt.getTime() - startedAt.getTime() },
      status,
    },
    devices,
    findings,
  };
  bus.emit('scan:finished', { scanId, result });
  return result;
}

/** The target a finding is raised on: the checked one, or the scan's device a result names. */
function subjectOf(devices: readonly Device[], target: CheckTarget, check: Check, result: CheckResult): CheckTarget {
  const subject = result.subject;
  if (!subject) return target;
  const device = devices.find((d) => d.ip === subject.ip) ?? target.device;
  const service = device.services.find((s) => s.port === subject.port && s.transport === subject.transport)
    ?? { port: subject.port, transport: subject.transport, service: check.finding.service, encrypted: false, banner: null, product: null };
  return { device, service };
}

function identify(device: Device, identifiers: readonly Identifier[], ctx: PluginContext, log: Logger): void {
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
}

function mergeServices(device: Device, services: readonly Device['services'][number][], onNew: (s: Device['services'][number]) => void): void {
  for (const service of services) {
    const index = device.services.findIndex((s) => s.port === service.port && s.transport === service.transport);
    if (index === -1) {
      device.services.push(service);
      onNew(service);
    } else {
      device.services[index] = { ...device.services[index]!, ...service };
    }
  }
  device.services.sort((a, b) => a.port - b.port);
}

/** Works on all devices at once (the global socket limiter bounds the real concurrency). */
async function forEachDevice(devices: Device[], signal: AbortSignal, onProgress: (done: number, total: number) => void, work: (d: Device) => Promise<void>): Promise<void> {
  let done = 0;
  await Promise.all(devices.map(async (device) => {
    if (signal.aborted) return;
    await work(device);
    done += 1;
    onProgress(done, devices.length);
  }));
}

function addressCount(targets: readonly string[]): number {
  return targets.reduce((sum, t) => {
    const cidr = parseCidr(t);
    const hosts = cidr.family === 4 && cidr.prefix <= 30 ? cidr.size - 2n : cidr.size;
    return sum + Number(hosts > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : hosts);
  }, 0);
}
