// Every device flow of one scan: starts each as its device is found, gives each its own per-host
// limit, tracks where each device is (streamed as device:state) and what the scan as a whole is
// doing, and knows when all devices are probed and when all are done.
import type { EventBus } from '../core/events.js';
import { createLimiter, type Limiter } from '../core/limiter.js';
import type { PluginContext } from '../core/plugins.js';
import type { DeviceScanState } from '../core/records.js';
import type { Device } from '../core/types.js';
import { startDeviceFlow, type DeviceFlow, type DeviceFlowDeps } from './device-flow.js';
import type { ProgressMeter } from './progress.js';

export type SharedFlowDeps = Omit<DeviceFlowDeps, 'probeCtx' | 'checkCtx' | 'hostSlot' | 'discoverySettled' | 'networkProbed' | 'onState'>;

export class ScanFlows {
  readonly #flows: DeviceFlow[] = [];
  readonly #states = new Map<Device, DeviceScanState>();
  #discoveryOver = false;
  readonly discoverySettled: Promise<void>;
  readonly #settle: () => void;

  constructor(private readonly ctx: PluginContext, private readonly shared: SharedFlowDeps, private readonly meter: ProgressMeter, private readonly bus: EventBus) {
    let settle!: () => void;
    this.discoverySettled = new Promise<void>((resolve) => { settle = resolve; });
    this.#settle = settle;
  }

  /** Starts scanning a device the moment it is found. */
  start(device: Device): void {
    const hostSlot = createLimiter(this.ctx.tuning.perHostConcurrency);
    const global = this.ctx.limit;
    // Probes take a slot of this host, then a global one, for every socket they open.
    const probeLimit: Limiter = (task) => hostSlot(() => global(task));
    this.#flows.push(startDeviceFlow(device, {
      ...this.shared,
      probeCtx: { ...this.ctx, limit: probeLimit },
      checkCtx: this.ctx,
      hostSlot,
      discoverySettled: this.discoverySettled,
      networkProbed: () => this.allProbed(),
      onState: (d, state) => this.#setState(d, state),
    }));
  }

  /** No device is found after this: identities are settled. */
  discoveryDone(): void {
    this.#discoveryOver = true;
    this.#settle();
    this.#updateStage();
  }

  async allProbed(): Promise<void> {
    await this.discoverySettled;
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
