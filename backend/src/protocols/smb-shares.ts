// Listing the shares of an SMB server the way `net view` / `smbclient -L` does: DCE/RPC over the
// \PIPE\srvsvc named pipe on IPC$, bind to SRVSVC 3.0, call NetrShareEnum (MS-SRVS §3.1.4.8,
// opnum 15) at level 1 (name, type, comment). Encoding and decoding are NDR32 by hand, every
// count and length checked against the bytes actually received.
import { Smb2Client, type SmbOptions } from './smb.js';

const SRVSVC = { uuid: '4b324fc8-1670-01d3-1278-5a47bf6ee188', major: 3, minor: 0 };
const NDR32 = { uuid: '8a885d04-1ceb-11c9-9fe8-08002b104860', version: 2 };
const PTYPE = { request: 0, response: 2, fault: 3, bind: 11, bindAck: 12 } as const;
const MAX_FRAGMENT = 4280;
const MAX_SHARES = 256;
const MAX_RESPONSE = 64 * 1024;

export interface ShareInfo {
  name: string;
  /** STYPE_* (MS-SRVS §2.2.2.4): 0 disk, 1 printer, 3 IPC; 0x80000000 marks a hidden/special share. */
  type: number;
  comment: string;
}

/** The share list over an open session (IPC$ already connected), or null when any step is refused. */
export async function listShares(client: Smb2Client, host: string): Promise<ShareInfo[] | null> {
  const pipe = await client.openPipe('srvsvc');
  if (!pipe) return null;
  try {
    if (!(await client.write(pipe, bindPdu(1)))) return null;
    const ack = await readPdu(client, pipe);
    if (!ack || ack[2] !== PTYPE.bindAck || !bindAccepted(ack)) return null;
    if (!(await client.write(pipe, requestPdu(2, 15, netrShareEnumStub(host))))) return null;
    const stub = await readResponseStub(client, pipe);
    return stub ? parseNetrShareEnum(stub) : null;
  } finally {
    await client.closeFile(pipe).catch(() => undefined);
  }
}

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  const out = Buffer.from(hex, 'hex');
  out.subarray(0, 4).reverse();
  out.subarray(4, 6).reverse();
  out.subarray(6, 8).reverse();
  return out;
}

function pduHeader(type: number, bodyLength: number, callId: number): Buffer {
  const header = Buffer.alloc(16);
  header[0] = 5;
  header[2] = type;
  header[3] = 0x03; // first and last fragment
  header[4] = 0x10; // little-endian, ASCII, IEEE floats
  header.writeUInt16LE(16 + bodyLength, 8);
  header.writeUInt32LE(callId, 12);
  return header;
}

export function bindPdu(callId: number): Buffer {
  const body = Buffer.alloc(12 + 44);
  body.writeUInt16LE(MAX_FRAGMENT, 0);
  body.writeUInt16LE(MAX_FRAGMENT, 2);
  body[8] = 1; // one presentation context
  body.writeUInt16LE(0, 12); // context id
  body[14] = 1; // one transfer syntax
  uuidBytes(SRVSVC.uuid).copy(body, 16);
  body.writeUInt16LE(SRVSVC.major, 32);
  body.writeUInt16LE(SRVSVC.minor, 34);
  uuidBytes(NDR32.uuid).copy(body, 36);
  body.writeUInt32LE(NDR32.version, 52);
  return Buffer.concat([pduHeader(PTYPE.bind, body.length, callId), body]);
}

function bindAccepted(ack: Buffer): boolean {
  if (ack.length < 26) return false;
  const secondaryAddress = ack.readUInt16LE(24);
  let at = 26 + secondaryAddress;
  at += (4 - (at % 4)) % 4;
  if (at + 8 > ack.length || ack[at] === 0) return false;
  return ack.readUInt16LE(at + 4) === 0; // first result: acceptance
}

function requestPdu(callId: number, opnum: number, stub: Buffer): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt32LE(stub.length, 0);
  body.writeUInt16LE(0, 4);
  body.writeUInt16LE(opnum, 6);
  return Buffer.concat([pduHeader(PTYPE.request, body.length + stub.length, callId), body, stub]);
}

/** NetrShareEnum(ServerName, InfoStruct{level 1, empty container}, PreferedMaximumLength, ResumeHandle). */
export function netrShareEnumStub(host: string): Buffer {
  const name = Buffer.from(`\\\\${host}\0`, 'utf16le');
  const chars = name.length / 2;
  const words: number[] = [0x00020000, chars, 0, chars];
  const head = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => head.writeUInt32LE(w, i * 4));
  const pad = Buffer.alloc((4 - (name.length % 4)) % 4);
  const rest = [1, 1, 0x00020004, 0, 0, 0xffffffff, 0x00020008, 0];
  const tail = Buffer.alloc(rest.length * 4);
  rest.forEach((w, i) => tail.writeUInt32LE(w >>> 0, i * 4));
  return Buffer.concat([head, name, pad, tail]);
}

/** One whole PDU from the pipe (a pipe read may stop short: read on while more is waiting). */
async function readPdu(client: Smb2Client, pipe: Buffer): Promise<Buffer | null> {
  let data = Buffer.alloc(0);
  for (let i = 0; i < 16; i++) {
    const chunk = await client.read(pipe, MAX_FRAGMENT);
    if (!chunk) return null;
    data = Buffer.concat([data, chunk.data]);
    if (data.length >= 10) {
      const length = data.readUInt16LE(8);
      if (length < 16) return null;
      if (data.length >= length) return data.subarray(0, length);
    }
    if (!chunk.more && chunk.data.length === 0) return null;
  }
  return null;
}

/** The stub of a (possibly fragmented) response, fragments joined; null on a fault. */
async function readResponseStub(client: Smb2Client, pipe: Buffer): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let total = 0;
  for (let i = 0; i < 32; i++) {
    const pdu = await readPdu(client, pipe);
    if (!pdu || pdu[2] !== PTYPE.response || pdu.length < 24) return null;
    const authLength = pdu.readUInt16LE(10);
    const stub = pdu.subarray(24, pdu.length - (authLength > 0 ? authLength + 8 : 0));
    total += stub.length;
    if (total > MAX_RESPONSE) return null;
    parts.push(stub);
    if (pdu[3]! & 0x02) return Buffer.concat(parts); // last fragment
  }
  return null;
}

/** Reads NDR32 little-endian values, refusing to step past the end. */
class NdrReader {
  at = 0;
  constructor(private readonly data: Buffer) {}
  u32(): number {
    if (this.at + 4 > this.data.length) throw new RangeError('NDR: truncated');
    const value = this.data.readUInt32LE(this.at);
    this.at += 4;
    return value;
  }
  /** A conformant varying UTF-16 string (max, offset, actual, chars), aligned to 4 after. */
  string(): string {
    const max = this.u32();
    const offset = this.u32();
    const actual = this.u32();
    if (actual > max || offset > max || actual > 1024 || this.at + actual * 2 > this.data.length) throw new RangeError('NDR: bad string');
    const text = this.data.subarray(this.at, this.at + actual * 2).toString('utf16le').replace(/\0+$/, '');
    this.at += actual * 2;
    this.at += (4 - (this.at % 4)) % 4;
    return text;
  }
}

/** SHARE_ENUM_STRUCT level 1 from a NetrShareEnum response; null when the server refused (WERROR) or it is malformed. */
export function parseNetrShareEnum(stub: Buffer): ShareInfo[] | null {
  try {
    const r = new NdrReader(stub);
    if (r.u32() !== 1 || r.u32() !== 1) return null; // level, union switch
    if (r.u32() === 0) return null; // container pointer
    const entries = r.u32();
    const bufferPointer = r.u32();
    if (entries > MAX_SHARES) return null;
    const shares: Array<{ name: number; type: number; comment: number }> = [];
    if (bufferPointer !== 0) {
      const count = r.u32();
      if (count !== entries) return null;
      for (let i = 0; i < count; i++) shares.push({ name: r.u32(), type: r.u32(), comment: r.u32() });
    }
    const out: ShareInfo[] = shares.map((share) => ({
      name: share.name !== 0 ? r.string() : '',
      type: share.type,
      comment: share.comment !== 0 ? r.string() : '',
    }));
    r.u32(); // total entries
    if (r.u32() !== 0) r.u32(); // resume handle
    return r.u32() === 0 ? out : null; // WERROR
  } catch {
    return null;
  }
}

export interface GuestListing {
  /** How the session was had: no user at all (a null session), or an unknown user mapped to guest. */
  session: 'anonymous' | 'guest';
  /** SMB2 SessionFlags: 0x1 the server says guest, 0x2 null (anonymous) session. */
  sessionFlags: number;
  dialect: number;
  shares: ShareInfo[];
  /** The server's own NetBIOS name, from its NTLM challenge. */
  serverName: string | null;
  /** Disk shares the same session may connect to (TREE_CONNECT granted; nothing is listed or read). */
  openShares: string[];
}

/** At most this many disk shares are tried for access. */
const MAX_SHARES_TRIED = 8;

/** A plain disk share (not IPC$, a printer, or a hidden "name$" administrative share). */
export function isDiskShare(share: ShareInfo): boolean {
  return (share.type & 0x0fffffff) === 0 && !share.name.endsWith('$') && share.name.length > 0;
}

/**
 * Tries an anonymous session, then a guest one (each on its own connection), up to IPC$ and the
 * share list, then asks to connect to each disk share (the answer says whether it is open without a
 * password). Null when neither session yields a share list. No file is opened but the srvsvc pipe.
 */
export async function guestShareListing(options: SmbOptions): Promise<GuestListing | null> {
  for (const kind of ['anonymous', 'guest'] as const) {
    const client = await Smb2Client.open(options);
    try {
      const negotiated = await client.negotiate();
      if (!negotiated) return null;
      const granted = await client.sessionWithoutPassword(kind);
      if (!granted || !(await client.treeConnect('IPC$'))) continue;
      const shares = await listShares(client, options.host);
      if (!shares) continue;
      const openShares: string[] = [];
      for (const share of shares.filter(isDiskShare).slice(0, MAX_SHARES_TRIED)) {
        if (await client.treeConnect(share.name)) openShares.push(share.name);
      }
      return { session: kind, sessionFlags: granted.flags, dialect: negotiated.dialect, shares, serverName: granted.challenge.computer, openShares };
    } finally {
      client.close();
    }
  }
  return null;
}
