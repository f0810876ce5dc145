// GET /metrics in the Prometheus text format (version 0.0.4): scans, their duration, devices,
// open findings by severity, memory, privileges.
//
// Not public by default: counts of open critical findings tell a visitor on the LAN that a
// vulnerable device is there. Access needs the owner's session, or `Authorization: Bearer
// <metricsToken>` for a scraper; MAMORI_METRICS_PUBLIC=yes opens it to anyone who can reach the port.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { ProcessPrivileges } from '../core/capabilities.js';
import type { EventBus } from '../core/events.js';
import { SEVERITIES } from '../core/types.js';
import type { ApplianceEvents } from '../core/events.js';
import type { SiteIdentity } from '../core/site.js';
import type { Auth } from './auth.js';
import type { ScanSummary, Snapshot } from './contract.js';
import { isAuthenticated } from './security.js';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const FINAL_STATUSES = ['completed', 'cancelled', 'failed'] as const;

export interface MetricsDeps {
  snapshot: () => Snapshot;
  /** The appliance's scan events: counters are counted from them since the process started. */
  scanEvents: EventBus<ApplianceEvents>;
  privileges: ProcessPrivileges | null;
  version: string;
  auth: Auth;
  access: { public: boolean; token: string | null };
  rss?: () => number;
  /**
   * The site (installation): every sample carries `site="<id>"` and mamori_site_info its name, so
   * one Prometheus scraping many homes (most on 192.168.1.0/24) keeps them apart.
   */
  site?: () => SiteIdentity;
}

export interface Metrics {
  render(): string;
  handler: RequestHandler;
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: Array<{ labels?: Record<string, string>; value: number }>;
}

export function createMetrics(deps: MetricsDeps): Metrics {
  const finished: Record<(typeof FINAL_STATUSES)[number], number> = { completed: 0, cancelled: 0, failed: 0 };
  let started = 0;
  deps.scanEvents.on('scan:started', () => { started += 1; });
  deps.scanEvents.on('scan:finished', (scan) => { if (scan.status !== 'running') finished[scan.status] += 1; });
  const rss = deps.rss ?? (() => process.memoryUsage.rss());

  const render = (): string => {
    const snapshot = deps.snapshot();
    const last = lastFinished(snapshot.scans);
    const open = snapshot.findings.filter((f) => f.status === 'open');
    const families: Family[] = [
      { name: 'mamori_info', help: 'Mamori version.', type: 'gauge', samples: [{ labels: { version: deps.version }, value: 1 }] },
      { name: 'mamori_scans_started_total', help: 'Scans started since the process started.', type: 'counter', samples: [{ value: started }] },
      {
        name: 'mamori_scans_total', help: 'Scans finished since the process started, by final status.', type: 'counter',
        samples: FINAL_STATUSES.map((status) => ({ labels: { status }, value: finished[status] })),
      },
      { name: 'mamori_scan_running', help: '1 while a scan runs.', type: 'gauge', samples: [{ value: snapshot.running ? 1 : 0 }] },
      {
        name: 'mamori_last_scan_duration_seconds', help: 'Duration of the most recent finished scan (from the stored history).', type: 'gauge',
        samples: last?.stats ? [{ value: last.stats.durationMs / 1000 }] : [],
      },
      {
        name: 'mamori_last_scan_finished_timestamp_seconds', help: 'When the most recent scan finished (Unix time).', type: 'gauge',
        samples: last?.finishedAt ? [{ value: Date.parse(last.finishedAt) / 1000 }] : [],
      },
      { name: 'mamori_devices', help: 'Devices known to the appliance.', type: 'gauge', samples: [{ value: snapshot.devices.length }] },
      {
        name: 'mamori_findings_open', help: 'Open findings, by severity.', type: 'gauge',
        samples: SEVERITIES.map((severity) => ({ labels: { severity }, value: open.filter((f) => f.severity === severity).length })),
      },
      { name: 'process_resident_memory_bytes', help: 'Resident memory of the appliance process.', type: 'gauge', samples: [{ value: rss() }] },
      ...privilegeFamilies(deps.privileges),
    ];
    const site = deps.site?.();
    if (!site) return families.map(formatFamily).join('');
    families.splice(1, 0, { name: 'mamori_site_info', help: 'The site (installation) this appliance guards: its id and name.', type: 'gauge', samples: [{ labels: { name: site.name ?? '' }, value: 1 }] });
    return families.map((family) => formatFamily({ ...family, samples: family.samples.map((s) => ({ ...s, labels: { site: site.id, ...s.labels } })) })).join('');
  };

  const tokenHash = deps.access.token ? sha256(deps.access.token) : null;
  const allowed = (req: Request): boolean => {
    if (deps.access.public || isAuthenticated(req, deps.auth)) return true;
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    // Hashing both sides gives equal lengths, so the comparison takes the same time whatever was sent.
    return tokenHash !== null && match !== null && timingSafeEqual(sha256(match[1]!), tokenHash);
  };

  const handler: RequestHandler = (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!allowed(req)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="mamori-metrics"');
      res.status(401).json({ error: 'metrics need a session or the metrics token (or MAMORI_METRICS_PUBLIC=yes)' });
      return;
    }
    res.setHeader('Content-Type', METRICS_CONTENT_TYPE);
    res.send(render());
  };
  return { render, handler };
}

function lastFinished(scans: readonly ScanSummary[]): ScanSummary | undefined {
  return scans.filter((s) => s.status !== 'running' && s.finishedAt !== null)
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''))[0];
}

function privilegeFamilies(privileges: ProcessPrivileges | null): Family[] {
  if (privileges === null) return [];
  return [
    { name: 'mamori_process_root', help: '1 if the appliance runs as root (it should not).', type: 'gauge', samples: [{ value: privileges.root ? 1 : 0 }] },
    {
      name: 'mamori_process_capability', help: 'Network capabilities the process holds (1) or lacks (0).', type: 'gauge',
      samples: (['CAP_NET_RAW', 'CAP_NET_BIND_SERVICE'] as const).map((capability) => ({ labels: { capability }, value: privileges.has(capability) ? 1 : 0 })),
    },
  ];
}

function formatFamily(family: Family): string {
  const lines = [`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`];
  for (const sample of family.samples) lines.push(`${family.name}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
  return lines.join('\n') + '\n';
}

function formatLabels(labels: Record<string, string> | undefined): string {
  if (!labels || Object.keys(labels).length === 0) return '';
  const escaped = Object.entries(labels).map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`);
  return `{${escaped.join(',')}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
