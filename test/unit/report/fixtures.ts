// A small appliance state for the report tests: a scan, four devices (one labelled by the owner,
// one with a hostile name) and findings in every status, with their histories.
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
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

/** An 8×8 baseline JPEG (a pdfkit page rendered by poppler's pdftoppm -jpeg). */
export const JPEG_LOGO = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEAJAAkAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDofgb/AMx7/t3/APalFFFTDY9bPP8Af6ny/wDSUf/Z';

/** A real RGB PNG of about `bytes` bytes: random rows, stored uncompressed (deflate level 0) so it does not shrink. */
export function noisePng(bytes: number): Buffer {
  const width = 256;
  const height = Math.max(1, Math.floor(bytes / (1 + width * 3)));
  const raw = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 3)])));
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

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
