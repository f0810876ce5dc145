// The three NTLMSSP messages (MS-NLMP §2.2.1) an SMB client needs for a session without a known
// password: NEGOTIATE, the server's CHALLENGE (parsed, strictly bounded), and an AUTHENTICATE that
// is either anonymous (empty user, MS-NLMP §3.1.5.1.2) or a guest try with a user name no server
// has — a server that maps unknown users to its guest account lets it in, any other refuses it.
// No password is ever computed or sent.
import { randomBytes } from 'node:crypto';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

export const NTLM_FLAGS = {
  unicode: 0x00000001,
  oem: 0x00000002,
  requestTarget: 0x00000004,
  ntlm: 0x00000200,
  anonymous: 0x00000800,
  alwaysSign: 0x00008000,
  extendedSessionSecurity: 0x00080000,
  targetInfo: 0x00800000,
  version: 0x02000000,
  bits128: 0x20000000,
  bits56: 0x80000000,
} as const;

const CLIENT_FLAGS = NTLM_FLAGS.unicode | NTLM_FLAGS.oem | NTLM_FLAGS.requestTarget | NTLM_FLAGS.ntlm | NTLM_FLAGS.alwaysSign
  | NTLM_FLAGS.extendedSessionSecurity | NTLM_FLAGS.bits128 | NTLM_FLAGS.bits56;

export interface NtlmChallenge {
  flags: number;
  /** The server's NetBIOS computer and domain names and DNS name, when it tells them. */
  computer: string | null;
  domain: string | null;
  dnsComputer: string | null;
  /** "major.minor.build" when the server sends its version (Windows does; Samba sends 6.1.0). */
  version: string | null;
  /** The server's TargetInfo AV pairs as sent: an NTLMv2 response carries them back (MS-NLMP §3.1.5.1.2). */
  targetInfo: Buffer;
}

export function ntlmNegotiate(): Buffer {
  const message = Buffer.alloc(32);
  SIGNATURE.copy(message, 0);
  message.writeUInt32LE(1, 8);
  message.writeUInt32LE(CLIENT_FLAGS >>> 0, 12);
  // Domain and workstation fields (16..31) stay empty: length 0, offset 0.
  return message;
}

/** Reads a CHALLENGE message; null if it is not one. Every field is bounds-checked against the blob. */
export function parseNtlmChallenge(blob: Buffer): NtlmChallenge | null {
  const start = blob.indexOf(SIGNATURE);
  if (start < 0 || blob.length - start < 48) return null;
  const message = blob.subarray(start);
  if (message.readUInt32LE(8) !== 2) return null;
  const flags = message.readUInt32LE(20);
  const info = field(message, 40);
  const pairs = info ? avPairs(info) : new Map<number, string>();
  let version: string | null = null;
  if (flags & NTLM_FLAGS.version && message.length >= 56) {
    version = `${message[48]}.${message[49]}.${message.readUInt16LE(50)}`;
  }
  return {
    flags, computer: pairs.get(1) ?? null, domain: pairs.get(2) ?? null, dnsComputer: pairs.get(3) ?? null, version,
    targetInfo: info ? Buffer.from(info.subarray(0, 2048)) : Buffer.alloc(4),
  };
}

export type SessionKind = 'anonymous' | 'guest';

/** AUTHENTICATE for an anonymous session, or a guest try with a random user name and a random response. */
export function ntlmAuthenticate(challenge: NtlmChallenge, kind: SessionKind): Buffer {
  const negotiated = ((challenge.flags & CLIENT_FLAGS) | NTLM_FLAGS.unicode) >>> 0;
  const flags = kind === 'anonymous' ? negotiated | NTLM_FLAGS.anonymous : negotiated;
  const user = kind === 'anonymous' ? Buffer.alloc(0) : Buffer.from(`mamori-${randomBytes(6).toString('hex')}`, 'utf16le');
  const lm = kind === 'anonymous' ? Buffer.alloc(1) : Buffer.alloc(24);
  // A guest try: an NTLMv2-shaped response nobody can verify, since the user does not exist: a random
  // 16-byte proof, then the client blob (version 1.1, time, client challenge) ending with the
  // server's own AV pairs, as every real client sends them (Samba refuses a blob without them).
  const nt = kind === 'anonymous' ? Buffer.alloc(0) : Buffer.concat([
    randomBytes(16), Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]), filetimeNow(), randomBytes(8), Buffer.alloc(4), withEol(challenge.targetInfo), Buffer.alloc(4),
  ]);
  const payloads = [lm, nt, Buffer.alloc(0) /* domain */, user, Buffer.alloc(0) /* workstation */, Buffer.alloc(0) /* session key */];
  const header = Buffer.alloc(64);
  SIGNATURE.copy(header, 0);
  header.writeUInt32LE(3, 8);
  let offset = header.length;
  payloads.forEach((payload, i) => {
    const at = 12 + i * 8;
    header.writeUInt16LE(payload.length, at);
    header.writeUInt16LE(payload.length, at + 2);
    header.writeUInt32LE(offset, at + 4);
    offset += payload.length;
  });
  header.writeUInt32LE(flags >>> 0, 60);
  return Buffer.concat([header, ...payloads]);
}

function filetimeNow(): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE((BigInt(Date.now()) + 11_644_473_600_000n) * 10_000n);
  return out;
}

/** AV pairs end with MsvAvEOL (id 0, length 0); a list that lacks it gets one. */
function withEol(info: Buffer): Buffer {
  return info.length >= 4 && info.readUInt32LE(info.length - 4) === 0 ? info : Buffer.concat([info, Buffer.alloc(4)]);
}

/** A (length, max, offset) field of an NTLM message, or null when it points outside the message. */
function field(message: Buffer, at: number): Buffer | null {
  if (at + 8 > message.length) return null;
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  if (length === 0 || offset + length > message.length) return null;
  return message.subarray(offset, offset + length);
}

/** The AV_PAIR list of the target info (MS-NLMP §2.2.2.1): names as UTF-16, at most 32 pairs. */
function avPairs(info: Buffer): Map<number, string> {
  const pairs = new Map<number, string>();
  let at = 0;
  for (let i = 0; i < 32 && at + 4 <= info.length; i++) {
    const id = info.readUInt16LE(at);
    const length = info.readUInt16LE(at + 2);
    if (id === 0 || at + 4 + length > info.length) break;
    if (id >= 1 && id <= 5) pairs.set(id, info.subarray(at + 4, at + 4 + length).toString('utf16le').slice(0, 128));
    at += 4 + length;
  }
  return pairs;
}
