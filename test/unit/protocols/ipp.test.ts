// The IPP client (protocols/ipp.ts, ipp-codec.ts): the Get-Printer-Attributes request as RFC 8010
// lays it out, the decoder against hostile input (truncated messages, lengths past the end, huge
// attribute floods), and the client against two real, independent IPP servers on loopback —
// CUPS's cupsd and ippeveprinter — with a plain HTTP server as the negative control.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeIppResponse, getPrinterAttributesRequest, parseDeviceId, REQUESTED_ATTRIBUTES } from '../../../backend/src/protocols/ipp-codec.js';
import { getPrinterAttributes, ippBodyOf } from '../../../backend/src/protocols/ipp.js';
import { startCupsd, startIppeveprinter, type IppServer } from '../../helpers/ipp-servers.js';
import { track, type RunningServer } from '../../helpers/net.js';
import { withPortRetry } from '../../helpers/daemon.js';

/** One attribute in RFC 8010 §3.1.4 layout. */
function attr(tag: number, name: string, value: Buffer | string): Buffer {
  const n = Buffer.from(name);
  const v = typeof value === 'string' ? Buffer.from(value) : value;
  const b = Buffer.alloc(5 + n.length + v.length);
  b.writeUInt8(tag, 0);
  b.writeUInt16BE(n.length, 1);
  n.copy(b, 3);
  b.writeUInt16BE(v.length, 3 + n.length);
  v.copy(b, 5 + n.length);
  return b;
}
const header = (status = 0): Buffer => Buffer.from([2, 0, status >> 8, status & 0xff, 0, 0, 0, 7]);
const message = (...parts: Buffer[]): Buffer => Buffer.concat([header(), ...parts]);
const OPERATION = Buffer.from([0x01]);
const PRINTER = Buffer.from([0x04]);
const END = Buffer.from([0x03]);
const CHARSET = attr(0x47, 'attributes-charset', 'utf-8');

describe('Get-Printer-Attributes request', () => {
  it('is IPP/1.1 operation 0x000B with the operation attributes in order and the requested attributes as one 1setOf', () => {
    const request = getPrinterAttributesRequest('ipp://10.0.0.5:631/ipp/print', 42);
    expect(request.subarray(0, 8).toString('hex')).toBe('0101000b0000002a');
    expect(request[8]).toBe(0x01);
    const text = request.toString('latin1');
    expect(text.indexOf('attributes-charset')).toBeLessThan(text.indexOf('attributes-natural-language'));
    expect(text.indexOf('attributes-natural-language')).toBeLessThan(text.indexOf('printer-uri'));
    expect(text).toContain('ipp://10.0.0.5:631/ipp/print');
    expect(text.split('requested-attributes').length).toBe(2); // the name once, then additional values
    for (const name of REQUESTED_ATTRIBUTES) expect(text).toContain(name);
    expect(request[request.length - 1]).toBe(0x03);
  });
});

describe('decoder', () => {
  const good = message(OPERATION, CHARSET, PRINTER,
    attr(0x41, 'printer-make-and-model', 'Brother HL-L2350DW series'),
    attr(0x41, 'printer-firmware-string-version', '1.2.3'), attr(0x41, '', '4.5'),
    attr(0x35, 'printer-info', Buffer.concat([Buffer.from([0, 2]), Buffer.from('en'), Buffer.from([0, 6]), Buffer.from('Office')])),
    attr(0x21, 'printer-state', Buffer.from([0, 0, 0, 3])), END);

  it('reads the printer attributes asked for, additional values included, and ignores integers', () => {
    expect(decodeIppResponse(good)).toEqual({
      version: '2.0', status: 0, requestId: 7, complete: true,
      printer: { 'printer-make-and-model': ['Brother HL-L2350DW series'], 'printer-firmware-string-version': ['1.2.3', '4.5'], 'printer-info': ['Office'] },
    });
  });

  it('every truncation of a valid answer decodes without a throw past the header, never completes early', () => {
    for (let cut = 9; cut < good.length; cut++) {
      const decoded = decodeIppResponse(good.subarray(0, cut));
      expect(decoded.complete).toBe(false);
    }
    for (let cut = 0; cut < 9; cut++) expect(() => decodeIppResponse(good.subarray(0, cut))).toThrow(/not an IPP message/);
  });

  it('a name or value length past the end stops the walk (nothing read beyond the buffer)', () => {
    const hugeValue = Buffer.from([0x41, 0x00, 0x16, ...Buffer.from('printer-make-and-model'), 0xff, 0xff, 0x41, 0x42]);
    expect(decodeIppResponse(message(PRINTER, hugeValue))).toMatchObject({ printer: {}, complete: false });
    const hugeName = Buffer.from([0x41, 0xff, 0xff, 0x41]);
    expect(decodeIppResponse(message(PRINTER, hugeName))).toMatchObject({ printer: {}, complete: false });
  });

  it('a textWithLanguage whose inner lengths lie is dropped, the rest still read', () => {
    const lying = attr(0x35, 'printer-info', Buffer.from([0xff, 0xff, 0x41]));
    const decoded = decodeIppResponse(message(PRINTER, lying, attr(0x42, 'printer-name', 'p1'), END));
    expect(decoded.printer).toEqual({ 'printer-name': ['p1'] });
    expect(decoded.complete).toBe(true);
  });

  it('caps a flood: 100,000 attributes are not all walked, values per attribute and characters are capped', () => {
    const flood = Array.from({ length: 100_000 }, () => attr(0x41, 'printer-info', 'x'));
    const decoded = decodeIppResponse(message(PRINTER, ...flood, END));
    expect(decoded.complete).toBe(false);
    expect(decoded.printer['printer-info']).toHaveLength(4);
    const long = decodeIppResponse(message(PRINTER, attr(0x41, 'printer-make-and-model', 'A'.repeat(60_000)), END));
    expect(long.printer['printer-make-and-model']![0]!.length).toBe(256);
  });

  it('keeps only the printer group, and control characters never pass', () => {
    const decoded = decodeIppResponse(message(OPERATION, attr(0x41, 'printer-info', 'not mine'), PRINTER, attr(0x41, 'printer-info', 'a\u0000b\r\nc'), END));
    expect(decoded.printer).toEqual({ 'printer-info': ['a b c'] });
  });

  it('refuses what is not IPP: an HTML page, a bad version, no group tag', () => {
    expect(() => decodeIppResponse(Buffer.from('<html><body>hello</body></html>'))).toThrow(/not an IPP message/);
    expect(() => decodeIppResponse(Buffer.from([9, 0, 0, 0, 0, 0, 0, 1, 1, 3]))).toThrow(/unknown version/);
    expect(() => decodeIppResponse(Buffer.from([1, 1, 0, 0, 0, 0, 0, 1, 0x41, 3]))).toThrow(/no attribute group/);
  });

  it('an HTTP answer carries IPP only as a 200 application/ipp (interim 100 skipped, chunks joined)', () => {
    const body = message(PRINTER, END);
    const chunked = Buffer.concat([Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nTransfer-Encoding: chunked\r\n\r\n'),
      Buffer.from(`${(4).toString(16)}\r\n`), body.subarray(0, 4), Buffer.from(`\r\n${(body.length - 4).toString(16)}\r\n`), body.subarray(4), Buffer.from('\r\n0\r\n\r\n')]);
    expect(ippBodyOf(chunked)).toEqual(body);
    expect(ippBodyOf(Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>'))).toBeNull();
    expect(ippBodyOf(Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Type: application/ipp\r\n\r\n'))).toBeNull();
    expect(ippBodyOf(Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\nab'))).toEqual(Buffer.from('ab'));
  });

  it('the recorded answers of ippeveprinter and cupsd decode completely (the fuzz seeds)', () => {
    const recorded = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/ipp-answers.json'), 'utf8')) as Record<string, string>;
    const decode = (key: string) => decodeIppResponse(ippBodyOf(Buffer.from(recorded[key]!, 'hex'))!);
    expect(decode('ippeveprinter')).toMatchObject({ status: 0, complete: true, printer: { 'printer-make-and-model': ['Brother HL-L2350DW series'] } });
    expect(decode('cupsd-not-found')).toMatchObject({ status: 0x0406, complete: true, printer: {} });
    expect(decode('cupsd-queue')).toMatchObject({ status: 0, complete: true, printer: { 'printer-name': ['office'] } });
  });

  it('reads the maker and model of an IEEE 1284 device id', () => {
    expect(parseDeviceId('MFG:Brother;CMD:PJL,PCL;MDL:HL-L2350DW series;CLS:PRINTER;')).toEqual({ make: 'Brother', model: 'HL-L2350DW series' });
    expect(parseDeviceId('MANUFACTURER:HP;MODEL:LaserJet;')).toEqual({ make: 'HP', model: 'LaserJet' });
    expect(parseDeviceId('garbage')).toEqual({ make: null, model: null });
  });
});

describe('against real IPP servers on loopback', () => {
  let ippeve: IppServer;
  let cupsd: IppServer;
  let web: RunningServer;

  beforeAll(async () => {
    // Each server is kept the moment it is up, so afterAll stops it even when another failed to start.
    await Promise.all([
      withPortRetry(() => startIppeveprinter(20_000 + Math.floor(Math.random() * 40_000))).then((s) => { ippeve = s; }),
      withPortRetry(() => startCupsd(20_000 + Math.floor(Math.random() * 40_000))).then((s) => { cupsd = s; }),
      track(createServer((_req, res) => { res.writeHead(404, { 'Content-Type': 'text/html' }); res.end('<html>Not here</html>'); })).then((s) => { web = s; }),
    ]);
  }, 60_000);
  afterAll(async () => { await Promise.all([ippeve?.stop(), cupsd?.stop(), web?.close()]); });

  it('ippeveprinter (IPP Everywhere) says its make and model, name, maker and UUID at /ipp/print', async () => {
    const info = await getPrinterAttributes({ host: ippeve.host, port: ippeve.port, timeoutMs: 5000 });
    expect(info).toMatchObject({
      path: '/ipp/print', status: 0, makeAndModel: 'Brother HL-L2350DW series', make: 'Brother', info: 'Brother HL-L2350DW series',
      uuid: expect.stringMatching(/^urn:uuid:/),
    });
    expect(info!.version).toMatch(/^[12]\.\d$/);
  });

  it('cupsd answers in IPP at /ipp/print (no such queue: not-found) and names its queue where asked', async () => {
    const root = await getPrinterAttributes({ host: cupsd.host, port: cupsd.port, timeoutMs: 5000 });
    expect(root).toMatchObject({ path: '/ipp/print', status: 0x0406, makeAndModel: null });
    const queue = await getPrinterAttributes({ host: cupsd.host, port: cupsd.port, timeoutMs: 5000, paths: ['/printers/office'] });
    expect(queue).toMatchObject({ status: 0, name: 'office', info: 'Office laser', uuid: 'urn:uuid:0a1b2c3d-0000-4000-8000-000000000001' });
  });

  it('negative control: a plain web server answers no IPP', async () => {
    expect(await getPrinterAttributes({ host: '127.0.0.1', port: web.port, timeoutMs: 3000 })).toBeNull();
    expect(web.connections()).toBe(2); // /ipp/print, then /
  });
});
