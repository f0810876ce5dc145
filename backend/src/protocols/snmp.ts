// SNMP over UDP: a v1/v2c get of the system group (net-snmp), and an SNMPv3 engine-discovery
// request built by hand. A v1/v2c agent silently drops a wrong community, so "no answer" only
// means "refused" once the agent is known to be there — and every SNMPv3 agent answers the
// discovery request (RFC 3414 §4) without any credential, which is how we know.
import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { abortError } from './tcp.js';

export interface SnmpOptions {
  host: string;
  port: number;
  /** One request, no retry: a guess costs at most this long (net-snmp's defaults are 5 s × 2). */
  timeoutMs: number;
  signal?: AbortSignal;
}

export const SYSTEM_OIDS = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysName: '1.3.6.1.2.1.1.5.0',
} as const;

export type SnmpVersion = 'v1' | 'v2c';

export interface SnmpGetResult {
  outcome: 'answered' | 'no-answer' | 'error';
  values: { sysDescr: string | null; sysObjectID: string | null; sysName: string | null };
  detail: string;
}

/** GET sysDescr, sysObjectID and sysName with one community string. */
export async function snmpGetSystem(options: SnmpOptions, community: string, version: SnmpVersion): Promise<SnmpGetResult> {
  if (options.signal?.aborted) throw abortError();
  // Loaded at first use: net-snmp costs ~13 MB of RSS that an idle appliance does not need.
  const snmp = (await import('net-snmp')).default;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const session = snmp.createSession(options.host, community, {
      port: options.port,
      version: version === 'v1' ? snmp.Version1 : snmp.Version2c,
      timeout: options.timeoutMs,
      retries: 0,
      backoff: 1,
    });
    const empty = { sysDescr: null, sysObjectID: null, sysName: null };
    let settled = false;
    const finish = (result: SnmpGetResult | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hardTimer);
      options.signal?.removeEventListener('abort', onAbort);
      try { session.close(); } catch { /* already closed */ }
      if (result instanceof Error) reject(result); else resolve(result);
    };
    const onAbort = (): void => finish(abortError());
    const hardTimer = setTimeout(() => finish({ outcome: 'no-answer', values: empty, detail: 'no answer' }), options.timeoutMs + 500);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    session.on('error', (error: Error) => finish({ outcome: 'error', values: empty, detail: error.message }));
    session.get(Object.values(SYSTEM_OIDS), (error, varbinds) => {
      if (error) {
        const timedOut = (error as Error).name === 'RequestTimedOutError' || /timed out/i.test(error.message);
        return finish({ outcome: timedOut ? 'no-answer' : 'error', values: empty, detail: error.message });
      }
      const text = (i: number): string | null => {
        const vb = varbinds?.[i];
        if (!vb || snmp.isVarbindError(vb)) return null;
        return Buffer.isBuffer(vb.value) ? vb.value.toString('utf8') : String(vb.value);
      };
      finish({ outcome: 'answered', values: { sysDescr: text(0), sysObjectID: text(1), sysName: text(2) }, detail: 'answered' });
    });
  });
}

export interface SnmpEngine {
  /** authoritative engine id, hex */
  engineId: string;
  /** IANA enterprise number from an RFC 3411 engine id (e.g. 8072 net-snmp, 6574 Synology), or null. */
  enterprise: number | null;
  engineBoots: number;
}

/** SNMPv3 engine discovery: an unauthenticated GET that every v3 agent answers with a Report. */
export function snmpV3Discovery(options: SnmpOptions): Promise<SnmpEngine | null> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const socket = createSocket('udp4');
    const msgId = randomInt(1, 0x7fffffff);
    let settled = false;
    const finish = (result: SnmpEngine | null | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.close();
      if (result instanceof Error) reject(result); else resolve(result);
    };
    const onAbort = (): void => finish(abortError());
    const timer = setTimeout(() => finish(null), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', () => finish(null));
    socket.on('message', (message, remote) => {
      if (remote.address !== options.host || remote.port !== options.port) return;
      const engine = parseDiscoveryReport(message, msgId);
      if (engine) finish(engine);
    });
    socket.send(discoveryRequest(msgId), options.port, options.host, (error) => { if (error) finish(null); });
  });
}

// ---- minimal BER (only what the discovery exchange needs) ----------------------------------

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}
const int = (value: number): Buffer => {
  const bytes: number[] = [];
  let v = value;
  do { bytes.unshift(v & 0xff); v = Math.floor(v / 256); } while (v > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
};
const octets = (content: Buffer | string): Buffer => tlv(0x04, Buffer.from(content));
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));

/** RFC 3412 message, msgFlags = reportable, USM with an empty engine id and user. */
export function discoveryRequest(msgId: number): Buffer {
  const usm = seq(octets(''), int(0), int(0), octets(''), octets(''), octets(''));
  const pdu = tlv(0xa0, Buffer.concat([int(msgId), int(0), int(0), seq()]));
  return seq(int(3), seq(int(msgId), int(65507), octets(Buffer.from([0x04])), int(3)), octets(usm), seq(octets(''), octets(''), pdu));
}

interface Tlv { tag: number; content: Buffer }

function readAll(data: Buffer): Tlv[] {
  const items: Tlv[] = [];
  let i = 0;
  while (i + 2 <= data.length && items.length < 32) {
    const tag = data[i]!;
    let length = data[i + 1]!;
    let start = i + 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 3 || start + count > data.length) break;
      length = 0;
      for (let k = 0; k < count; k++) length = length * 256 + data[start + k]!;
      start += count;
    }
    if (start + length > data.length) break;
    items.push({ tag, content: data.subarray(start, start + length) });
    i = start + length;
  }
  return items;
}

const toInt = (b: Buffer): number => b.reduce((acc, byte) => acc * 256 + byte, 0);

/** Pulls the authoritative engine id out of a v3 Report answering our msgId; null if it is not one. */
export function parseDiscoveryReport(message: Buffer, msgId: number): SnmpEngine | null {
  const [top] = readAll(message);
  if (!top || top.tag !== 0x30) return null;
  const [version, header, security, scoped] = readAll(top.content);
  if (!version || version.tag !== 0x02 || toInt(version.content) !== 3) return null;
  const headerItems = header?.tag === 0x30 ? readAll(header.content) : [];
  if (headerItems[0]?.tag !== 0x02 || toInt(headerItems[0].content) !== msgId) return null;
  if (!security || security.tag !== 0x04 || !scoped || scoped.tag !== 0x30) return null;
  const [usm] = readAll(security.content);
  const usmItems = usm?.tag === 0x30 ? readAll(usm.content) : [];
  const engineId = usmItems[0];
  if (!engineId || engineId.tag !== 0x04 || engineId.content.length === 0) return null;
  const pdu = readAll(scoped.content)[2];
  if (!pdu || (pdu.tag !== 0xa8 && pdu.tag !== 0xa2)) return null; // Report (or a Response from a lax agent)
  const id = engineId.content;
  const enterprise = id.length >= 5 && (id[0]! & 0x80) ? toInt(id.subarray(0, 4)) & 0x7fffffff : null;
  return { engineId: id.toString('hex'), enterprise, engineBoots: usmItems[1]?.tag === 0x02 ? toInt(usmItems[1].content) : 0 };
}
