// UPnP descriptions: recorded documents parse; hostile XML is refused (entity expansion,
// external entities, depth, element floods); oversized or slow bodies are never parsed.
import { describe, expect, it, afterEach } from 'vitest';
import { fetchDescription, MAX_DESCRIPTION_BYTES, parseDeviceDescription, parseXml } from '../../../backend/src/protocols/upnp.js';
import { recorded } from '../discovery/fixtures/recorded.js';
import { startHttpServer, startSilentServer, type RunningServer } from '../../helpers/net.js';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<root xmlns="urn:schemas-upnp-org:device-1-0"><device><friendlyName>&lol9;</friendlyName></device></root>`;

const XXE = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<root><device><friendlyName>&x;</friendlyName></device></root>`;

describe('parseDeviceDescription', () => {
  it.each([
    ['hgw', { deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1', manufacturer: 'NEC Platforms, Ltd.', modelName: 'Aterm WX3600HP', modelNumber: 'WX3600HP', friendlyName: 'Aterm WX3600HP', udn: 'uuid:a7e3f2c0-1066-4282-8770-106682770001' }],
    ['hue', { deviceType: 'urn:schemas-upnp-org:device:Basic:1', manufacturer: 'Signify', modelName: 'Philips hue bridge 2015', modelNumber: 'BSB002', friendlyName: 'Philips hue (10.77.0.43)', udn: 'uuid:2f402f80-da50-11e1-9b23-001788770043' }],
    ['plug', { deviceType: 'urn:schemas-upnp-org:device:Basic:1', manufacturer: 'Sonoff', modelName: 'S26R2', modelNumber: 'S26R2TPF', friendlyName: 'Kitchen Plug', udn: 'uuid:5f2c1a8e-7716-4c2a-9f00-2cf432770016' }],
  ] as const)('reads the root device of the recorded %s description', (name, want) => {
    expect(parseDeviceDescription(recorded.descriptions[name].xml)).toEqual({ ok: true, info: want });
  });

  it('takes the root device, not an embedded one, and reads prefixed names, CDATA, comments and entities', () => {
    const xml = `<?xml version="1.0"?><!-- a comment with <device> inside -->
<u:root xmlns:u="urn:schemas-upnp-org:device-1-0"><u:device>
<u:deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</u:deviceType>
<u:friendlyName><![CDATA[Living <Room> TV]]></u:friendlyName><u:manufacturer>A &amp; B &#x263A; &unknown;</u:manufacturer>
<u:deviceList><u:device><u:modelName>embedded</u:modelName></u:device></u:deviceList>
</u:device></u:root>`;
    expect(parseDeviceDescription(xml)).toEqual({ ok: true, info: {
      deviceType: 'urn:schemas-upnp-org:device:MediaRenderer:1', friendlyName: 'Living <Room> TV', manufacturer: 'A & B ☺ &unknown;',
      modelName: null, modelNumber: null, udn: null,
    } });
  });

  it('refuses the billion laughs (no DTD, so no entity is ever expanded), quickly', () => {
    const started = Date.now();
    expect(parseDeviceDescription(BILLION_LAUGHS)).toEqual({ ok: false, reason: 'document declares a DTD or entities: refused' });
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('refuses external entities (XXE)', () => {
    expect(parseDeviceDescription(XXE).ok).toBe(false);
  });

  it('refuses deep nesting, element floods, oversized documents and non-descriptions', () => {
    expect(parseXml('<a>'.repeat(100)).ok).toBe(false);
    expect(parseXml(`<root>${'<x/>'.repeat(6000)}</root>`)).toEqual({ ok: false, reason: 'more than 5000 elements' });
    expect(parseXml(`<root>${' '.repeat(MAX_DESCRIPTION_BYTES)}</root>`).ok).toBe(false);
    expect(parseDeviceDescription('<html><body>Login</body></html>')).toEqual({ ok: false, reason: 'root element is <html>, not <root>' });
    expect(parseDeviceDescription('<root><specVersion/></root>')).toEqual({ ok: false, reason: 'no <device> element' });
    expect(parseDeviceDescription('')).toEqual({ ok: false, reason: 'no root element' });
    expect(parseXml('<root><![CDATA[never closed').ok).toBe(false);
    expect(parseXml('<root><unclosed attr="x"').ok).toBe(false);
  });

  it('tolerates truncated documents: whatever fields are complete are read', () => {
    const xml = recorded.descriptions.plug.xml;
    const cut = xml.slice(0, xml.indexOf('<modelName>'));
    expect(parseDeviceDescription(cut)).toMatchObject({ ok: true, info: { manufacturer: 'Sonoff', modelName: null } });
  });
});

describe('fetchDescription on loopback', () => {
  let server: RunningServer | null = null;
  afterEach(async () => { await server?.close(); server = null; });

  it('fetches a description', async () => {
    server = await startHttpServer((_req, res) => { res.setHeader('Content-Type', 'text/xml'); res.end(recorded.descriptions.hue.xml); });
    const body = await fetchDescription(new URL(`http://127.0.0.1:${server.port}/description.xml`), { timeoutMs: 2000 });
    expect(parseDeviceDescription(body)).toMatchObject({ ok: true, info: { modelNumber: 'BSB002' } });
  });

  it('never parses a 10 MB body: stops reading at the cap and rejects', async () => {
    let sent = 0;
    server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': String(10 * 1024 * 1024) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => { while (sent < 10 * 1024 * 1024) { sent += chunk.length; if (!res.write(chunk)) return void res.once('drain', pump); } res.end(); };
      res.on('error', () => {});
      pump();
    });
    const started = Date.now();
    await expect(fetchDescription(new URL(`http://127.0.0.1:${server.port}/big.xml`), { timeoutMs: 3000 })).rejects.toThrow(/larger than 262144 bytes/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('rejects a non-200 answer and a server that never answers (deadline)', async () => {
    server = await startHttpServer((_req, res) => { res.statusCode = 404; res.end('no'); });
    await expect(fetchDescription(new URL(`http://127.0.0.1:${server.port}/x`), { timeoutMs: 1000 })).rejects.toThrow('HTTP 404');
    await server.close();
    server = await startSilentServer();
    const started = Date.now();
    await expect(fetchDescription(new URL(`http://127.0.0.1:${server.port}/x`), { timeoutMs: 300 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(fetchDescription(new URL('file:///etc/passwd'), { timeoutMs: 100 })).rejects.toThrow('unsupported scheme file:');
  });
});
