// Seeds of the fuzz harness: what real devices sent (the recorded fixtures under test/unit), a few
// answers written after the lab's daemons where nothing was recorded, and issue #21's reproducers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_OIDS } from '../../backend/src/protocols/snmp.js';
import { communityRequest } from '../../backend/src/protocols/snmp-ber.js';
import { writeTar, writeTarGz } from '../../backend/src/storage/tar.js';
import { recorded } from '../unit/discovery/fixtures/recorded.js';
import {
  asResponse, HTML_TITLE_256K, MDNS_TXT_OVERRUN_123, MDNS_TXT_OVERRUN_1023, SNMP_V2C_REPORT_TEMPLATE, SNMP_V3_FLAGGED_REPLY_TEMPLATE,
  WWW_AUTHENTICATE_BASIC_64K,
} from './reproducers.js';

const here = import.meta.dirname;
const text = (...parts: string[]): Buffer[] => parts.map((p) => Buffer.from(p, 'latin1'));
const igd = JSON.parse(readFileSync(join(here, '../unit/protocols/fixtures/miniupnpd-igd.json'), 'utf8')) as Record<string, string>;
/** ippeveprinter's and cupsd's answers to our Get-Printer-Attributes, recorded on loopback. */
const ipp = JSON.parse(readFileSync(join(here, '../unit/protocols/fixtures/ipp-answers.json'), 'utf8')) as Record<string, string>;

/** The request id our SNMP request carried (what `<ID>` stands for in the reproducers). */
export const SNMP_REQUEST_ID = 0x1234;

const mdns = Object.values(recorded.mdns).flat().map((p) => Buffer.from(p.hex, 'hex'));

export const SEEDS: Record<string, Buffer[]> = {
  mdns: [...mdns, MDNS_TXT_OVERRUN_1023, MDNS_TXT_OVERRUN_123, asResponse(MDNS_TXT_OVERRUN_123)],
  ssdp: recorded.ssdp.map((r) => Buffer.from(r.text, 'latin1')),
  'upnp-xml': [...Object.values(recorded.descriptions).map((d) => Buffer.from(d.xml, 'utf8')), Buffer.from(igd['description']!, 'utf8')],
  'igd-soap': ['description', 'entry0', 'endOfList', 'externalIp'].map((k) => Buffer.from(igd[k]!, 'utf8')),
  netbios: recorded.nbstat.map((r) => Buffer.from(r.hex, 'hex')),
  // busybox telnetd's negotiation and prompts (the lab's telnet devices).
  telnet: [
    Buffer.concat([Buffer.from([255, 253, 1, 255, 253, 31, 255, 251, 1, 255, 251, 3]), Buffer.from('\r\nhgw login: ')]),
    Buffer.concat([Buffer.from([255, 250, 24, 1, 255, 240, 255, 255]), Buffer.from('Password: ')]),
    ...text('\r\nLogin incorrect\r\nhgw login: ', 'BusyBox v1.36.1 built-in shell (ash)\r\n~ # ', 'Loading firmware, please wait'),
  ],
  // vsftpd and pyftpdlib replies.
  ftp: text('220 (vsFTPd 3.0.3)\r\n', '220-Welcome to the NAS\r\n220-Authorised users only\r\n220 ready\r\n', '331 Please specify the password.\r\n', '530 Login incorrect.\r\n', '230 Login successful.\r\n'),
  // mosquitto: CONNACK, SUBACK, a retained PUBLISH, a CONNACK refusing.
  mqtt: [Buffer.from('20020000', 'hex'), Buffer.from('9003000100', 'hex'), Buffer.from('310a0003612f6268656c6c6f', 'hex'), Buffer.from('20020005', 'hex')],
  // coap-server (libcoap): an ACK 2.05 with a link-format payload, an empty ACK, a 4.04.
  coap: [Buffer.concat([Buffer.from('614512340aC128ff', 'hex'), Buffer.from('</sensors/temp>;rt="temperature";ct=0,</.well-known/core>')]), Buffer.from('60001234', 'hex'), Buffer.from('61841234ab', 'hex')],
  http: [
    ...text(
      'HTTP/1.1 401 Unauthorized\r\nServer: lighttpd/1.4.69\r\nWWW-Authenticate: Basic realm="Router", charset="UTF-8"\r\nContent-Length: 0\r\n\r\n',
      'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="IP Camera(C6131)", nonce="5e0bd2bb4bd6a8c2", algorithm=MD5, qop="auth"\r\nContent-Type: text/html\r\nContent-Length: 58\r\n\r\n<html><head><title>401 Unauthorized</title></head></html>',
      'HTTP/1.1 200 OK\r\nServer: Boa/0.94\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n<html><title>Web</title>\r\n0\r\n\r\n',
      'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 60\r\n\r\nToo many failed login attempts, try again later',
    ),
    Buffer.from(`HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${WWW_AUTHENTICATE_BASIC_64K}\r\n\r\n`, 'latin1'),
    Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${HTML_TITLE_256K}`, 'latin1'),
  ],
  // gst-rtsp-server answers.
  ipp: ['ippeveprinter', 'cupsd-not-found', 'cupsd-queue'].flatMap((k) => {
    const answer = Buffer.from(ipp[k]!, 'hex');
    return [answer, answer.subarray(answer.indexOf('\r\n\r\n') + 4)]; // the HTTP answer, and the bare IPP message
  }),
  rtsp: text(
    'RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="Mamori RTSP", nonce="2c8c5d2a6cbc1d34"\r\nServer: GStreamer RTSP server\r\n\r\n',
    'RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Basic realm="Mamori RTSP"\r\n\r\n',
    'RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nContent-Length: 40\r\n\r\nv=0\r\no=- 1 1 IN IP4 10.77.0.31\r\ns=Session\r\n',
  ),
  // Certificate fields as Node reports them: subject CN, issuer CN, valid_from, valid_to, subjectaltname.
  'tls-cert': text(
    'ipcam\nipcam\nJan  1 00:00:00 2015 GMT\nJan  1 00:00:00 2020 GMT\nIP Address:10.77.0.5, DNS:cam.local',
    'device.test\nMamori Test CA\nDec  6 12:00:00 2026 GMT\nBad time value\nDNS:*.local',
  ),
  tar: [
    writeTar([{ name: 'state.json', bytes: Buffer.from('{"devices":[]}') }, { name: 'audit.jsonl', bytes: Buffer.from('{"seq":1}\n') }], new Date(0)),
    writeTarGz([{ name: 'settings.json', bytes: Buffer.from('{"language":"ja"}') }], new Date(0)),
  ],
  snmp: [
    Buffer.from(SNMP_V3_FLAGGED_REPLY_TEMPLATE.replaceAll('<ID>', '001234'), 'hex'),
    Buffer.from(SNMP_V2C_REPORT_TEMPLATE.replaceAll('<ID>', '00001234'), 'hex'),
    communityRequest('v2c', 'public', SNMP_REQUEST_ID, 0xa2, [SYSTEM_OIDS.sysDescr, SYSTEM_OIDS.sysName]),
  ],
  'html-form': [
    readFileSync(join(here, '../lab/files/webform-camera.html')),
    ...text('<html><head><title>Login</title></head><body><form method="post" action="/login.cgi"><input name="user"><input type="password" name="pass"><input type="hidden" name="csrf" value="a&amp;b"><button>Log in</button></form></body></html>'),
  ],
};
