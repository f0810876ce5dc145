// SNMP over UDP: a v1/v2c GET with one community, and an SNMPv3 engine-discovery request, both
// built and read by the project's own BER code (snmp-ber.ts: strict, bounded, never throws). A
// v1/v2c agent silently drops a wrong community, so "no answer" only means "refused" once the
// agent is known to be there — and every SNMPv3 agent answers the discovery request (RFC 3414 §4)
// without any credential, which is how we know.
import { randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { communityRequest, int, octets, parseGetResponse, PDU, readAll, seq, tlv, valueText, type Varbind } from './snmp-ber.js';
import { abortError } from './tcp.js';

export interface SnmpOptions {
  host: string;
  port: number;
  /** One request, no retry: a guess costs at most this long. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export const SYSTEM_OIDS = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysName: '1.3.6.1.2.1.1.5.0',
} as const;

export type SnmpVersion = 'v1' | 'v2c';
/** Both versions by default: some old agents (printers) answer v1 only, and drop v2c unanswered. */
export const COMMUNITY_VERSIONS: readonly SnmpVersion[] = ['v2c', 'v1'];

export interface SnmpGetAnswer {
  /** answered: a GetResponse to our request id with our community; error: only malformed or unexpected datagrams came back. */
  outcome: 'answered' | 'no-answer' | 'error';
  /** The version the agent answered (the first valid answer wins). */
  version: SnmpVersion | null;
  varbinds: Varbind[];
  /** 0 = noError; v1 agents answer an unknown OID with noSuchName (2), which still proves the community. */
  errorStatus: number;
  detail: string;
}

export interface SnmpGetResult extends SnmpGetAnswer {
  values: { sysDescr: string | null; sysObjectID: string | null; sysName: string | null };
}

/** How long a valid answer to a less preferred version waits for the preferred one. */
const PREFERRED_GRACE_MS = 150;

/**
 * One GET with one community, sent once per version (distinct request ids) from one socket. The
 * answer to the first version listed wins; another version's answer is taken if the first has not
 * come within a short grace (so the evidence names the same version scan after scan). A datagram
 * that is not exactly the answer to one of our requests is ignored (counted: if nothing valid came,
 * the outcome is "error", not "no-answer").
 */
export function snmpGet(options: SnmpOptions, community: string, oids: readonly string[],
  versions: SnmpVersion | readonly SnmpVersion[] = COMMUNITY_VERSIONS, pduType: number = PDU.get): Promise<SnmpGetAnswer> {
  const asked = typeof versions === 'string' ? [versions] : [...versions];
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const socket: Socket = createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');
    const requests = asked.map((version) => ({ version, requestId: randomInt(1, 0x7fffffff) }));
    let ignored = 0;
    let settled = false;
    const finish = (result: SnmpGetAnswer | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      try { socket.close(); } catch { /* already closed */ }
      if (result instanceof Error) reject(result); else resolve(result);
    };
    const silent = (): SnmpGetAnswer => ignored > 0
      ? { outcome: 'error', version: null, varbinds: [], errorStatus: 0, detail: `${ignored} malformed or unexpected answer(s) ignored` }
      : { outcome: 'no-answer', version: null, varbinds: [], errorStatus: 0, detail: 'no answer' };
    const onAbort = (): void => finish(abortError());
    let timer = setTimeout(() => finish(silent()), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (error) => finish({ ...silent(), outcome: 'error', detail: error.message }));
    let fallback: SnmpGetAnswer | null = null;
    socket.on('message', (message, remote) => {
      if (remote.address !== options.host || remote.port !== options.port) return;
      for (const [rank, { version, requestId }] of requests.entries()) {
        const answer = parseGetResponse(message, { version, community, requestId });
        if (!answer) continue;
        const result: SnmpGetAnswer = { outcome: 'answered', version, varbinds: answer.varbinds, errorStatus: answer.errorStatus, detail: 'answered' };
        if (rank === 0) return finish(result);
        if (!fallback) {
          fallback = result;
          clearTimeout(timer);
          timer = setTimeout(() => finish(fallback!), PREFERRED_GRACE_MS);
        }
        return;
      }
      ignored += 1;
    });
    for (const { version, requestId } of requests) {
      const datagram = communityRequest(version, community, requestId, pduType, oids);
      socket.send(datagram, options.port, options.host, (error) => { if (error) finish({ ...silent(), outcome: 'error', detail: error.message }); });
    }
  });
}

/** GET sysDescr, sysObjectID and sysName with one community string (v2c and v1 unless told). */
export async function snmpGetSystem(options: SnmpOptions, community: string,
  versions: SnmpVersion | readonly SnmpVersion[] = COMMUNITY_VERSIONS): Promise<SnmpGetResult> {
  const oids = Object.values(SYSTEM_OIDS);
  const answer = await snmpGet(options, community, oids, versions);
  const text = (oid: string): string | null => {
    const varbind = answer.varbinds.find((v) => v.oid === oid);
    return varbind ? valueText(varbind.value) : null;
  };
  return { ...answer, values: { sysDescr: text(oids[0]!), sysObjectID: text(oids[1]!), sysName: text(oids[2]!) } };
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

// ---- SNMPv3 discovery -------------------------------------------------------------------------

/** RFC 3412 message, msgFlags = reportable, USM with an empty engine id and user. */
export function discoveryRequest(msgId: number): Buffer {
  const usm = seq(octets(''), int(0), int(0), octets(''), octets(''), octets(''));
  const pdu = tlv(0xa0, Buffer.concat([int(msgId), int(0), int(0), seq()]));
  return seq(int(3), seq(int(msgId), int(65507), octets(Buffer.from([0x04])), int(3)), octets(usm), seq(octets(''), octets(''), pdu));
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
