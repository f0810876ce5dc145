// Service identification names a port `ipp` only when it answers Get-Printer-Attributes in IPP,
// against two real IPP servers on loopback (CUPS's ippeveprinter and cupsd); a plain web server on
// the IPP port 631 stays `http` and alone does not make the device a printer. An `ipp` service
// keeps the HTTP checks (IPP is HTTP underneath), and what the printer said reaches identification:
// the device type and model, and the maker when the MAC names none (ipp-maker).
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessHttp } from '../../../backend/src/checks/anonymous-access-http.js';
import { cleartextServiceHttp } from '../../../backend/src/checks/cleartext-service-http.js';
import { defaultCredentialsHttp } from '../../../backend/src/checks/default-credentials-http.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { createDeviceTypeIdentifier } from '../../../backend/src/identify/device-type.js';
import { deviceBrand } from '../../../backend/src/identify/display-name.js';
import { createIppMakerIdentifier } from '../../../backend/src/identify/ipp-maker.js';
import { mayRun } from '../../../backend/src/pipeline/check-gate.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { tcpService, testContext } from '../../helpers/context.js';
import { withPortRetry } from '../../helpers/daemon.js';
import { startCupsd, startIppeveprinter, type IppServer } from '../../helpers/ipp-servers.js';
import { randomLoopbackAddress } from '../../helpers/loopback-address.js';

let ippeve: IppServer;
/** ippeveprinter given a real EPSON's attributes from a file: another make, a firmware version. */
let epson: IppServer;
let cupsd: IppServer;
const EPSON_ATTRIBUTES = [
  'ATTR text printer-make-and-model "EPSON EW-M752T Series"',
  'ATTR text printer-device-id "MFG:EPSON;CMD:ESCPL2,BDC,D4,D4PX,ESCPR7,END4,GENEP,URF;MDL:EW-M752T Series;CLS:PRINTER;"',
  'ATTR text printer-firmware-name "Main"',
  'ATTR text printer-firmware-string-version "1.76"',
];
let plain: { host: string; close: () => Promise<void> };
const randomPort = (): number => 20_000 + Math.floor(Math.random() * 40_000);

/** A node web server on 127.x.y.z:631 that knows nothing of IPP (405 to a POST, a page to a GET). */
async function startPlainWebOn631(): Promise<{ host: string; close: () => Promise<void> }> {
  const host = randomLoopbackAddress();
  const server = createServer((req, res) => {
    if (req.method === 'POST') { res.writeHead(405, { 'Content-Type': 'text/plain' }); res.end('no'); return; }
    res.writeHead(200, { 'Content-Type': 'text/html', Server: 'node' });
    res.end('<html><head><title>Home page</title></head><body>hello</body></html>');
  });
  await new Promise<void>((resolve, reject) => { server.once('listening', resolve); server.once('error', reject); server.listen(631, host); });
  return { host, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

async function named(host: string, port: number, mac: string | null = null): Promise<{ device: Device; service: Service }> {
  const device = emptyDevice(host, mac);
  device.services = [tcpService(port)];
  const [service] = await serviceIdProbe.run(device, testContext({ tuning: { exchangeTimeoutMs: 5000 } }));
  device.services = [service!];
  return { device, service: service! };
}

beforeAll(async () => {
  // Each server is kept the moment it is up, so afterAll stops it even when another failed to start.
  await Promise.all([
    withPortRetry(() => startIppeveprinter(randomPort())).then((s) => { ippeve = s; }),
    withPortRetry(() => startIppeveprinter(randomPort(), EPSON_ATTRIBUTES)).then((s) => { epson = s; }),
    withPortRetry(() => startCupsd(randomPort())).then((s) => { cupsd = s; }),
    withPortRetry(() => startPlainWebOn631()).then((s) => { plain = s; }),
  ]);
}, 60_000);
afterAll(async () => { await Promise.all([ippeve?.stop(), epson?.stop(), cupsd?.stop(), plain?.close()]); });

describe('an IPP server is named ipp', () => {
  it('ippeveprinter: ipp, with its make and model in the banner and the record', async () => {
    const { service } = await named(ippeve.host, ippeve.port);
    expect(service).toMatchObject({
      service: 'ipp', encrypted: false,
      banner: expect.stringMatching(/^IPP\/[12]\.\d printer "Brother HL-L2350DW series"; HTTP 200; Server: CUPS\//),
      http: { status: 200, server: expect.stringMatching(/^CUPS\//) },
      ipp: { path: '/ipp/print', status: 0, makeAndModel: 'Brother HL-L2350DW series', make: 'Brother' },
    });
  });

  it('a printer that says its firmware version: kept in the record and the banner', async () => {
    const { service } = await named(epson.host, epson.port);
    expect(service).toMatchObject({
      service: 'ipp', banner: expect.stringMatching(/^IPP\/[12]\.\d printer "EPSON EW-M752T Series", firmware 1\.76; HTTP 200/),
      ipp: { makeAndModel: 'EPSON EW-M752T Series', make: 'EPSON', firmware: ['1.76'] },
    });
  });

  it('cupsd: ipp (a print server that has no /ipp/print queue still answers in IPP)', async () => {
    const { service } = await named(cupsd.host, cupsd.port);
    expect(service).toMatchObject({ service: 'ipp', http: { server: 'CUPS/2.4 IPP/2.1' }, ipp: { status: 0x0406, makeAndModel: null } });
  });

  it('negative control: a plain web server on 631 stays http, and alone does not make a printer', async () => {
    const { device, service } = await named(plain.host, 631);
    expect(service).toMatchObject({ service: 'http', http: { title: 'Home page' } });
    expect(service.ipp).toBeUndefined();
    const patch = createDeviceTypeIdentifier().identify(device, testContext());
    expect(patch?.type).not.toBe('printer');
  });
});

describe('what the printer said reaches identification', () => {
  it('type printer with the model it said; its maker as evidence and brand when the MAC names none', async () => {
    const { device } = await named(ippeve.host, ippeve.port, null);
    const patch = createDeviceTypeIdentifier().identify(device, testContext());
    expect(patch).toMatchObject({ type: 'printer', model: 'Brother HL-L2350DW series' });
    expect(patch!.evidence!.map((e) => e.detail)).toContain(`open port ${ippeve.port}/tcp speaks ipp ("Brother HL-L2350DW series") → printer`);
    const maker = createIppMakerIdentifier().identify(device, testContext());
    expect(maker?.evidence?.[0]).toMatchObject({ source: 'ipp-maker', detail: expect.stringContaining('"Brother"'), detailJa: expect.stringContaining('「Brother」') });
    expect(deviceBrand(device)).toBe('Brother');
    // A vendor from the MAC registry is never overridden, nor repeated as IPP evidence.
    expect(createIppMakerIdentifier().identify({ ...device, vendor: 'Hon Hai Precision Ind. Co.,Ltd.' }, testContext())).toBeNull();
    expect(deviceBrand({ ...device, vendor: 'Hon Hai Precision Ind. Co.,Ltd.' })).toBe('Hon Hai Precision Ind');
  });
});

describe('the HTTP checks still run on an ipp service', () => {
  it('cleartext, anonymous-access and default-credentials HTTP checks apply to the port named ipp', async () => {
    const target = await named(ippeve.host, ippeve.port);
    const consent = { loginChecks: true, excluded: [] };
    for (const check of [cleartextServiceHttp, anonymousAccessHttp, defaultCredentialsHttp]) {
      expect(mayRun(check, target, consent), check.id).toEqual({ run: true });
    }
  });
});
