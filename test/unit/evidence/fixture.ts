// A data directory with what an evidence pack is made of: an audit trail written by the real
// AuditLog (entries before, inside and after the period), stored scan results, the signing key.
// The report files come through the injected documents function, as in the appliance.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanResult } from '../../../backend/src/core/types.js';
import { parsePeriod, type PackLanguage } from '../../../backend/src/evidence/format.js';
import { loadOrCreateEvidenceKey } from '../../../backend/src/evidence/key.js';
import { buildEvidencePack, type EvidencePack, type EvidenceSources, type PackFile } from '../../../backend/src/evidence/pack.js';
import { readTarGz, writeTarGz, type TarEntry } from '../../../backend/src/storage/tar.js';
import { AuditLog } from '../../../backend/src/storage/audit.js';
import { ScanResultStore } from '../../../backend/src/storage/scan-results.js';
import { PACK_LIMITS } from '../../../backend/src/evidence/format.js';

export const PERIOD = parsePeriod('2026-11-10', '2026-11-20');
export const SCAN_IDS = ['6f1c2a9e-0000-4000-8000-000000000001', '6f1c2a9e-0000-4000-8000-000000000002'];

export function scanResult(id: string, startedAt: string): ScanResult {
  return {
    schema: 'mamori.scan-result/1',
    scan: { id, startedAt, finishedAt: startedAt, targets: ['10.77.0.0/24'], interface: 'eth0', loginChecks: true, status: 'completed', stats: { addressesProbed: 254, devicesFound: 1, durationMs: 4210 } },
    devices: [{ mac: 'a4:14:37:77:00:11', ip: '10.77.0.11', vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.' }],
    findings: [{ key: 'k1', family: 'default-credentials', service: 'telnet', ip: '10.77.0.11', port: 23, evidence: 'login accepted for r**t / 1***5' }],
  } as unknown as ScanResult;
}

/** Report files as the report module hands them over (their content is not what is tested here). */
export const documents = (lang: PackLanguage): Promise<PackFile[]> => Promise.resolve([
  { name: `report-${lang}.pdf`, bytes: Buffer.from(`%PDF-1.7\n% handover report ${lang}\n%%EOF\n`) },
  { name: `report-${lang}.html`, bytes: Buffer.from(`<!doctype html><html lang="${lang}"><title>Mamori</title></html>\n`) },
  { name: 'devices.csv', bytes: Buffer.from('ip,mac,vendor\r\n10.77.0.11,a4:14:37:77:00:11,Hikvision\r\n') },
  { name: 'findings.csv', bytes: Buffer.from('ip,port,family\r\n10.77.0.11,23,default-credentials\r\n') },
]);

export interface PackFixture { dataDir: string; sources: EvidenceSources; audit: AuditLog }

export async function packFixture(): Promise<PackFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mamori-evidence-'));
  let clock = new Date('2026-11-09T23:00:00.000Z');
  const audit = new AuditLog(join(dataDir, 'audit.jsonl'), () => clock);
  const at = async (iso: string, action: string, details: Record<string, unknown> = {}) => { clock = new Date(iso); await audit.append({ actor: 'system', action, details }); };
  await at('2026-11-09T23:00:00.000Z', 'owner-set-up');
  await at('2026-11-09T23:59:59.999Z', 'settings-changed', { keys: ['targets'] });
  await at('2026-11-10T00:00:00.000Z', 'scan-started', { scanId: SCAN_IDS[0] });
  await at('2026-11-10T00:01:00.000Z', 'credential-attempt', { scanId: SCAN_IDS[0], user: 'r**t', password: '1***5', outcome: 'accepted' });
  await at('2026-11-15T12:00:00.000Z', 'scan-finished', { scanId: SCAN_IDS[1] });
  await at('2026-11-20T23:59:59.000Z', 'finding-accepted', { key: 'k1' });
  await at('2026-11-21T00:00:00.000Z', 'scan-started', { scanId: 'after-the-period' });
  const results = new ScanResultStore(dataDir);
  await results.write(scanResult(SCAN_IDS[0]!, '2026-11-10T00:00:00.000Z'));
  await results.write(scanResult(SCAN_IDS[1]!, '2026-11-15T11:59:00.000Z'));
  await results.write(scanResult('before-the-period', '2026-11-09T10:00:00.000Z'));
  await results.write(scanResult('after-the-period', '2026-11-21T00:00:00.000Z'));
  const sources: EvidenceSources = {
    documents, scanResults: results, auditFile: audit.file, key: () => loadOrCreateEvidenceKey(dataDir), version: '0.1.0',
    now: () => new Date('2026-11-24T05:00:00.000Z'),
  };
  return { dataDir, sources, audit };
}

export const makePack = (fixture: PackFixture): Promise<EvidencePack> => buildEvidencePack(fixture.sources, PERIOD, 'ja');

export const entriesOf = (archive: Buffer): TarEntry[] => readTarGz(archive, PACK_LIMITS);
export const repack = (entries: readonly TarEntry[]): Buffer => writeTarGz(entries);
