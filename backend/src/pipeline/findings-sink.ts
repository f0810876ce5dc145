// Where check results become findings: each raised on the bus the moment it is found (once per
// key), rebuilt when its device's identity settles (risk and vendor steps read the device type and
// maker), and listed at the end in a stable order.
import type { EventBus } from '../core/events.js';
import type { Check, CheckResult, CheckTarget } from '../core/plugins.js';
import type { Device, Finding } from '../core/types.js';
import { buildFinding, withInternetExposure } from '../findings/build.js';
import { serviceOrFallback } from './check-gate.js';
import { compareIp } from './merger.js';

interface Raised {
  finding: Finding;
  check: Check;
  /** Where the finding lands (the checked target, or the device a result names). */
  target: CheckTarget;
  result: CheckResult;
  /** Where the check ran, for the order of the list: device, port-scan services before extra ones, port. */
  order: { ip: string; extra: boolean; port: number };
}

export class FindingsSink {
  readonly #raised = new Map<string, Raised>();

  constructor(
    private readonly bus: EventBus,
    private readonly scanId: string,
    private readonly devices: () => readonly Device[],
    private readonly checkOrder: readonly Check[],
  ) {}

  /** Builds and raises each result's finding, unless one with the same key was raised already. */
  raise(check: Check, target: CheckTarget, results: readonly CheckResult[]): void {
    for (const result of results) {
      const subject = subjectOf(this.devices(), target, check, result);
      const finding = buildFinding(check, subject, result);
      if (this.#raised.has(finding.key)) continue;
      const extra = !target.device.services.some((s) => s.port === target.service.port && s.transport === target.service.transport);
      this.#raised.set(finding.key, { finding, check, target: subject, result, order: { ip: target.device.ip, extra, port: target.service.port } });
      this.bus.emit('finding:raised', { scanId: this.scanId, finding });
    }
  }

  /** The device's identity is settled now: findings raised on it before are rebuilt, and raised again if they changed. */
  settle(device: Readonly<Device>): void {
    for (const [key, raised] of this.#raised) {
      if (raised.target.device !== device) continue;
      const rebuilt = buildFinding(raised.check, { device, service: raised.target.service }, raised.result);
      if (JSON.stringify(rebuilt) === JSON.stringify(raised.finding)) continue;
      this.#raised.set(key, { ...raised, finding: rebuilt });
      this.bus.emit('finding:raised', { scanId: this.scanId, finding: rebuilt });
    }
  }

  /**
   * Known only once every device was checked (the router may come after the device it forwards
   * to): weaknesses on a port open to the internet are raised again with their higher risk.
   */
  assessInternetExposure(): void {
    const findings = [...this.#raised.values()].map((r) => r.finding);
    for (const updated of withInternetExposure(findings, this.devices())) {
      const raised = this.#raised.get(updated.key);
      if (raised) raised.finding = updated;
      this.bus.emit('finding:raised', { scanId: this.scanId, finding: updated });
    }
  }

  /**
   * Every finding, in the order a device-by-device scan would list them (whatever order they were
   * found in): by the checked device's address, its port-scan services before extra ones, port,
   * then the checks' registry order, then the order of one check's results.
   */
  findings(): Finding[] {
    const rank = (check: Check): number => this.checkOrder.indexOf(check);
    return [...this.#raised.values()]
      .sort((a, b) => compareIp(a.order.ip, b.order.ip) || Number(a.order.extra) - Number(b.order.extra)
        || a.order.port - b.order.port || rank(a.check) - rank(b.check))
      .map((r) => r.finding);
  }
}

/** The target a finding is raised on: the checked one, or the scan's device a result names. */
export function subjectOf(devices: readonly Readonly<Device>[], target: CheckTarget, check: Check, result: CheckResult): CheckTarget {
  const subject = result.subject;
  if (!subject) return target;
  const device = devices.find((d) => d.ip === subject.ip) ?? target.device;
  return { device, service: serviceOrFallback(device, subject.port, subject.transport, check.finding.service) };
}
