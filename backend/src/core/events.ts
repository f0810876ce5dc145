// The event maps shared by the scan runner, the appliance's scan service, the socket bridge and the
// alerts, and the typed bus they travel on. One bad listener never unwinds the emitter.
import { EventEmitter } from 'node:events';
import type { DeviceForgottenPayload, DeviceScanState, DeviceStatePayload, QueuedScan, ScanSummary, StoredDevice, StoredFinding } from './records.js';
import type { CredentialAttempt, Device, Finding, ScanProgress, ScanResult, Service } from './types.js';

export { DEVICE_SCAN_STATES, type DeviceScanState, type DeviceStatePayload } from './records.js';

/** Every stage of one scan run reports through these events (pipeline/runner.ts emits them). */
export interface ScanEvents {
  'scan:started': { scanId: string; targets: string[]; interface: string; loginChecks: boolean; startedAt: string };
  'scan:progress': ScanProgress;
  'device:found': { scanId: string; device: Device };
  'device:updated': { scanId: string; device: Device };
  /** The device moved on in this scan (found → probing → checking → done). */
  'device:state': { scanId: string; ip: string; mac: string | null; state: DeviceScanState };
  'service:found': { scanId: string; ip: string; mac: string | null; service: Service };
  'finding:raised': { scanId: string; finding: Finding };
  'scan:finished': { scanId: string; result: ScanResult };
  'check:attempt': { scanId: string; attempt: CredentialAttempt };
}

export type ScanEventName = keyof ScanEvents;

/** What the appliance's scan service re-emits, as the dashboard sees it (stored records, with ids). */
export interface ApplianceEvents {
  'scan:started': ScanSummary;
  'scan:progress': ScanProgress;
  'device:found': StoredDevice;
  'device:updated': StoredDevice;
  'device:state': DeviceStatePayload;
  'service:found': { deviceId: string; ip: string; service: Service };
  /** A scan raised (or raised again) this finding. */
  'finding:raised': StoredFinding;
  /** A stored finding's status changed: the owner's decision, a re-test, an acceptance that expired. */
  'finding:changed': StoredFinding;
  'scan:finished': ScanSummary;
  'scan:queue': QueuedScan[];
  /** The owner forgot a device: it left the inventory, its open findings were resolved. */
  'device:forgotten': DeviceForgottenPayload;
}

/** What changed in the store, for alerts: only the first sighting, a new weakness, one that came back. */
export interface ChangeEvents {
  'device:new': { scanId: string; device: StoredDevice };
  'finding:new': { scanId: string; finding: StoredFinding };
  'finding:reopened': { scanId: string; finding: StoredFinding };
  'scan:done': ScanSummary;
}

/** Called with what a listener threw; the default reports it on stderr (core has no logger). */
export type ListenerErrorHandler = (event: string, error: unknown) => void;

const reportToStderr: ListenerErrorHandler = (event, error) => {
  process.stderr.write(`mamori: a listener of ${event} failed: ${error instanceof Error ? error.message : String(error)}\n`);
};

/**
 * A typed wrapper over EventEmitter, so a misspelt event name is a compile error. Each listener
 * runs in its own try/catch: a throwing subscriber (a broken socket, a full disk) is reported and
 * the others still hear the event, and the scan that emitted it goes on.
 */
export class EventBus<Events extends object = ScanEvents> {
  readonly #emitter = new EventEmitter();
  readonly #onListenerError: ListenerErrorHandler;

  constructor(onListenerError: ListenerErrorHandler = reportToStderr) {
    // Many dashboard sockets may listen at once; the default of 10 would warn spuriously.
    this.#emitter.setMaxListeners(0);
    this.#onListenerError = onListenerError;
  }

  emit<K extends keyof Events & string>(name: K, payload: Events[K]): void {
    this.#emitter.emit(name, payload);
  }

  on<K extends keyof Events & string>(name: K, listener: (payload: Events[K]) => void): () => void {
    const guarded = (payload: unknown): void => {
      try {
        listener(payload as Events[K]);
      } catch (error) {
        try { this.#onListenerError(name, error); } catch { /* the reporter itself must not throw either */ }
      }
    };
    this.#emitter.on(name, guarded);
    return () => this.#emitter.off(name, guarded);
  }
}
