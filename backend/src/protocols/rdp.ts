// The first exchange of the Remote Desktop Protocol (MS-RDPBCGR §2.2.1.1–2): an X.224 Connection
// Request carrying an RDP Negotiation Request, and the server's Connection Confirm, which says the
// security it picked (standard RDP, TLS, or CredSSP = Network Level Authentication). Nothing else
// is sent: no MCS, no credentials; the connection is closed after the confirm.
import { ByteSession } from './byte-session.js';

export interface RdpOptions {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type RdpSecurity = 'rdp' | 'tls' | 'credssp' | 'rdstls' | 'credssp-early' | 'unknown';

export interface RdpConfirm {
  /** What the server selected, or null when it answered without a negotiation response (old servers: standard RDP security). */
  security: RdpSecurity | null;
  /** RDP_NEG_FAILURE code, when the server refused every protocol offered. */
  failureCode: number | null;
}

const PROTOCOLS: Record<number, RdpSecurity> = { 0: 'rdp', 1: 'tls', 2: 'credssp', 4: 'rdstls', 8: 'credssp-early' };
/** TLS | CredSSP | CredSSP with early user authorisation: what current clients offer. */
const REQUESTED = 0x1 | 0x2 | 0x8;

export function connectionRequest(): Buffer {
  const packet = Buffer.alloc(19);
  packet.writeUInt16BE(0x0300, 0); // TPKT version 3
  packet.writeUInt16BE(19, 2);
  packet[4] = 14; // X.224 length indicator
  packet[5] = 0xe0; // Connection Request
  // destination ref, source ref, class 0: zeros
  packet[11] = 0x01; // RDP_NEG_REQ
  packet.writeUInt16LE(8, 13);
  packet.writeUInt32LE(REQUESTED, 15);
  return packet;
}

/** Parses a TPKT + X.224 Connection Confirm; null when it is not one. */
export function parseConnectionConfirm(data: Buffer): RdpConfirm | null {
  if (data.length < 11 || data[0] !== 3 || data.readUInt16BE(2) !== data.length) return null;
  const indicator = data[4]!;
  if ((data[5]! & 0xf0) !== 0xd0 || 5 + indicator > data.length) return null;
  if (data.length < 19) return { security: null, failureCode: null };
  const type = data[11]!;
  const value = data.readUInt32LE(15);
  if (type === 0x02) return { security: PROTOCOLS[value] ?? 'unknown', failureCode: null };
  if (type === 0x03) return { security: null, failureCode: value };
  return { security: null, failureCode: null };
}

export async function rdpHello(options: RdpOptions): Promise<RdpConfirm | null> {
  const session = await ByteSession.open({ ...options, maxBytes: 1024 });
  try {
    if (!(await session.write(connectionRequest()))) return null;
    const header = await session.read(4, options.timeoutMs);
    if (!header || header[0] !== 3) return null;
    const length = header.readUInt16BE(2);
    if (length < 11 || length > 512) return null;
    const rest = await session.read(length - 4, options.timeoutMs);
    return rest ? parseConnectionConfirm(Buffer.concat([header, rest])) : null;
  } finally {
    session.close();
  }
}
