// What a scan is asked (the request) and what it runs with (plug-ins, bus, tuning).
import type { EventBus } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { SiteIdentity } from '../core/site.js';
import type { Check, Discoverer, Identifier, Probe, ScanTuning } from '../core/plugins.js';
import type { ScanNetwork } from '../core/types.js';

export interface ScanRequest {
  targets: string[];
  interfaceName: string;
  interfaceAddress: string | null;
  /** The ranges grouped by the interface that reaches them (scope/resolve.ts); absent: one network, interfaceName's. */
  networks?: ScanNetwork[];
  loginChecks: boolean;
  /** Ids of devices (core/device-id.ts) on which login checks must not run even when enabled. */
  loginChecksExcluded?: readonly string[];
  /** The site the result is stamped with (scan.site in the contract), when one is named. */
  site?: SiteIdentity;
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
