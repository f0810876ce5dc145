// Every parser of what a device sends, as a fuzz target: `run` takes raw bytes the way the parser
// receives them (a datagram, a stream, a page) and goes as far as the scan would go with it.
// A throw is a crash unless `refuses` says it is the parser's documented way of saying no (e.g.
// parseHttpResponse throws a plain Error "not an HTTP response"); TypeError, RangeError and friends
// are always crashes. Adding a parser: one entry here and its seeds in seeds.ts.
import type { PeerCertificate } from 'node:tls';
import { certificateProblems } from '../../backend/src/checks/tls/assess.js';
import { DnsSdCollector } from '../../backend/src/discovery/dns-sd.js';
import { GREETING_PATTERNS } from '../../backend/src/probes/service-patterns.js';
import { parseCoap } from '../../backend/src/protocols/coap.js';
import { parseFtpReply } from '../../backend/src/protocols/ftp.js';
import { hasPasswordField, parseForms } from '../../backend/src/protocols/html-form.js';
import { challengesOf, isThrottled } from '../../backend/src/protocols/http-auth.js';
import { htmlTitle, parseHttpResponse } from '../../backend/src/protocols/http.js';
import { ippBodyOf } from '../../backend/src/protocols/ipp.js';
import { decodeIppResponse, parseDeviceId } from '../../backend/src/protocols/ipp-codec.js';
import { decodeMdnsResponse } from '../../backend/src/protocols/mdns.js';
import { MqttStreamParser } from '../../backend/src/protocols/mqtt-packets.js';
import { parseNodeStatus } from '../../backend/src/protocols/netbios.js';
import { parseGetResponse } from '../../backend/src/protocols/snmp-ber.js';
import { parseDiscoveryReport } from '../../backend/src/protocols/snmp.js';
import { parseSsdpResponse } from '../../backend/src/protocols/ssdp.js';
import { LOGIN_PROMPT, PASSWORD_PROMPT, parseTelnet } from '../../backend/src/protocols/telnet.js';
import { summarizeCertificate } from '../../backend/src/protocols/tls.js';
import { connectionServices, parseSoapAnswer } from '../../backend/src/protocols/upnp-igd.js';
import { parseDeviceDescription } from '../../backend/src/protocols/upnp.js';
import { readTar, readTarGz, TarError } from '../../backend/src/storage/tar.js';
import { SEEDS, SNMP_REQUEST_ID } from './seeds.js';

export interface FuzzTarget {
  name: string;
  seeds: Buffer[];
  run(input: Buffer): void;
  /** True for a throw that is the parser's documented refusal, not a crash. */
  refuses?: (error: unknown) => boolean;
}

/** A plain `Error` (not a TypeError, RangeError …): how these parsers refuse. */
const plainError = (error: unknown): boolean => error instanceof Error && error.constructor === Error;

/** Runs `work`; a documented refusal (plain Error) is swallowed, anything else is rethrown. */
function refusing(work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!plainError(error)) throw error;
  }
}

function httpAnswer(input: Buffer): void {
  const response = parseHttpResponse(input, false);
  challengesOf(response);
  htmlTitle(response.body);
  isThrottled(response);
}

function ippAnswer(input: Buffer): void {
  const decoded = decodeIppResponse(ippBodyOf(input) ?? input);
  const deviceId = decoded.printer['printer-device-id']?.[0];
  if (deviceId) parseDeviceId(deviceId);
}

/** Splits the input into the certificate fields Node hands us (one per line). */
function certificateOf(input: Buffer): PeerCertificate {
  const [subject = '', issuer = '', from = '', to = '', altNames = ''] = input.toString('utf8').split('\n');
  return { subject: { CN: subject }, issuer: { CN: issuer }, valid_from: from, valid_to: to, subjectaltname: altNames, fingerprint256: 'AB:CD' } as unknown as PeerCertificate;
}

export const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'mdns',
    seeds: SEEDS['mdns']!,
    run(input) {
      const decoded = decodeMdnsResponse(input);
      if (!decoded.ok) return;
      const collector = new DnsSdCollector();
      collector.add('10.77.0.9', decoded.records);
      collector.questions();
      collector.observations();
    },
  },
  { name: 'ssdp', seeds: SEEDS['ssdp']!, run: (input) => void parseSsdpResponse(input) },
  { name: 'upnp-xml', seeds: SEEDS['upnp-xml']!, run: (input) => void parseDeviceDescription(input.toString('utf8')) },
  {
    name: 'igd-soap',
    seeds: SEEDS['igd-soap']!,
    run(input) {
      const xml = input.toString('utf8');
      connectionServices(xml, new URL('http://10.77.0.1:5000/rootDesc.xml'));
      refusing(() => parseSoapAnswer(200, xml, 'GetGenericPortMappingEntry'));
      refusing(() => parseSoapAnswer(500, xml, 'GetExternalIPAddress'));
    },
  },
  {
    name: 'telnet',
    seeds: SEEDS['telnet']!,
    run(input) {
      const { text } = parseTelnet(input);
      LOGIN_PROMPT.test(text);
      PASSWORD_PROMPT.test(text);
      for (const pattern of GREETING_PATTERNS) pattern.pattern.exec(text);
    },
  },
  { name: 'ftp', seeds: SEEDS['ftp']!, run: (input) => void parseFtpReply(input.toString('latin1')) },
  // The session closes the connection on the parser's refusals ("not an MQTT stream", "oversized …").
  { name: 'mqtt', seeds: SEEDS['mqtt']!, run: (input) => new MqttStreamParser().push(input), refuses: plainError },
  { name: 'netbios', seeds: SEEDS['netbios']!, run: (input) => void parseNodeStatus(input) },
  { name: 'coap', seeds: SEEDS['coap']!, run: (input) => void parseCoap(input) },
  { name: 'http', seeds: SEEDS['http']!, run: httpAnswer, refuses: plainError },
  { name: 'rtsp', seeds: SEEDS['rtsp']!, run: httpAnswer, refuses: plainError },
  // IPP: the HTTP answer to Get-Printer-Attributes (or a bare IPP message), as service-id reads it.
  { name: 'ipp', seeds: SEEDS['ipp']!, run: ippAnswer, refuses: plainError },
  {
    name: 'tls-cert',
    seeds: SEEDS['tls-cert']!,
    run: (input) => void certificateProblems(summarizeCertificate(certificateOf(input)), '10.77.0.5', ['cam.local']),
  },
  {
    name: 'tar',
    seeds: SEEDS['tar']!,
    run(input) {
      const limits = { maxArchiveBytes: 1 << 20, maxExpandedBytes: 4 << 20, maxEntryBytes: 1 << 20, maxEntries: 64 };
      if (input[0] === 0x1f && input[1] === 0x8b) readTarGz(input, limits);
      else readTar(input, limits);
    },
    refuses: (error) => error instanceof TarError,
  },
  // SNMP: the project's own BER parser (v1/v2c GetResponse) and the v3 discovery Report.
  {
    name: 'snmp',
    seeds: SEEDS['snmp']!,
    run(input) {
      parseGetResponse(input, { version: 'v2c', community: 'public', requestId: SNMP_REQUEST_ID });
      parseGetResponse(input, { version: 'v1', community: 'public', requestId: SNMP_REQUEST_ID });
      parseDiscoveryReport(input, SNMP_REQUEST_ID);
    },
  },
  {
    name: 'html-form',
    seeds: SEEDS['html-form']!,
    run(input) {
      const page = input.toString('utf8');
      parseForms(page);
      hasPasswordField(page);
    },
  },
];
