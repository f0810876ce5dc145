// Builds the due-care evidence pack: one .tar.gz with the handover report and CSV exports (made
// by the report module, passed in as a function), the contract JSON of every scan of the period,
// the audit trail excerpt with its hash chain, and a manifest (SHA-256 of every file, the audit
// chain head) signed with the appliance's Ed25519 key.
import type { SiteIdentity } from '../core/site.js';
import type { ScanResultStore } from '../storage/scan-results.js';
import { writeTarGz } from '../storage/tar.js';
import { auditExcerpt } from './audit-excerpt.js';
import {
  AUDIT_EXCERPT, EvidenceError, isAllowedPath, MANIFEST, PACK_FORMAT, PACK_LIMITS, sha256Hex, signatureFile, signedPart, SIGNATURE,
  type EvidenceManifest, type PackLanguage, type Period,
} from './format.js';
import { signBytes, type EvidenceKey } from './key.js';

export interface PackFile { name: string; bytes: Buffer }

export interface EvidenceSources {
  /** The report (PDF, HTML) and CSV exports in the given language, e.g. report-en.pdf, devices.csv. */
  documents: (lang: PackLanguage, period?: Period) => Promise<PackFile[]>;
  scanResults: Pick<ScanResultStore, 'inPeriod'>;
  auditFile: string;
  key: () => Promise<EvidenceKey>;
  version: string;
  /** The site the pack is about, written into the manifest. */
  site?: () => SiteIdentity;
  now?: () => Date;
}

export interface EvidencePack {
  archive: Buffer;
  manifest: EvidenceManifest;
  /** mamori-evidence-<from>-<to>.tar.gz */
  fileName: string;
}

export const packFileName = (period: Pick<Period, 'from' | 'to'>): string => `mamori-evidence-${period.from}-${period.to}.tar.gz`;

export async function buildEvidencePack(sources: EvidenceSources, period: Period, lang: PackLanguage): Promise<EvidencePack> {
  const generatedAt = (sources.now ?? (() => new Date()))();
  // The trail first: a broken one refuses the pack before a report is rendered or a key created.
  const audit = await auditExcerpt(sources.auditFile, period);
  const [documents, scans, key] = await Promise.all([
    sources.documents(lang, period), sources.scanResults.inPeriod(period.start, period.until), sources.key(),
  ]);
  for (const doc of documents) {
    if (!isAllowedPath(doc.name) || doc.name.includes('/') || doc.name === MANIFEST || doc.name === SIGNATURE) {
      throw new EvidenceError(`the report module produced a file name a pack cannot hold: "${doc.name}"`);
    }
  }
  const files: PackFile[] = [
    ...documents,
    ...scans.map((scan) => ({ name: `scans/${scan.id}.json`, bytes: scan.bytes })),
    { name: AUDIT_EXCERPT, bytes: audit.bytes },
  ];
  const { bytes: _bytes, ...auditFacts } = audit;
  return sealPack(files, {
    format: PACK_FORMAT,
    generatedAt: generatedAt.toISOString(),
    period: { from: period.from, to: period.to, timeZone: 'UTC' },
    language: lang,
    appliance: { name: 'Mamori', version: sources.version },
    ...(sources.site ? { site: sources.site() } : {}),
    audit: { path: AUDIT_EXCERPT, ...auditFacts },
  }, key, generatedAt);
}

/** What the audit trail records about a pack that was handed out (so its hash can be looked up later). */
export function packAuditDetails(pack: EvidencePack): Record<string, unknown> {
  const { period, language, files, audit, signature } = pack.manifest;
  return {
    from: period.from, to: period.to, lang: language, files: files.length, bytes: pack.archive.length,
    auditHead: audit.head, fingerprint: signature.fingerprint, sha256: sha256Hex(pack.archive),
  };
}

/** Hashes the files into the manifest, signs it and writes the archive (also used by tests to craft packs). */
export function sealPack(files: readonly PackFile[], facts: Omit<EvidenceManifest, 'files' | 'signature'>, key: EvidenceKey, mtime = new Date()): EvidencePack {
  const names = new Set<string>();
  let total = 0;
  for (const file of files) {
    if (names.has(file.name)) throw new EvidenceError(`"${file.name}" twice in one pack`);
    if (file.bytes.length > PACK_LIMITS.maxEntryBytes) throw new EvidenceError(`${file.name} is larger than a pack may hold; choose a shorter period`);
    names.add(file.name);
    total += file.bytes.length;
  }
  // What a reader accepts (verify.ts) bounds what is written: header and padding are 1 kB a file at most.
  if (total + (files.length + 4) * 1024 > PACK_LIMITS.maxExpandedBytes || files.length + 2 > PACK_LIMITS.maxEntries) throw new EvidenceError('the pack would be too large; choose a shorter period');
  const manifest: EvidenceManifest = {
    ...facts,
    files: files.map((f) => ({ path: f.name, size: f.bytes.length, sha256: sha256Hex(f.bytes) })),
    signature: { algorithm: 'Ed25519', publicKey: key.publicKey, fingerprint: key.fingerprint, file: SIGNATURE },
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  const manifestSha256 = sha256Hex(manifestBytes);
  const signature = signBytes(key, signedPart(key.publicKey, manifestSha256));
  const archive = writeTarGz([
    { name: MANIFEST, bytes: manifestBytes },
    { name: SIGNATURE, bytes: signatureFile(key.publicKey, manifestSha256, signature) },
    ...files,
  ], mtime);
  if (archive.length > PACK_LIMITS.maxArchiveBytes) throw new EvidenceError('the pack would be too large; choose a shorter period');
  return { archive, manifest, fileName: packFileName(facts.period) };
}
