// Checks an evidence pack without trusting anything in it until it is proven: safe names and sizes
// first, then the signature file, then the manifest's hash against the signed one, then every file
// against the manifest (nothing missing, nothing extra), then the audit excerpt's hash chain.
// A failure names the file it is about.
import { readTarGz, TarError } from '../storage/tar.js';
import { walkChain } from './audit-excerpt.js';
import {
  AUDIT_EXCERPT, isAllowedPath, MANIFEST, ManifestSchema, PACK_LIMITS, parseSignatureFile, sha256Hex, signedPart, SIGNATURE,
  type EvidenceManifest,
} from './format.js';
import { fingerprintMatches, fingerprintOf, verifyBytes } from './key.js';

export type PackVerdict =
  | { ok: true; manifest: EvidenceManifest; fingerprint: string; fingerprintChecked: boolean; files: number; auditEntries: number }
  | { ok: false; file: string | null; reason: string };

export interface VerifyOptions {
  /** The fingerprint noted at handover: the pack must be signed by that key. */
  fingerprint?: string;
}

export function verifyEvidencePack(archive: Buffer, options: VerifyOptions = {}): PackVerdict {
  const fail = (file: string | null, reason: string): PackVerdict => ({ ok: false, file, reason });
  let entries;
  try {
    entries = readTarGz(archive, PACK_LIMITS);
  } catch (error) {
    if (error instanceof TarError) return fail(null, error.message);
    throw error;
  }
  const files = new Map<string, Buffer>();
  for (const { name, bytes } of entries) {
    if (!isAllowedPath(name)) return fail(name, 'a name an evidence pack never holds (absolute, "..", or not one of its fixed paths)');
    files.set(name, bytes);
  }

  const sigBytes = files.get(SIGNATURE);
  if (!sigBytes) return fail(SIGNATURE, 'missing');
  const sig = parseSignatureFile(sigBytes);
  if (!sig) return fail(SIGNATURE, 'not a Mamori signature file (damaged)');
  if (!verifyBytes(sig.publicKey, signedPart(sig.publicKey, sig.manifestSha256), sig.signature)) return fail(SIGNATURE, 'the signature is not valid');
  const fingerprint = fingerprintOf(sig.publicKey);
  if (options.fingerprint !== undefined && !fingerprintMatches(fingerprint, options.fingerprint)) {
    return fail(SIGNATURE, `signed by the key ${fingerprint}, not by the expected ${options.fingerprint}`);
  }

  const manifestBytes = files.get(MANIFEST);
  if (!manifestBytes) return fail(MANIFEST, 'missing');
  if (sha256Hex(manifestBytes) !== sig.manifestSha256) return fail(MANIFEST, 'SHA-256 mismatch: changed after it was signed');
  let manifest: EvidenceManifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch {
    return fail(MANIFEST, 'not a valid manifest');
  }
  if (manifest.signature.publicKey !== sig.publicKey || manifest.signature.fingerprint !== fingerprint) return fail(MANIFEST, 'names another signing key than manifest.sig');

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const [name, bytes] of files) {
    if (name === MANIFEST || name === SIGNATURE) continue;
    const expected = listed.get(name);
    if (!expected) return fail(name, 'extra file, not in the manifest');
    if (bytes.length !== expected.size || sha256Hex(bytes) !== expected.sha256) return fail(name, 'SHA-256 mismatch');
  }
  for (const path of listed.keys()) if (!files.has(path)) return fail(path, 'missing');

  const audit = checkAuditExcerpt(files.get(AUDIT_EXCERPT), manifest);
  if (audit !== null) return fail(AUDIT_EXCERPT, audit);
  return { ok: true, manifest, fingerprint, fingerprintChecked: options.fingerprint !== undefined, files: files.size, auditEntries: manifest.audit.entries };
}

/** null when the excerpt's chain is intact and matches the manifest, else the reason. */
function checkAuditExcerpt(bytes: Buffer | undefined, manifest: EvidenceManifest): string | null {
  if (!bytes) return 'missing';
  const { audit } = manifest;
  const text = bytes.toString('utf8');
  if (text !== '' && !text.endsWith('\n')) return 'the last entry is cut short';
  const lines = text === '' ? [] : text.split('\n').slice(0, -1);
  if (lines.length !== audit.entries) return `holds ${lines.length} entries, the manifest says ${audit.entries}`;
  if (lines.length > 0 && audit.firstSeq === null) return 'the manifest gives no first sequence number';
  const walk = walkChain(lines, audit.previousHash, audit.firstSeq ?? 1);
  if (!walk.ok) return `entry ${walk.seq ?? `on line ${walk.line}`} ${walk.reason}`;
  if (walk.lastHash !== audit.lastHash) return 'its last hash is not the one the manifest gives';
  if ((walk.entries.at(-1)?.seq ?? null) !== audit.lastSeq) return 'its last sequence number is not the one the manifest gives';
  if (audit.lastSeq !== null && audit.lastSeq === audit.head.seq && audit.head.hash !== walk.lastHash) return 'ends at the trail head, with another hash';
  return null;
}
