import type { ScanTuning } from '../core/plugins.js';

/** Ports where IoT devices commonly listen: remote logins, web admin, cameras, brokers, printers, TR-069, UPnP. */
export const IOT_TCP_PORTS: readonly number[] = [
  21, 22, 23, 80, 443, 554, 1883, 2323, 5000, 7547, 8000, 8008, 8080, 8081, 8443, 8554, 8883, 9100, 49152,
];

export const DEFAULT_TUNING: ScanTuning = {
  tcpPorts: IOT_TCP_PORTS,
  connectTimeoutMs: 800,
  greetingMs: 700,
  exchangeTimeoutMs: 2000,
  globalConcurrency: 128,
  perHostConcurrency: 16,
  arpSettleMs: 500,
};
