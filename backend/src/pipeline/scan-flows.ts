// Every device flow of one scan: starts each as its device is found, gives each its own per-host
// limit, tracks where each device is (streamed as device:state) and what the scan as a whole is
// doing, and knows when all devices are probed and when all are done.
import type { EventBus } from '../core/events.js';
import { createLimiter, type Limiter } from '../core/concurrency-limit.js';
import type { PluginContext } from '../core/plugins.js';
import type { DeviceScanState } from '../core/records.js';
import type { Device } from '../core/types.js';
import { startDeviceFlow, type DeviceFlow, type DeviceFlowDeps } from './device-flow.js';
import type { ProgressMeter } from './progress.js';

export type SharedFlowDeps = Omit<DeviceFlowDeps, 'probeCtx' | 'checkCtx' | 'hostSlot' | 'identitySettled' | 'networkProbed' | 'onState'>;

export class ScanFlows {
  readonly #flows: DeviceFlow[] = [];
  readonly #states = new Map<Device, DeviceScanState>();
  /** Per device: its identity is settled (discovery-stage.ts decides when). */
  readonly #settled = new Map<Device, () => void>();
  #discoveryOver = false;
  /** No device is found after this. */
  readonly discoveryOver: Promise<void>;
  readonly #over: () => void;

  constructor(private readonly ctx: PluginContext, private readonly shared: SharedFlowDeps, private readonly meter: ProgressMeter, private readonly bus: EventBus) {
    let over!: () => void;
    this.discoveryOver = new Promise<void>((resolve) => { over = resolve; });
    this.#over = over;
  }

  /** Starts scanning a device the moment it is found. */
  start(device: Device): void {
    let settle!: () => void;
    const identitySettled = new Promise<void>((resolve) => { settle = resolve; });
    this.#settled.set(device, settle);
    const hostSlot = createLimiter(this.ctx.tuning.perHostConcurrency);
    const global = this.ctx.limit;
    // Probes take a slot of this host, then a global one, for every socket they open.
    const probeLimit: Limiter = (task) => hostSlot(() => global(task));
    this.#flows.push(startDeviceFlow(device, {
      ...this.shared,
      probeCtx: { ...this.ctx, limit: probeLimit },
      checkCtx: this.ctx,
      hostSlot,
      identitySettled,
      networkProbed: () => this.allProbed(),
      onState: (d, state) => this.#setState(d, state),
    }));
  }

  /** Discovery will say nothing more about this device. */
  settled(device: Device): void {
    this.#settled.get(device)?.();
  }

  /** No device is found after this, and every identity is settled. */
  discoveryDone(): void {
    for (const settle of this.#settled.values()) settle();
    this.#discoveryOver = true;
    this.#over();
    this.#updateStage();
  }

  async allProbed(): Promise<void> {
    await this.discoveryOver;
    await Promise.all(this.#flows.map((f) => f.probed));
  }

  async allDone(): Promise<void> {
    await Promise.all(this.#flows.map((f) => f.done));
  }

  #setState(device: Device, state: DeviceScanState): void {
    this.#states.set(device, state);
    this.bus.emit('device:state', { scanId: this.ctx.scanId, ip: device.ip, mac: device.mac, state });
    this.#updateStage();
  }

  /** Discovery while discoverers listen; probing while any device is; then checks. */
  #updateStage(): void {
    if (!this.#discoveryOver) return this.meter.stageIs('discovery');
    const states = [...this.#states.values()];
    this.meter.stageIs(states.some((s) => s === 'found' || s === 'probing') ? 'probing' : 'checks');
  }
}
