// SMB over TCP 445 (MS-SMB2; MS-CIFS for SMB1), only what a home check needs: does the server
// still accept SMB1 (one NEGOTIATE offering "NT LM 0.12" alone), which SMB2 dialect it picks, and
// a session without a password (anonymous or guest) that reaches IPC$ to list the shares. Every
// message is length-checked before it is read; the connection is closed on every path.
import { randomBytes } from 'node:crypto';
import { ByteSession } from './byte-session.js';
import { ntlmAuthenticate, ntlmNegotiate, parseNtlmChallenge, type NtlmChallenge, type SessionKind } from './ntlmssp.js';

export interface SmbOptions {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Largest SMB message we read (a NetShareEnum answer of a big NAS fits easily). */
const MAX_MESSAGE = 64 * 1024;
const SMB2_HEADER = 64;

export const NT_STATUS = {
  success: 0x00000000,
  moreProcessingRequired: 0xc0000016,
  bufferOverflow: 0x80000005,
  pending: 0x00000103,
} as const;

export const SMB2_COMMAND = { negotiate: 0, sessionSetup: 1, logoff: 2, treeConnect: 3, treeDisconnect: 4, create: 5, close: 6, read: 8, write: 9 } as const;
/** Dialects offered: 2.0.2 to 3.0.2 (3.1.1 needs negotiate contexts and adds nothing for this check). */
const DIALECTS = [0x0202, 0x0210, 0x0300, 0x0302];

/** A NetBIOS session-service frame (RFC 1002 §4.3.1): type 0, 24-bit length. */
export function nbssFrame(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length & 0xffffff, 0);
  return Buffer.concat([header, payload]);
}

/** The next session message; keep-alives (0x85) are skipped; null on a bad or oversized frame. */
export async function readFrame(session: ByteSession, timeoutMs: number): Promise<Buffer | null> {
  for (let i = 0; i < 4; i++) {
    const header = await session.read(4, timeoutMs);
    if (!header) return null;
    const type = header[0]!;
    const length = header.readUInt32BE(0) & 0xffffff;
    if (length > MAX_MESSAGE) return null;
    const body = length > 0 ? await session.read(length, timeoutMs) : Buffer.alloc(0);
    if (!body) return null;
    if (type === 0x00) return body;
    if (type !== 0x85) return null;
  }
  return null;
}

export interface Smb1Answer {
  /** True when the server picked "NT LM 0.12": it speaks SMB1. */
  accepted: boolean;
  /** What it said: "SMB1 NT LM 0.12 accepted", "SMB1 refused (no dialect)", "connection closed"… */
  detail: string;
}

/** One SMB1 NEGOTIATE offering only "NT LM 0.12" (no SMB2 dialect, so the server cannot move up). */
export async function smb1Negotiate(options: SmbOptions): Promise<Smb1Answer> {
  const session = await ByteSession.open({ ...options, maxBytes: MAX_MESSAGE + 4 });
  try {
    const header = Buffer.alloc(32);
    Buffer.from([0xff, 0x53, 0x4d, 0x42, 0x72]).copy(header, 0); // \xFFSMB, SMB_COM_NEGOTIATE
    header[9] = 0x18; // flags: case-insensitive paths, canonical names
    header.writeUInt16LE(0xc801, 10); // flags2: unicode, NT status codes, extended security, long names
    header.writeUInt16LE(0xfeff, 26); // PID
    const dialect = Buffer.from('\x02NT LM 0.12\0', 'latin1');
    const body = Buffer.alloc(3);
    body.writeUInt16LE(dialect.length, 1); // WordCount 0, ByteCount
    if (!(await session.write(nbssFrame(Buffer.concat([header, body, dialect]))))) return { accepted: false, detail: 'connection closed' };
    const reply = await readFrame(session, options.timeoutMs);
    if (!reply) return { accepted: false, detail: 'no SMB1 answer (connection closed or timed out)' };
    if (reply.length < 35 || reply.readUInt32BE(0) !== 0xff534d42 || reply[4] !== 0x72) {
      return { accepted: false, detail: reply.readUInt32BE(0) === 0xfe534d42 ? 'answered in SMB2 only' : 'not an SMB1 answer' };
    }
    const status = reply.readUInt32LE(5);
    const index = reply[32]! > 0 ? reply.readUInt16LE(33) : 0xffff;
    if (status !== NT_STATUS.success || index !== 0) return { accepted: false, detail: `SMB1 refused (status 0x${status.toString(16)}, dialect index ${index})` };
    return { accepted: true, detail: 'the server accepted an SMB1 NEGOTIATE with the NT LM 0.12 dialect' };
  } finally {
    session.close();
  }
}

export interface Smb2Message {
  status: number;
  command: number;
  sessionId: Buffer;
  treeId: number;
  /** The message after the 64-byte header; offsets in it are from the header's start (see `at`). */
  body: Buffer;
  /** The whole message, for offsets counted from the header. */
  raw: Buffer;
}

export interface Smb2Negotiated {
  dialect: number;
  signingRequired: boolean;
}

/** An SMB2 conversation on one connection, one request at a time. */
export class Smb2Client {
  #messageId = 0n;
  #sessionId: Buffer = Buffer.alloc(8);
  #treeId = 0;

  private constructor(private readonly session: ByteSession, private readonly options: SmbOptions) {}

  static async open(options: SmbOptions): Promise<Smb2Client> {
    return new Smb2Client(await ByteSession.open({ ...options, maxBytes: 16 * MAX_MESSAGE }), options);
  }

  close(): void { this.session.close(); }

  async request(command: number, body: Buffer): Promise<Smb2Message | null> {
    const header = Buffer.alloc(SMB2_HEADER);
    header.writeUInt32BE(0xfe534d42, 0);
    header.writeUInt16LE(SMB2_HEADER, 4);
    header.writeUInt16LE(1, 6); // credit charge
    header.writeUInt16LE(command, 12);
    header.writeUInt16LE(8, 14); // credits requested
    header.writeBigUInt64LE(this.#messageId++, 24);
    header.writeUInt32LE(0xfeff, 32);
    header.writeUInt32LE(this.#treeId, 36);
    this.#sessionId.copy(header, 40);
    if (!(await this.session.write(nbssFrame(Buffer.concat([header, body]))))) return null;
    // Skip interim "pending" answers (bounded).
    for (let i = 0; i < 4; i++) {
      const raw = await readFrame(this.session, this.options.timeoutMs);
      if (!raw || raw.length < SMB2_HEADER || raw.readUInt32BE(0) !== 0xfe534d42) return null;
      const status = raw.readUInt32LE(8);
      if (status === NT_STATUS.pending) continue;
      return { status, command: raw.readUInt16LE(12), treeId: raw.readUInt32LE(36), sessionId: Buffer.from(raw.subarray(40, 48)), body: raw.subarray(SMB2_HEADER), raw };
    }
    return null;
  }

  async negotiate(): Promise<Smb2Negotiated | null> {
    const body = Buffer.alloc(36 + DIALECTS.length * 2);
    body.writeUInt16LE(36, 0);
    body.writeUInt16LE(DIALECTS.length, 2);
    body.writeUInt16LE(1, 4); // signing enabled, not required
    randomBytes(16).copy(body, 12); // client GUID
    DIALECTS.forEach((d, i) => body.writeUInt16LE(d, 36 + i * 2));
    const reply = await this.request(SMB2_COMMAND.negotiate, body);
    if (!reply || reply.status !== NT_STATUS.success || reply.body.length < 64) return null;
    return { dialect: reply.body.readUInt16LE(4), signingRequired: (reply.body.readUInt16LE(2) & 0x2) !== 0 };
  }

  /**
   * A session without a password: NTLMSSP NEGOTIATE, the server's CHALLENGE, then an anonymous or
   * guest AUTHENTICATE. Resolves with what the server granted, or null when it refused.
   */
  async sessionWithoutPassword(kind: SessionKind): Promise<{ flags: number; challenge: NtlmChallenge } | null> {
    const first = await this.request(SMB2_COMMAND.sessionSetup, sessionSetupBody(ntlmNegotiate()));
    if (!first || first.status !== NT_STATUS.moreProcessingRequired) return null;
    const challenge = parseNtlmChallenge(securityBuffer(first) ?? Buffer.alloc(0));
    if (!challenge) return null;
    this.#sessionId = first.sessionId;
    const second = await this.request(SMB2_COMMAND.sessionSetup, sessionSetupBody(ntlmAuthenticate(challenge, kind)));
    if (!second || second.status !== NT_STATUS.success || second.body.length < 8) return null;
    return { flags: second.body.readUInt16LE(2), challenge };
  }

  /** TREE_CONNECT to \\host\share; true when granted (the tree id is kept for the next requests). */
  async treeConnect(share: string): Promise<boolean> {
    const path = Buffer.from(`\\\\${this.options.host}\\${share}`, 'utf16le');
    const body = Buffer.alloc(8);
    body.writeUInt16LE(9, 0);
    body.writeUInt16LE(SMB2_HEADER + 8, 4);
    body.writeUInt16LE(path.length, 6);
    const reply = await this.request(SMB2_COMMAND.treeConnect, Buffer.concat([body, path]));
    if (!reply || reply.status !== NT_STATUS.success) return false;
    this.#treeId = reply.treeId;
    return true;
  }

  /** Opens a named pipe on IPC$ (e.g. "srvsvc"); its 16-byte file id, or null. */
  async openPipe(name: string): Promise<Buffer | null> {
    const nameBytes = Buffer.from(name, 'utf16le');
    const body = Buffer.alloc(56);
    body.writeUInt16LE(57, 0);
    body.writeUInt32LE(2, 4); // impersonation level: impersonation
    body.writeUInt32LE(0x0012019f, 24); // desired access: read/write data, attributes, EAs, read control, synchronize
    body.writeUInt32LE(0x7, 32); // share access: read, write, delete
    body.writeUInt32LE(1, 36); // create disposition: open
    body.writeUInt32LE(0x40, 40); // create options: non-directory file
    body.writeUInt16LE(SMB2_HEADER + 56, 44);
    body.writeUInt16LE(nameBytes.length, 46);
    const reply = await this.request(SMB2_COMMAND.create, Buffer.concat([body, nameBytes]));
    if (!reply || reply.status !== NT_STATUS.success || reply.body.length < 80) return null;
    return Buffer.from(reply.body.subarray(64, 80));
  }

  async write(fileId: Buffer, data: Buffer): Promise<boolean> {
    const body = Buffer.alloc(48);
    body.writeUInt16LE(49, 0);
    body.writeUInt16LE(SMB2_HEADER + 48, 2);
    body.writeUInt32LE(data.length, 4);
    fileId.copy(body, 16);
    const reply = await this.request(SMB2_COMMAND.write, Buffer.concat([body, data]));
    return reply?.status === NT_STATUS.success;
  }

  /** Reads up to `length` bytes; a pipe says "buffer overflow" when more is waiting (returned too). */
  async read(fileId: Buffer, length: number): Promise<{ data: Buffer; more: boolean } | null> {
    const body = Buffer.alloc(49);
    body.writeUInt16LE(49, 0);
    body.writeUInt32LE(length, 4);
    fileId.copy(body, 16);
    const reply = await this.request(SMB2_COMMAND.read, body);
    if (!reply || (reply.status !== NT_STATUS.success && reply.status !== NT_STATUS.bufferOverflow) || reply.body.length < 16) return null;
    const offset = reply.body[2]!;
    const size = reply.body.readUInt32LE(4);
    if (offset < SMB2_HEADER || offset + size > reply.raw.length) return null;
    return { data: Buffer.from(reply.raw.subarray(offset, offset + size)), more: reply.status === NT_STATUS.bufferOverflow };
  }

  async closeFile(fileId: Buffer): Promise<void> {
    const body = Buffer.alloc(24);
    body.writeUInt16LE(24, 0);
    fileId.copy(body, 8);
    await this.request(SMB2_COMMAND.close, body);
  }
}

function sessionSetupBody(token: Buffer): Buffer {
  const body = Buffer.alloc(24);
  body.writeUInt16LE(25, 0);
  body[3] = 1; // security mode: signing enabled
  body.writeUInt16LE(SMB2_HEADER + 24, 12);
  body.writeUInt16LE(token.length, 14);
  return Buffer.concat([body, token]);
}

/** The security buffer of a SESSION_SETUP answer, bounds-checked. */
function securityBuffer(reply: Smb2Message): Buffer | null {
  if (reply.body.length < 8) return null;
  const offset = reply.body.readUInt16LE(4);
  const length = reply.body.readUInt16LE(6);
  if (offset < SMB2_HEADER || offset + length > reply.raw.length) return null;
  return reply.raw.subarray(offset, offset + length);
}

/** RFC 1001 first-level encoding of a NetBIOS name (padded to 15 with spaces, then the suffix). */
function netbiosName(name: string, suffix: number): Buffer {
  const raw = Buffer.alloc(16, 0x20);
  Buffer.from(name.slice(0, 15), 'latin1').copy(raw);
  raw[15] = suffix;
  const encoded = Buffer.alloc(34);
  encoded[0] = 32;
  for (let i = 0; i < 16; i++) {
    encoded[1 + i * 2] = 0x41 + (raw[i]! >> 4);
    encoded[2 + i * 2] = 0x41 + (raw[i]! & 0x0f);
  }
  return encoded; // the final zero (root label) is already there
}

/**
 * NetBIOS session service (tcp 139, RFC 1002 §4.3.2): one SESSION REQUEST to "*SMBSERVER". A
 * positive (0x82) or negative (0x83) SESSION RESPONSE both prove the service; null otherwise.
 */
export async function netbiosSessionRequest(options: SmbOptions): Promise<'positive' | 'negative' | null> {
  const session = await ByteSession.open({ ...options, maxBytes: 512 });
  try {
    const payload = Buffer.concat([netbiosName('*SMBSERVER', 0x20), netbiosName('MAMORI', 0x00)]);
    const header = Buffer.from([0x81, 0, 0, payload.length]);
    if (!(await session.write(Buffer.concat([header, payload])))) return null;
    const reply = await session.read(4, options.timeoutMs);
    if (!reply) return null;
    // RFC 1002 says a positive response has no trailer; impacket echoes the request's names in one.
    if (reply[0] === 0x82 && reply[1]! <= 1) return 'positive';
    if (reply[0] === 0x83 && reply.readUInt16BE(2) === 1) return 'negative';
    return null;
  } finally {
    session.close();
  }
}
