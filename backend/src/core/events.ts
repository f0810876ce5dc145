import { EventEmitter } from 'node:events';
import type { CredentialAttempt, Device, Finding, ScanProgress, ScanResult, Service } from './types.js';

/** Every stage reports through these events; the store and the socket bridge listen. */
export interface ScanEvents {
  'scan:started': { scanId: string; targets: string[]; interface: string; loginChecks: boolean; startedAt: string };
  'scan:progress': ScanProgress;
  'device:found': { scanId: string; device: Device };
  'device:updated': { scanId: string; device: Device };
  'service:found': { scanId: string; ip: string; mac: string | null; service: Service };
  'finding:raised': { scanId: string; finding: Finding };
  'scan:finished': { scanId: string; result: ScanResult };
  'check:attempt': { scanId: string; attempt: CredentialAttempt };
}

export type ScanEventName = keyof ScanEvents;

/** A typed wrapper over EventEmitter, so a misspelt event name is a compile error. */
export class EventBus<Events extends object = ScanEvents> {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Many dashboard sockets may listen at once; the default of 10 would warn spuriously.
    this.#emitter.setMaxListeners(0);
  }

  emit<K extends keyof Events & string>(name: K, payload: Events[K]): void {
    this.#emitter.emit(name, payload);
  }

  on<K extends keyof Events & string>(name: K, listener: (payload: Events[K]) => void): () => void {
    this.#emitter.on(name, listener as (payload: unknown) => void);
    return () => this.#emitter.off(name, listener as (payload: unknown) => void);
  }
}
