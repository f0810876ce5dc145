// The report's source read straight from a data directory (for the CLI): state.json and
// settings.json are only read, never opened as stores, so a running appliance's files are safe.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanSummary, StoredDevice, StoredFinding } from '../core/records.js';
import { EVIDENCE_KEY_FILE } from '../storage/data-files.js';
import { reopenIfExpired } from '../storage/finding-lifecycle.js';
import { CURRENT_SCHEMA_VERSION, STATE_FILE } from '../storage/migrations.js';
import { describeIssues, SettingsSchema } from '../storage/settings.js';
import type { ReportSource } from './model-types.js';

export class DataDirError extends Error {}

/** Reads the evidence key's fingerprint in a data directory, null without a key (evidence/key.ts readEvidenceFingerprint). */
export type FingerprintReader = (dataDir: string) => Promise<string | null>;

interface StateFile { schemaVersion?: unknown; devices?: StoredDevice[]; findings?: StoredFinding[]; scans?: ScanSummary[] }

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataDirError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try { return JSON.parse(text); } catch { throw new DataDirError(`${file} is not valid JSON`); }
}

/** The evidence key's fingerprint when the data directory has a key; reading never creates one. */
async function evidenceFingerprint(dataDir: string, read: FingerprintReader): Promise<Pick<ReportSource, 'evidenceFingerprint'>> {
  try {
    const fingerprint = await read(dataDir);
    return fingerprint === null ? {} : { evidenceFingerprint: fingerprint };
  } catch (error) {
    throw new DataDirError(`cannot read the evidence key ${join(dataDir, EVIDENCE_KEY_FILE)}: ${(error as Error).message}`);
  }
}

/**
 * Devices, findings, scans and settings of `dataDir`, and the evidence key's fingerprint if there is
 * a key and `options.fingerprint` reads it (the CSV exports do not show it); expired accepted
 * risks count as open, as on the dashboard.
 */
export async function readReportSource(dataDir: string, version: string, now: Date, options: { fingerprint?: FingerprintReader } = {}): Promise<Omit<ReportSource, 'scanId'>> {
  const state = await readJson(join(dataDir, STATE_FILE)) as StateFile | undefined;
  if (!state) throw new DataDirError(`no ${STATE_FILE} in ${dataDir}: not a Mamori data directory (use --data-dir)`);
  if (state.schemaVersion !== CURRENT_SCHEMA_VERSION) {
    throw new DataDirError(`${STATE_FILE} has schema version ${String(state.schemaVersion)}, this Mamori reads ${CURRENT_SCHEMA_VERSION}: start the appliance once to upgrade the data`);
  }
  const settings = SettingsSchema.safeParse(await readJson(join(dataDir, 'settings.json')) ?? {});
  if (!settings.success) throw new DataDirError(`settings.json in ${dataDir} is not valid: ${describeIssues(settings.error)}`);
  const findings = (state.findings ?? []).map((f) => reopenIfExpired(f, now) ?? f);
  return { devices: state.devices ?? [], findings, scans: state.scans ?? [], settings: settings.data, version, generatedAt: now, ...(options.fingerprint ? await evidenceFingerprint(dataDir, options.fingerprint) : {}) };
}
