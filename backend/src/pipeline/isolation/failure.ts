// Why a scan process died, in words the owner can read: what the scan was doing (its last progress)
// and whose answer it was reading (the breadcrumb), e.g. "The scan stopped on an unexpected error
// while reading an answer from 10.0.0.23 (mDNS, udp/5353), during discovery".
import type { ScanFailure, ScanProgress, Transport } from '../../core/types.js';
import type { LastAnswer } from './breadcrumb.js';

/** Remote ports whose protocol is certain enough to name (the answer came FROM that port). */
const UDP_PROTOCOLS: Record<number, string> = { 53: 'DNS', 137: 'NetBIOS', 161: 'SNMP', 1900: 'SSDP', 5353: 'mDNS', 5683: 'CoAP' };
const TCP_PROTOCOLS: Record<number, string> = {
  21: 'FTP', 22: 'SSH', 23: 'telnet', 80: 'HTTP', 443: 'HTTPS', 554: 'RTSP', 1883: 'MQTT', 8080: 'HTTP', 8443: 'HTTPS', 8883: 'MQTT over TLS',
};
/** protocols/<file> in an error's stack names the client that was running. */
const MODULE_NAMES: Record<string, string> = {
  coap: 'CoAP', ftp: 'FTP', http: 'HTTP', 'http-auth': 'HTTP', mdns: 'mDNS', mqtt: 'MQTT', netbios: 'NetBIOS', rtsp: 'RTSP',
  snmp: 'SNMP', ssdp: 'SSDP', ssh: 'SSH', tcp: 'TCP', telnet: 'telnet', tls: 'TLS', upnp: 'UPnP',
};

export interface Death {
  kind: ScanFailure['kind'];
  /** The uncaught error, when there was one (its stack may name the protocol client). */
  error?: { message: string; stack?: string } | null;
  exitCode?: number | null;
  /** The heap limit of the scan process, for the out-of-memory sentence. */
  heapLimitMb?: number | null;
  stalledSeconds?: number | null;
}

export function describeFailure(death: Death, progress: ScanProgress | null, answer: LastAnswer | null): ScanFailure {
  const fromStack = /protocols\/([a-z0-9-]+)\.(?:js|ts)\b/.exec(death.error?.stack ?? '')?.[1];
  const byPort = answer ? (answer.transport === 'udp' ? UDP_PROTOCOLS : TCP_PROTOCOLS)[answer.remotePort] : undefined;
  const protocol = (fromStack ? MODULE_NAMES[fromStack] ?? fromStack : undefined) ?? byPort ?? null;
  const ip = answer?.ip ?? /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(progress?.current ?? '')?.[1] ?? null;
  const detail = death.error ? death.error.message : null;
  const failure: Omit<ScanFailure, 'message'> = {
    kind: death.kind, stage: progress?.stage ?? 'discovery', doing: progress?.current ?? null,
    ip, transport: answer?.transport ?? null, remotePort: answer?.remotePort ?? null, whileReading: answer?.whileReading ?? false,
    protocol, detail,
  };
  return { ...failure, message: sentence(failure, death, answer) };
}

function sentence(failure: Omit<ScanFailure, 'message'>, death: Death, answer: LastAnswer | null): string {
  const what = {
    'crashed': 'The scan stopped on an unexpected error',
    'out-of-memory': `The scan ran out of memory${death.heapLimitMb ? ` (its limit is ${death.heapLimitMb} MB)` : ''}`,
    'stalled': `The scan stopped responding${death.stalledSeconds ? ` for ${death.stalledSeconds} s` : ''} and was ended`,
    'exited': `The scan ended unexpectedly${death.exitCode !== null && death.exitCode !== undefined ? ` (exit code ${death.exitCode})` : ''}`,
  }[failure.kind];
  const how = answer ? via(failure.protocol, answer.transport, answer.remotePort) : '';
  const where = answer
    ? (answer.whileReading ? ` while reading an answer from ${answer.ip} (${how})` : ` (the last answer it read came from ${answer.ip}, ${how})`)
    : (failure.ip ? ` while working on ${failure.ip}` : '');
  const stage = ` during ${failure.stage}${failure.doing ? ` (${failure.doing})` : ''}`;
  const error = failure.detail ? `: ${failure.detail}` : '';
  return `${what}${where},${stage}${error}. What it found until then is kept.`;
}

function via(protocol: string | null, transport: Transport, port: number): string {
  return protocol ? `${protocol}, ${transport}/${port}` : `${transport}/${port}`;
}
