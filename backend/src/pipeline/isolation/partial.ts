// What a scan had reported before its process died: the devices, services and findings relayed so
// far, folded into a contract result (status failed or cancelled), so the evidence pack keeps the
// partial scan as the store does.
import type { EventBus } from '../../core/events.js';
import type { Device, Finding, ScanFailure, ScanResult, ScanStatus } from '../../core/types.js';
import { parseCidr } from '../../scope/cidr.js';
import type { ScanRequest } from '../runner.js';

export interface PartialScan {
  result(status: ScanStatus, failure: ScanFailure | null): ScanResult;
  stop(): void;
}

export function collectPartial(bus: EventBus, request: ScanRequest, scanId: string, startedAt: Date, now: () => Date): PartialScan {
  const devices = new Map<string, Device>();
  const findings = new Map<string, Finding>();
  const keyOf = (ip: string, mac: string | null): string => {
    if (mac) return mac;
    // A device first reported by IP may since have gained its MAC: the same entry.
    for (const [key, device] of devices) if (device.ip === ip) return key;
    return ip;
  };
  const keep = ({ device }: { device: Device }): void => {
    const byIp = [...devices.entries()].find(([key, d]) => d.ip === device.ip && key === device.ip);
    if (byIp && device.mac) devices.delete(byIp[0]);
    devices.set(keyOf(device.ip, device.mac), device);
  };
  const stops = [
    bus.on('device:found', keep),
    bus.on('device:updated', keep),
    bus.on('service:found', ({ ip, mac, service }) => {
      const device = devices.get(keyOf(ip, mac));
      if (!device) return;
      const index = device.services.findIndex((s) => s.port === service.port && s.transport === service.transport);
      if (index === -1) device.services.push(service);
      else device.services[index] = { ...device.services[index]!, ...service };
    }),
    bus.on('finding:raised', ({ finding }) => { findings.set(finding.key, finding); }),
  ];
  return {
    result(status, failure) {
      const finishedAt = now();
      const found = [...devices.values()];
      return {
        schema: 'mamori.scan-result/1',
        scan: {
          id: scanId, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(),
          targets: request.targets, interface: request.interfaceName, loginChecks: request.loginChecks,
          ...(request.networks ? { interfaces: request.networks } : {}),
          stats: { addressesProbed: addressCount(request.targets), devicesFound: found.length, durationMs: finishedAt.getTime() - startedAt.getTime() },
          status,
          ...(failure ? { failureReason: failure } : {}),
          ...(request.site ? { site: request.site } : {}),
        },
        devices: found,
        findings: [...findings.values()],
      };
    },
    stop() { for (const stop of stops) stop(); },
  };
}

/** Host addresses in the ranges (as the runner counts them: network and broadcast left out). */
function addressCount(targets: readonly string[]): number {
  return targets.reduce((sum, text) => {
    const cidr = parseCidr(text);
    const hosts = cidr.family === 4 && cidr.prefix <= 30 ? cidr.size - 2n : cidr.size;
    return sum + Number(hosts > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : hosts);
  }, 0);
}
