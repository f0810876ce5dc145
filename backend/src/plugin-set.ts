// Builds the plug-in set (discoverers, identifiers, probes, checks, and the OUI table they read)
// shared by the appliance, its scan workers and the CLI. Called only from the composition roots
// (app.ts, cli.ts) and a scan worker; nothing else constructs plug-ins.
import { checks } from './checks/index.js';
import type { ScanTuning } from './core/plugins.js';
import { createDiscoverers } from './discovery/index.js';
import { createIdentifiers } from './identify/index.js';
import { OuiTable } from './identify/oui-table.js';
import type { ScanPlugins } from './pipeline/runner.js';
import { probes } from './probes/index.js';
import { applyCatalogueFromEnv } from './storage/catalogue-store.js';

export interface PluginSet {
  plugins: ScanPlugins;
  oui: OuiTable;
}

export function createPluginSet(): PluginSet {
  // A scan worker (its own thread) uses the signed catalogue the main thread verified, if any.
  applyCatalogueFromEnv();
  const oui = OuiTable.load();
  return {
    oui,
    plugins: {
      discoverers: createDiscoverers(),
      identifiers: createIdentifiers({ oui }),
      probes,
      checks,
    },
  };
}

export function tuningWithPorts(base: ScanTuning, ports: readonly number[] | null): ScanTuning {
  return ports ? { ...base, tcpPorts: ports } : base;
}
