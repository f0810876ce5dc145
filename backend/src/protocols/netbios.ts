// NetBIOS name service (RFC 1002), node status only: one NBSTAT query for "*" to UDP 137 of one
// host, which answers with every name it has registered (workstation, file server, workgroup).
// Windows PCs and NAS boxes (Samba's nmbd) answer it. Unicast to one address, never broadcast.
import { createSocket, type RemoteInfo } from 'node:dgram';
import type { NetbiosInfo } from '../core/types.js';
import { datagramSender, guardInput } from './input-guard.js';

export const NETBIOS_PORT = 137;
const NBSTAT = 0x21;
const CLASS_IN = 0x01;
const MAX_NAMES = 64;
const GROUP_BIT = 0x8000;

/** First-level encoding (RFC 1001 §14.1) of the wildcard name "*", padded with NULs to 16 bytes. */
function encodedWildcard(): Buffer {
  const raw = Buffer.alloc(16, 0);
  raw[0] = 0x2a;
  const out = Buffer.alloc(34);
  out[0] = 32;
  for (let i = 0; i < 16; i++) {
    out[1 + i * 2] = 0x41 + (raw[i]! >> 4);
    out[2 + i * 2] = 0x41 + (raw[i]! & 0x0f);
  }
  out[33] = 0; // empty scope
  return out;
}

export function nodeStatusQuery(transactionId: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(transactionId & 0xffff, 0);
  header.writeUInt16BE(0x0000, 2); // query, no recursion
  header.writeUInt16BE(1, 4); // one question
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(NBSTAT, 0);
  tail.writeUInt16BE(CLASS_IN, 2);
  return Buffer.concat([header, encodedWildcard(), tail]);
}

export type NodeStatusParse = { ok: true; transactionId: number; info: NetbiosInfo } | { ok: false; reason: string };

/** Parses a node status response. Never throws; every offset is checked against the packet. */
export function parseNodeStatus(buf: Buffer): NodeStatusParse {
  if (buf.length < 12) return { ok: false, reason: `truncated header (${buf.length} bytes)` };
  const transactionId = buf.readUInt16BE(0);
  const flags = buf.readUInt16BE(2);
  if ((flags & 0x8000) === 0) return { ok: false, reason: 'a query, not a response' };
  if ((flags & 0x000f) !== 0) return { ok: false, reason: `error response (rcode ${flags & 0x0f})` };
  if (buf.readUInt16BE(6) < 1) return { ok: false, reason: 'no answer record' };
  let offset = skipName(buf, 12);
  if (offset < 0) return { ok: false, reason: 'malformed answer name' };
  if (offset + 10 > buf.length) return { ok: false, reason: 'truncated answer record' };
  if (buf.readUInt16BE(offset) !== NBSTAT) return { ok: false, reason: 'answer is not a node status' };
  const rdLength = buf.readUInt16BE(offset + 8);
  offset += 10;
  const end = Math.min(buf.length, offset + rdLength);
  if (offset >= end) return { ok: false, reason: 'empty node status' };
  const count = buf[offset]!;
  offset += 1;
  if (count > MAX_NAMES) return { ok: false, reason: `claims ${count} names` };
  const names: Array<{ name: string; suffix: number; group: boolean }> = [];
  for (let i = 0; i < count; i++, offset += 18) {
    if (offset + 18 > end) return { ok: false, reason: `truncated name table (${i} of ${count})` };
    const name = buf.subarray(offset, offset + 15).toString('latin1').replace(/[^\x20-\x7e]/g, '').trimEnd();
    if (name === '') continue;
    names.push({ name, suffix: buf[offset + 15]!, group: (buf.readUInt16BE(offset + 16) & GROUP_BIT) !== 0 });
  }
  const workstation = names.find((n) => n.suffix === 0x00 && !n.group) ?? names.find((n) => !n.group);
  if (!workstation) return { ok: false, reason: 'no unique name in the table' };
  const workgroup = names.find((n) => n.suffix === 0x00 && n.group && n.name !== '__MSBROWSE__');
  return {
    ok: true,
    transactionId,
    info: {
      name: workstation.name,
      workgroup: workgroup?.name ?? null,
      names: names.map((n) => `${n.name}<${n.suffix.toString(16).padStart(2, '0')}>`),
    },
  };
}

/** A name at `offset`: 32-byte encoded labels or a compression pointer. Returns the next offset, or -1. */
function skipName(buf: Buffer, offset: number): number {
  for (let labels = 0; labels < 16; labels++) {
    if (offset >= buf.length) return -1;
    const len = buf[offset]!;
    if (len === 0) return offset + 1;
    if ((len & 0xc0) === 0xc0) return offset + 2 <= buf.length ? offset + 2 : -1;
    if ((len & 0xc0) !== 0) return -1;
    offset += 1 + len;
  }
  return -1;
}

export interface NodeStatusOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  port?: number;
  /** Sends the query again after this long if nothing came back (UDP may drop it). */
  retryMs?: number;
  onMalformed?: (reason: string) => void;
}

/** Asks one host for its names. Resolves null on no answer; never rejects; the socket is always closed. */
export function queryNodeStatus(ip: string, options: NodeStatusOptions): Promise<NetbiosInfo | null> {
  const port = options.port ?? NETBIOS_PORT;
  const id = Math.floor(Math.random() * 0xffff);
  const query = nodeStatusQuery(id);
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (info: NetbiosInfo | null): void => {
      if (done) return;
      done = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.close();
      resolve(info);
    };
    const onAbort = (): void => finish(null);
    const send = (): void => { if (!done) socket.send(query, port, ip, () => {}); };
    socket.on('error', () => finish(null));
    socket.on('message', guardInput('netbios', datagramSender, (message: Buffer, rinfo: RemoteInfo) => {
      if (rinfo.address !== ip) return;
      const parsed = parseNodeStatus(message);
      if (!parsed.ok) return options.onMalformed?.(parsed.reason);
      if (parsed.transactionId === (id & 0xffff)) finish(parsed.info);
    }));
    if (options.signal?.aborted) return finish(null);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.bind(0, () => {
      if (done) return;
      send();
      if (options.retryMs !== undefined && options.retryMs < options.timeoutMs) timers.push(setTimeout(send, options.retryMs));
      timers.push(setTimeout(() => finish(null), options.timeoutMs));
    });
  });
}
