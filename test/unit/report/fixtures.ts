// A small appliance state for the report tests: a scan, four devices (one labelled by the owner,
// one with a hostile name) and findings in every status, with their histories.
import type { FindingStatusChange, ScanSummary, StoredDevice, StoredFinding } from '../../../backend/src/api/contract.js';
import type { ReportSource } from '../../../backend/src/report/index.js';
import { SettingsSchema } from '../../../backend/src/storage/settings.js';

export const XSS_NAME = '<img src=x onerror=alert(1)>"\'&';
export const FORMULA_NAME = '=HYPERLINK("http://evil.example","click")';

function device(id: string, ip: string, overrides: Partial<StoredDevice> = {}): StoredDevice {
  return {
    id, ip, mac: `a4:14:37:77:00:${ip.split('.').at(-1)!.padStart(2, '0')}`, randomizedMac: false, vendor: null, hostnames: [], type: 'unknown',
    model: null, mdns: [], upnp: [], services: [], discoveredBy: ['arp'], evidence: [],
    firstSeen: '2026-11-20T09:00:00.000Z', lastSeen: '2026-11-24T09:00:30.000Z', ...overrides,
  };
}

export const DEVICES: StoredDevice[] = [
  device('mac-a41437770011', '10.77.0.11', {
    vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.', hostnames: ['cam-frontdoor.local'], type: 'camera', model: 'DS-2CD2043',
    correction: { name: 'Front door camera', type: null, guessedType: 'camera', at: '2026-11-24T09:10:00.000Z' },
  }),
  device('mac-78117770012', '10.77.0.12', { vendor: 'XIAOMI Electronics,CO.,LTD', hostnames: [XSS_NAME], type: 'hub' }),
  device('mac-a41437770013', '10.77.0.13', { vendor: 'Synology Incorporated', hostnames: [FORMULA_NAME], type: 'nas' }),
  device('mac-a41437770002', '10.77.0.2', { vendor: 'Raspberry Pi Trading Ltd', type: 'computer' }),
  // Gone before the scan: not in the report's inventory.
  device('mac-a41437770099', '10.77.0.99', { vendor: 'Gone Ltd', lastSeen: '2026-11-01T00:00:00.000Z' }),
];

const open = (at: string, evidence: string): FindingStatusChange => ({ status: 'open', at, by: 'system', evidence });

function finding(key: string, deviceId: string, ip: string, overrides: Partial<StoredFinding>): StoredFinding {
  return {
    key, deviceId, ip, mac: null, port: 23, transport: 'tcp', family: 'default-credentials', service: 'telnet', severity: 'critical',
    confidence: 'confirmed', title: 'English title', evidence: 'login accepted for r**t / 1***5', responsible: ['user', 'installer', 'manufacturer'],
    fix: ['English step'], checkId: 'default-credentials-telnet', status: 'open',
    firstSeen: '2026-11-24T09:00:10.000Z', lastSeen: '2026-11-24T09:00:10.000Z', ...overrides,
  };
}

export const FINDINGS: StoredFinding[] = [
  finding('k-open-telnet', 'mac-a41437770011', '10.77.0.11', { history: [open('2026-11-24T09:00:10.000Z', 'login accepted for r**t / 1***5')] }),
  finding('k-open-mqtt', 'mac-78117770012', '10.77.0.12', {
    family: 'anonymous-access', service: 'mqtt', port: 1883, severity: 'high', checkId: 'anonymous-access-mqtt',
    responsible: ['user', 'provider'], evidence: 'connected without credentials',
  }),
  finding('k-fixed-http', 'mac-a41437770011', '10.77.0.11', {
    service: 'http', port: 80, checkId: 'default-credentials-http', status: 'fixed', evidence: 'login accepted for a***n / 1***5',
    history: [
      open('2026-11-24T09:00:12.000Z', 'login accepted for a***n / 1***5'),
      { status: 'fixed', at: '2026-11-24T09:30:00.000Z', by: 'owner', reason: 'verified by a re-test', evidence: 'factory pairs refused (3 tried)' },
    ],
  }),
  finding('k-resolved-ftp', 'mac-a41437770013', '10.77.0.13', {
    family: 'anonymous-access', service: 'ftp', port: 21, severity: 'high', checkId: 'anonymous-access-ftp', status: 'resolved',
    evidence: 'anonymous login accepted',
    history: [open('2026-11-22T09:00:00.000Z', 'anonymous login accepted'), { status: 'resolved', at: '2026-11-24T09:00:30.000Z', by: 'system', reason: 'not seen by a full scan' }],
    firstSeen: '2026-11-22T09:00:00.000Z',
  }),
  finding('k-accepted-snmp', 'mac-a41437770013', '10.77.0.13', {
    family: 'cleartext-service', service: 'snmp', port: 161, transport: 'udp', severity: 'medium', checkId: 'cleartext-service-snmp', status: 'accepted',
    responsible: ['user', 'manufacturer'], acceptedUntil: '2027-03-31',
    history: [
      open('2026-11-24T09:00:20.000Z', 'SNMPv2c answers'),
      { status: 'accepted', at: '2026-11-24T09:40:00.000Z', by: 'owner', reason: `needed by the backup software ${XSS_NAME}`, until: '2027-03-31', person: 'Taro Yamada' },
    ],
  }),
  finding('k-fp-ftp', 'mac-a41437770013', '10.77.0.13', {
    family: 'cleartext-service', service: 'ftp', port: 21, severity: 'medium', checkId: 'cleartext-service-ftp', status: 'false-positive',
    history: [open('2026-11-24T09:00:20.000Z', 'FTP without TLS'), { status: 'false-positive', at: '2026-11-24T09:45:00.000Z', by: 'owner', reason: 'lab box' }],
  }),
  // On the device that left before the scan: not in the report.
  finding('k-gone', 'mac-a41437770099', '10.77.0.99', { firstSeen: '2026-10-01T00:00:00.000Z' }),
];

export const SCANS: ScanSummary[] = [
  { id: 'scan-running', status: 'running', startedAt: '2026-11-24T10:00:00.000Z', finishedAt: null, targets: ['10.77.0.0/24'], loginChecks: true, stats: null, error: null },
  {
    id: 'scan-2', status: 'completed', startedAt: '2026-11-24T09:00:00.000Z', finishedAt: '2026-11-24T09:00:30.000Z', targets: ['10.77.0.0/24'],
    loginChecks: true, stats: { addressesProbed: 254, devicesFound: 4, durationMs: 30_400 }, error: null,
  },
  {
    id: 'scan-1', status: 'completed', startedAt: '2026-11-20T09:00:00.000Z', finishedAt: '2026-11-20T09:00:20.000Z', targets: ['10.77.0.0/24'],
    loginChecks: false, stats: { addressesProbed: 254, devicesFound: 2, durationMs: 20_000 }, error: null,
  },
];

/** A 1×1 PNG. */
export const PNG_LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export function source(overrides: Partial<ReportSource> = {}): ReportSource {
  const settings = SettingsSchema.parse({
    schedule: { timeZone: 'utc' },
    report: { siteName: 'Sakura Café', customerName: '山田 花子', installerName: 'Ken Sato', installerCompany: 'Sato Denki', logo: PNG_LOGO },
  });
  return {
    devices: structuredClone(DEVICES), findings: structuredClone(FINDINGS), scans: structuredClone(SCANS), settings,
    version: '0.1.0', generatedAt: new Date('2026-11-24T12:00:00.000Z'), ...overrides,
  };
}
