// Optional second factor: time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), with
// node:crypto only. The secret lives in totp.json in the data directory; a code is accepted once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { JsonStore } from '../storage/json-file.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

export function base32Encode(data: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/=+$/, '').replace(/\s/g, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index === -1) throw new Error('not base32');
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** RFC 4226 §5.3: HMAC of the 8-byte counter, dynamic truncation, last `digits` decimal digits. */
export function hotp(secret: Buffer, counter: bigint, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

export function totpCounter(timeMs: number, step = TOTP_STEP_SECONDS): bigint {
  return BigInt(Math.floor(timeMs / 1000 / step));
}

export function totp(secret: Buffer, timeMs: number, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  return hotp(secret, totpCounter(timeMs), digits, algorithm);
}

/** The counter a code matches within ±`window` steps (clock drift), or null. */
export function matchTotp(secret: Buffer, code: string, timeMs: number, window = 1): bigint | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpCounter(timeMs);
  for (let delta = -window; delta <= window; delta++) {
    const counter = now + BigInt(delta);
    if (counter < 0n) continue;
    if (timingSafeEqual(Buffer.from(hotp(secret, counter)), Buffer.from(code))) return counter;
  }
  return null;
}

export function otpauthUri(secretBase32: string, account: string, issuer = 'Mamori'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

interface TotpFile {
  /** Active secret (base32), or null when the second factor is off. */
  secret: string | null;
  /** Secret shown at enrolment, active only once a code from it is confirmed. */
  pending: string | null;
  /** Highest counter accepted: a code is never accepted twice. */
  lastCounter: string | null;
}

export class SecondFactor {
  private constructor(private readonly file: JsonStore<TotpFile>, private readonly now: () => Date) {}

  static async open(path: string, now: () => Date = () => new Date()): Promise<SecondFactor> {
    return new SecondFactor(await JsonStore.open<TotpFile>(path, { secret: null, pending: null, lastCounter: null }, 0), now);
  }

  get enabled(): boolean { return this.file.data.secret !== null; }

  /** Starts enrolment: a fresh 160-bit secret, shown once as an otpauth:// URI for the authenticator app. */
  async begin(account = 'owner'): Promise<{ secret: string; uri: string }> {
    const secret = base32Encode(randomBytes(20));
    await this.file.updateNow((data) => { data.pending = secret; });
    return { secret, uri: otpauthUri(secret, account) };
  }

  /** Turns the second factor on when the code comes from the pending secret. */
  async confirm(code: string): Promise<boolean> {
    const pending = this.file.data.pending;
    if (!pending) return false;
    const counter = matchTotp(base32Decode(pending), code, this.now().getTime());
    if (counter === null) return false;
    await this.file.updateNow((data) => { data.secret = pending; data.pending = null; data.lastCounter = String(counter); });
    return true;
  }

  /** Checks a sign-in code; each code works once (a replayed code is refused). */
  async verify(code: string): Promise<boolean> {
    const secret = this.file.data.secret;
    if (!secret) return true;
    const counter = matchTotp(base32Decode(secret), code, this.now().getTime());
    const last = this.file.data.lastCounter === null ? -1n : BigInt(this.file.data.lastCounter);
    if (counter === null || counter <= last) return false;
    await this.file.updateNow((data) => { data.lastCounter = String(counter); });
    return true;
  }

  async disable(): Promise<void> {
    await this.file.updateNow((data) => { data.secret = null; data.pending = null; data.lastCounter = null; });
  }
}
