// The start of a VNC (RFB, RFC 6143) session: read the server's version, read the security types
// it offers, and at most one authentication — "None" (type 1) or "VNC Authentication" (type 2, a
// DES challenge-response). The session is closed right after the security result: no ClientInit,
// nothing of the screen is ever requested, no key or pointer event is ever sent.
import { createCipheriv } from 'node:crypto';
import { ByteSession } from './byte-session.js';

export const RFB_SECURITY = { invalid: 0, none: 1, vncAuth: 2 } as const;

export interface VncOptions {
  host: string;
  port: number;
  /** Deadline of each read (version, security types, challenge, result). */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface VncHello {
  /** The server's version line, e.g. "RFB 003.008". */
  version: string;
  major: number;
  minor: number;
  /** Security types offered (RFC 6143 §7.1.2); for RFB 3.3 the one the server chose. */
  securityTypes: number[];
  /** Why the server offered nothing (count 0, or type 0 in 3.3): "Too many authentication failures"… */
  refusal: string | null;
}

export type VncAuthResult =
  | { result: 'accepted' | 'rejected'; hello: VncHello; reason: string | null }
  | { result: 'not-offered' | 'refused' | 'error'; hello: VncHello | null; reason: string | null };

/** Longest reason string we read (a hostile server may claim 4 GB). */
const MAX_REASON = 1024;
/** The most a server may send in a session we close after the security result. */
const MAX_SESSION_BYTES = 4096;
const VERSION = /^RFB (\d{3})\.(\d{3})\n$/;

/** Reads the version and the security types, then closes: what service identification and the anonymous check need. */
export async function vncHello(options: VncOptions): Promise<VncHello | null> {
  const session = await ByteSession.open({ ...options, maxBytes: MAX_SESSION_BYTES });
  try {
    return await readHello(session, options.timeoutMs);
  } finally {
    session.close();
  }
}

/**
 * One authentication: with `password` null the "None" type, otherwise "VNC Authentication". The
 * answer is the server's SecurityResult (RFB 3.7 has none after None: offered means open).
 */
export async function vncAuthenticate(options: VncOptions, password: string | null): Promise<VncAuthResult> {
  const session = await ByteSession.open({ ...options, maxBytes: MAX_SESSION_BYTES });
  try {
    const hello = await readHello(session, options.timeoutMs);
    if (!hello) return { result: 'error', hello: null, reason: 'no RFB version greeting' };
    if (hello.refusal !== null) return { result: 'refused', hello, reason: hello.refusal };
    const wanted = password === null ? RFB_SECURITY.none : RFB_SECURITY.vncAuth;
    if (!hello.securityTypes.includes(wanted)) return { result: 'not-offered', hello, reason: null };
    const is33 = hello.minor < 7;
    if (!is33 && !(await session.write(Buffer.from([wanted])))) return { result: 'error', hello, reason: 'connection closed' };
    if (wanted === RFB_SECURITY.vncAuth) {
      const challenge = await session.read(16, options.timeoutMs);
      if (!challenge) return { result: 'error', hello, reason: 'no challenge' };
      if (!(await session.write(vncAuthResponse(challenge, password ?? '')))) return { result: 'error', hello, reason: 'connection closed' };
    } else if (is33 || hello.minor === 7) {
      // RFB 3.3 and 3.7 send no SecurityResult after "None": the server goes straight to ClientInit.
      return { result: 'accepted', hello, reason: null };
    }
    return await readSecurityResult(session, hello, options.timeoutMs);
  } finally {
    session.close();
  }
}

async function readHello(session: ByteSession, timeoutMs: number): Promise<VncHello | null> {
  const line = await session.read(12, timeoutMs);
  const match = line ? VERSION.exec(line.toString('latin1')) : null;
  if (!match) return null;
  const major = Number(match[1]);
  const serverMinor = Number(match[2]);
  // We speak 3.3, 3.7 or 3.8; anything newer (Apple's 3.889) is answered with 3.8, as RFC 6143 §7.1.1 asks.
  const minor = major > 3 || serverMinor >= 8 ? 8 : serverMinor >= 7 ? 7 : 3;
  const version = line!.toString('latin1').trimEnd();
  if (!(await session.write(Buffer.from(`RFB 003.00${minor}\n`, 'latin1')))) return null;
  if (minor === 3) {
    const type = await session.read(4, timeoutMs);
    if (!type) return null;
    const chosen = type.readUInt32BE(0);
    if (chosen === RFB_SECURITY.invalid) return { version, major, minor, securityTypes: [], refusal: await readReason(session, timeoutMs) };
    return { version, major, minor, securityTypes: [chosen], refusal: null };
  }
  const count = await session.read(1, timeoutMs);
  if (!count) return null;
  if (count[0] === 0) return { version, major, minor, securityTypes: [], refusal: await readReason(session, timeoutMs) };
  const types = await session.read(count[0]!, timeoutMs);
  if (!types) return null;
  return { version, major, minor, securityTypes: [...types], refusal: null };
}

async function readSecurityResult(session: ByteSession, hello: VncHello, timeoutMs: number): Promise<VncAuthResult> {
  const status = await session.read(4, timeoutMs);
  if (!status) return { result: 'error', hello, reason: 'no security result' };
  if (status.readUInt32BE(0) === 0) return { result: 'accepted', hello, reason: null };
  // RFB 3.8 explains a failure; 3.3/3.7 just close.
  const reason = hello.minor >= 8 ? await readReason(session, Math.min(timeoutMs, 1000)) : null;
  return { result: 'rejected', hello, reason };
}

/** A u32 length and that many bytes of text, the length strictly bounded. */
async function readReason(session: ByteSession, timeoutMs: number): Promise<string | null> {
  const length = await session.read(4, timeoutMs);
  if (!length) return null;
  const size = length.readUInt32BE(0);
  if (size === 0) return '';
  const text = await session.read(Math.min(size, MAX_REASON), timeoutMs);
  return text ? text.toString('latin1').replace(/[^\x20-\x7e]/g, ' ').trim() : null;
}

/**
 * VNC Authentication (RFC 6143 §7.2.2): the 16-byte challenge encrypted with DES, the key being the
 * password's first 8 bytes (zero-padded) with each byte's bits mirrored — the RFB quirk every
 * server and viewer shares. Node's OpenSSL 3 has no single DES without the legacy provider; two-key
 * triple DES with both keys equal (E(K, D(K, E(K, x)))) is exactly single DES.
 */
export function vncAuthResponse(challenge: Buffer, password: string): Buffer {
  const key = Buffer.alloc(8);
  Buffer.from(password, 'latin1').copy(key, 0, 0, 8);
  for (let i = 0; i < 8; i++) key[i] = mirrorBits(key[i]!);
  const cipher = createCipheriv('des-ede-ecb', Buffer.concat([key, key]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(challenge.subarray(0, 16)), cipher.final()]);
}

function mirrorBits(byte: number): number {
  let out = 0;
  for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) out |= 1 << (7 - bit);
  return out;
}
