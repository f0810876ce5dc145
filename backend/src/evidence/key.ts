// The appliance's evidence-signing key: Ed25519, created once in the data directory (0600) and
// never shown. Its public half travels in every pack; its fingerprint is short enough for a
// customer to note on paper at handover and pass to `mamori evidence verify --fingerprint`.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVIDENCE_KEY_FILE } from '../storage/data-files.js';

export { EVIDENCE_KEY_FILE };

export interface EvidenceKey {
  privateKey: KeyObject;
  /** The public key as SPKI DER, lower-case hex: one spelling only, so no byte of it can change unnoticed. */
  publicKey: string;
  fingerprint: string;
}

/** First 128 bits of SHA-256 over the SPKI DER, as 8 groups of 4 hex digits (e.g. "3f2a-9c01-…"). */
export function fingerprintOf(publicKeyHex: string): string {
  const digest = createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex');
  return digest.slice(0, 32).match(/.{4}/g)!.join('-');
}

/** Compares a fingerprint as a person typed it (any case, any separators) with the real one. */
export function fingerprintMatches(actual: string, typed: string): boolean {
  const clean = typed.toLowerCase().replace(/[^0-9a-f]/g, '');
  return clean.length === 32 && clean === actual.replace(/-/g, '');
}

function describe(privateKey: KeyObject): EvidenceKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the evidence key is not an Ed25519 key');
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('hex');
  return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey) };
}

/**
 * The fingerprint of the key in `dataDir`, or null when it has none; never creates one, never
 * changes the file (for reading a data directory beside, or instead of, the appliance).
 */
export async function readEvidenceFingerprint(dataDir: string): Promise<string | null> {
  const pem = await readFile(join(dataDir, EVIDENCE_KEY_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return pem === null ? null : describe(createPrivateKey(pem)).fingerprint;
}

/** Loads the key, creating it on first use. Two processes creating it at once end up with the same one. */
export async function loadOrCreateEvidenceKey(dataDir: string): Promise<EvidenceKey> {
  const file = join(dataDir, EVIDENCE_KEY_FILE);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing !== null) {
    // Tighten a key copied in with looser permissions; a read-only copy of a data dir is still usable.
    await chmod(file, 0o600).catch(() => undefined);
    return describe(createPrivateKey(existing));
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  // Unique per call: two calls in one process (a pack's key and its report's fingerprint) must not share a temp file.
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  try {
    // link() fails if the name exists: the first writer wins, a complete file or none.
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temp, { force: true });
  }
  return describe(createPrivateKey(await readFile(file, 'utf8')));
}

export function signBytes(key: EvidenceKey, message: Buffer): string {
  return sign(null, message, key.privateKey).toString('hex');
}

/** False for a bad signature and for a public key that does not decode. */
export function verifyBytes(publicKeyHex: string, message: Buffer, signatureHex: string): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(publicKeyHex, 'hex'), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, message, publicKey, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
