// Small factories for contract objects; each test overrides only what it is about.
import type {
  ScanSummary, Service, Snapshot, StoredDevice, StoredFinding,
} from '../../frontend/src/api/contract';
import type { ApiClient, LiveConnection, LiveHandlers } from '../../frontend/src/api/client';
import { vi } from 'vitest';

export function device(overrides: Partial<StoredDevice> = {}): StoredDevice {
  const ip = overrides.ip ?? '10.77.0.11';
  return {
    id: `dev-${ip}`,
    ip,
    mac: '3c:84:6a:01:02:03',
    randomizedMac: false,
    vendor: 'Acme Cameras',
    hostnames: [],
    type: 'camera',
    model: null,
    mdns: [],
    upnp: [],
    services: [],
    discoveredBy: ['arp'],
    evidence: [],
    firstSeen: '2026-11-24T01:00:00.000Z',
    lastSeen: '2026-11-24T01:00:00.000Z',
    ...overrides,
  };
}

export function service(overrides: Partial<Service> = {}): Service {
  return {
    port: 23, transport: 'tcp', service: 'telnet', encrypted: false, banner: null, product: null,
    ...overrides,
  };
}

export function finding(overrides: Partial<StoredFinding> = {}): StoredFinding {
  const ip = overrides.ip ?? '10.77.0.11';
  return {
    key: `default-credentials|${ip}|23`,
    family: 'default-credentials',
    service: 'telnet',
    ip,
    mac: null,
    port: 23,
    transport: 'tcp',
    severity: 'critical',
    confidence: 'confirmed',
    title: 'Telnet accepts the factory password',
    evidence: 'login admin/admin accepted',
    responsible: ['user', 'manufacturer'],
    fix: ['Change the password', 'Turn off telnet'],
    checkId: 'default-credentials-telnet',
    deviceId: `dev-${ip}`,
    status: 'open',
    firstSeen: '2026-11-24T01:00:00.000Z',
    lastSeen: '2026-11-24T01:00:00.000Z',
    ...overrides,
  };
}

export function scan(overrides: Partial<ScanSummary> = {}): ScanSummary {
  return {
    id: 'scan-1',
    status: 'running',
    startedAt: '2026-11-24T01:00:00.000Z',
    finishedAt: null,
    targets: ['10.77.0.0/24'],
    loginChecks: true,
    stats: null,
    error: null,
    ...overrides,
  };
}

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    devices: [], findings: [], scans: [], running: null, progress: null,
    settings: { targets: ['10.77.0.0/24'], loginChecks: true },
    ...overrides,
  };
}

/** An ApiClient double: records calls; `live.handlers` lets a test push events and statuses. */
export function fakeClient(overrides: Partial<ApiClient> = {}) {
  const live = {
    handlers: null as LiveHandlers | null,
    connection: {
      startScan: vi.fn(async () => ({ scanId: 'scan-2' })),
      cancelScan: vi.fn(async () => ({ cancelled: true })),
      close: vi.fn(),
    } satisfies LiveConnection,
  };
  const client: ApiClient = {
    getSession: vi.fn(async () => ({ authenticated: true, needsSetup: false })),
    setup: vi.fn(async () => {}),
    login: vi.fn(async () => {}),
    logout: vi.fn(async () => {}),
    connect: vi.fn((handlers: LiveHandlers) => {
      live.handlers = handlers;
      handlers.status('connected');
      return live.connection;
    }),
    ...overrides,
  };
  return { client, live };
}
