// A PluginContext for running one probe or check outside the runner, with short timeouts.
import { DEFAULT_TUNING } from '../../backend/src/config/tuning.js';
import { createLimiter } from '../../backend/src/core/concurrency-limit.js';
import { createLogger } from '../../backend/src/core/logger.js';
import type { PluginContext, ScanTuning } from '../../backend/src/core/plugins.js';
import type { CredentialAttempt, Device, Service } from '../../backend/src/core/types.js';
import { emptyDevice } from '../../backend/src/pipeline/merger.js';

/** DEFAULT_TUNING with timeouts short enough for tests (every one still far above loopback RTT). */
export function testTuning(overrides: Partial<ScanTuning> = {}): ScanTuning {
  return {
    ...DEFAULT_TUNING,
    connectTimeoutMs: 500,
    greetingMs: 300,
    exchangeTimeoutMs: 800,
    globalConcurrency: 32,
    perHostConcurrency: 8,
    arpSettleMs: 0,
    ...overrides,
  };
}

export interface TestContextOptions {
  tuning?: Partial<ScanTuning>;
  signal?: AbortSignal;
  loginChecks?: boolean;
}

export function testContext(options: TestContextOptions = {}): PluginContext & { progressed: string[]; attempts: Array<Omit<CredentialAttempt, 'at'>> } {
  const tuning = testTuning(options.tuning);
  const progressed: string[] = [];
  const attempts: Array<Omit<CredentialAttempt, 'at'>> = [];
  return {
    scanId: 'test-scan',
    signal: options.signal ?? new AbortController().signal,
    log: createLogger({ level: 'silent' }),
    interfaceName: 'lo',
    interfaceAddress: '127.0.0.1',
    targets: ['127.0.0.1/32'],
    loginChecks: options.loginChecks ?? false,
    tuning,
    limit: createLimiter(tuning.globalConcurrency),
    progress: (what) => { progressed.push(what); },
    progressed,
    attempts,
    recordAttempt: (attempt) => { attempts.push(attempt); },
  };
}

export function tcpService(port: number, service = 'unknown'): Service {
  return { port, transport: 'tcp', service, encrypted: false, banner: null, product: null };
}

/** A device at 127.0.0.1 with the given open TCP ports (as the tcp-ports probe would report them). */
export function loopbackDevice(ports: readonly number[] = [], mac: string | null = 'a4:14:37:00:00:11'): Device {
  const device = emptyDevice('127.0.0.1', mac);
  device.services = ports.map((port) => tcpService(port));
  return device;
}
