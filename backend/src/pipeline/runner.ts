// One scan = one run of the pipeline, streaming: discover → (per device, the moment it is found)
// identify → probe → name each service → check → findings; then the internet-exposure pass over
// all findings. No barrier holds a fast device behind a slow one (device-flow.ts). Every stage
// reports on the event bus; nothing here knows about express, socket.io or lowdb.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createLimiter } from '../core/concurrency-limit.js';
import type { PluginContext } from '../core/plugins.js';
import type { ScanResult, ScanStatus } from '../core/types.js';
import { parseCidr } from '../scope/cidr.js';
import { discover, type NetworkScope } from './discovery-stage.js';
import { identify, mergeService } from './device-record.js';
import { FindingsSink } from './findings-sink.js';
import { DeviceMerger } from './merger.js';
import { ProgressMeter } from './progress.js';
import { ScanFlows } from './scan-flows.js';
import type { ScanDependencies, ScanRequest } from './scan-types.js';

export type { ScanDependencies, ScanPlugins, ScanRequest } from './scan-types.js';

export async function runScan(request: ScanRequest, deps: ScanDependencies, signal: AbortSignal, scanId: string = randomUUID()): Promise<ScanResult> {
  const now = deps.now ?? (() => new Date());
  // Every open socket listens on the signal; hundreds at once are expected, not a leak.
  setMaxListeners(0, signal);
  const startedAt = now();
  const log = deps.log.child(`scan ${scanId.slice(0, 8)}`);
  const { bus, plugins } = deps;
  const merger = new DeviceMerger();
  const meter = new ProgressMeter(bus, scanId);
  const global = createLimiter(deps.tuning.globalConcurrency);
  const ctx: PluginContext = {
    scanId, signal, log, tuning: deps.tuning, limit: global, limitFirst: global.first,
    interfaceName: request.interfaceName, interfaceAddress: request.interfaceAddress,
    targets: request.targets, loginChecks: request.loginChecks,
    progress: (what) => meter.current(what),
    recordAttempt: (attempt) => bus.emit('check:attempt', { scanId, attempt: { ...attempt, at: now().toISOString() } }),
    devices: () => merger.devices(),
    // A check learned what a service is (an SNMP agent's system group): onto the record, identify again.
    learned: (ip, service) => {
      const device = merger.devices().find((d) => d.ip === ip);
      if (!device) return;
      mergeService(device, service);
      identify(device, plugins.identifiers, ctx, log);
      // Findings already raised on it are re-assessed with what is known now (type, maker).
      sink.settle(device);
      bus.emit('device:updated', { scanId, device: structuredClone(device) });
    },
  };
  const sink = new FindingsSink(bus, scanId, () => merger.devices(), plugins.checks);
  const consent = { loginChecks: request.loginChecks, excluded: request.loginChecksExcluded ?? [] };
  // One network per interface (scope/resolve.ts): discovery on each with its own address and ranges.
  const networks = request.networks ?? [{ name: request.interfaceName, address: request.interfaceAddress, targets: [...request.targets] }];
  const scopes: NetworkScope[] = networks.map((network) => ({
    network, ctx: { ...ctx, interfaceName: network.name, interfaceAddress: network.address, targets: network.targets },
  }));
  const flows = new ScanFlows(ctx, { scanId, plugins, bus, log, meter, sink, consent }, meter, bus);

  bus.emit('scan:started', { scanId, targets: request.targets, interface: request.interfaceName, loginChecks: request.loginChecks, startedAt: startedAt.toISOString() });
  meter.stageIs('discovery');
  let status: ScanStatus = 'completed';
  try {
    await discover({
      discoverers: plugins.discoverers, ctx, networks: scopes, merger, bus, log, meter,
      onDevice: (device) => flows.start(device), onSettled: (device) => flows.settled(device),
    });
    flows.discoveryDone();
    await flows.allDone();
    sink.assessInternetExposure();
    if (signal.aborted) status = 'cancelled';
  } catch (error) {
    status = signal.aborted ? 'cancelled' : 'failed';
    log.error('scan failed', { error: String(error) });
  }
  meter.stageIs('done');
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
      ...(request.networks ? { interfaces: request.networks } : {}),
      loginChecks: request.loginChecks,
      stats: { addressesProbed: addressCount(request.targets), devicesFound: devices.length, durationMs: finishedAt.getTime() - startedAt.getTime() },
      status,
      ...(request.site ? { site: request.site } : {}),
    },
    devices,
    findings: sink.findings(),
  };
  bus.emit('scan:finished', { scanId, result });
  return result;
}

function addressCount(targets: readonly string[]): number {
  return targets.reduce((sum, t) => {
    const cidr = parseCidr(t);
    const hosts = cidr.family === 4 && cidr.prefix <= 30 ? cidr.size - 2n : cidr.size;
    return sum + Number(hosts > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : hosts);
  }, 0);
}
