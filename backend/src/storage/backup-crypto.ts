// Encryption of a backup archive with the owner's passphrase. A backup holds the password hash, the
// second-factor secret, alert secrets and the evidence-signing key, so it never leaves the box in
// clear. Format (version 1), all of the header authenticated as AES-GCM's additional data:
//   "MAMORI-BACKUP\n" | version (1 byte) | scrypt log2 N, r, p (1 byte each) | salt (16) | nonce (12)
//   | ciphertext of the .tar.gz | GCM tag (16)
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (secret: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

export const BACKUP_MAGIC = Buffer.from('MAMORI-BACKUP\n', 'ascii');
export const BACKUP_FORMAT_VERSION = 1;
export const MIN_PASSPHRASE_LENGTH = 10;
/** 2^17 × 128 × 8 = 128 MiB and about half a second: an offline guess costs that much. */
const KDF = { log2N: 17, r: 8, p: 1 };
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = BACKUP_MAGIC.length + 4 + SALT_BYTES + NONCE_BYTES;

export class BackupCryptoError extends Error {}

export function isEncryptedBackup(data: Buffer): boolean {
  return data.length >= BACKUP_MAGIC.length && data.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC);
}

export function passphraseProblem(passphrase: string): string | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `the backup passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`;
  return null;
}

async function deriveKey(passphrase: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N;
  return scrypt(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 });
}

export async function encryptBackup(plain: Buffer, passphrase: string): Promise<Buffer> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new BackupCryptoError(problem);
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([BACKUP_MAGIC, Buffer.from([BACKUP_FORMAT_VERSION, KDF.log2N, KDF.r, KDF.p]), salt, nonce]);
  const key = await deriveKey(passphrase, salt, KDF.log2N, KDF.r, KDF.p);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** The .tar.gz inside; throws BackupCryptoError for a wrong passphrase or any changed byte. */
export async function decryptBackup(data: Buffer, passphrase: string): Promise<Buffer> {
  if (!isEncryptedBackup(data)) throw new BackupCryptoError('not an encrypted Mamori backup');
  if (data.length < HEADER_BYTES + TAG_BYTES) throw new BackupCryptoError('the backup is cut short');
  let at = BACKUP_MAGIC.length;
  const [version, log2N, r, p] = [data[at]!, data[at + 1]!, data[at + 2]!, data[at + 3]!];
  at += 4;
  if (version !== BACKUP_FORMAT_VERSION) throw new BackupCryptoError(`backup format version ${version}; this Mamori reads version ${BACKUP_FORMAT_VERSION}`);
  // Bounds on the cost parameters: a crafted header must not make the box spend gigabytes.
  if (log2N < 14 || log2N > 20 || r < 1 || r > 16 || p < 1 || p > 4) throw new BackupCryptoError('the backup header is damaged');
  const salt = data.subarray(at, at + SALT_BYTES);
  at += SALT_BYTES;
  const nonce = data.subarray(at, at + NONCE_BYTES);
  at += NONCE_BYTES;
  const header = data.subarray(0, at);
  const key = await deriveKey(passphrase, salt, log2N, r, p);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(header);
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(at, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BackupCryptoError('wrong passphrase, or the backup was changed or damaged');
  }
}
