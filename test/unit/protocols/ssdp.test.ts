// SSDP: recorded minissdpd answers, malformed ones, and the M-SEARCH socket on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SSDP_PACKET, mSearch, mSearchMessage, parseSsdpResponse, type SsdpResponse } from '../../../backend/src/protocols/ssdp.js';
import { recorded } from '../discovery/fixtures/recorded.js';
import { udpResponder, type UdpResponder } from '../discovery/helpers.js';

describe('parseSsdpResponse', () => {
  it('reads a recorded minissdpd answer (headers in lower case)', () => {
    const hgw = recorded.ssdp.find((s) => s.from === '10.77.0.1')!;
    const parsed = parseSsdpResponse(Buffer.from(hgw.text, 'latin1'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.response.status).toBe(200);
    expect(parsed.response.headers).toMatchObject({ location: 'http://10.77.0.1:2869/rootDesc.xml', server: 'Linux/4.4 UPnP/1.0 Aterm/1.0' });
  });

  it.each([
    ['an empty datagram', ''],
    ['an M-SEARCH from another control point', mSearchMessage()],
    ['binary junk', '\u0000\u0001\u0002\u00ff'],
    ['a NOTIFY', 'NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\n\r\n'],
  ])('refuses %s and says what it saw', (_what, text) => {
    const parsed = parseSsdpResponse(Buffer.from(text, 'latin1'));
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/not an SSDP answer/) });
  });

  it('refuses oversized datagrams and header floods; tolerates odd lines; first header wins', () => {
    expect(parseSsdpResponse(Buffer.alloc(MAX_SSDP_PACKET + 1, 0x41)).ok).toBe(false);
    const flood = 'HTTP/1.1 200 OK\r\n' + Array.from({ length: 100 }, (_, i) => `X-${i}: y`).join('\r\n') + '\r\n\r\n';
    expect(parseSsdpResponse(Buffer.from(flood))).toEqual({ ok: false, reason: 'more than 64 header lines' });
    const odd = 'HTTP/1.1 200 OK\r\nno colon here\r\nLOCATION: http://a/\r\nlocation: http://b/\r\nSERVER: x\u0007y\r\n\r\n';
    const parsed = parseSsdpResponse(Buffer.from(odd));
    expect(parsed.ok && parsed.response.headers).toEqual({ location: 'http://a/', server: 'xy' });
  });
});

describe('mSearch on loopback', () => {
  let responder: UdpResponder | null = null;
  afterEach(() => { responder?.close(); responder = null; });

  it('sends M-SEARCH ssdp:all with MX at each planned time and hands over answers and junk', async () => {
    const plug = recorded.ssdp.find((s) => s.from === '10.77.0.16')!.text;
    responder = await udpResponder(() => [Buffer.from(plug, 'latin1'), Buffer.from('garbage')]);
    const answers: Array<[string, SsdpResponse]> = [];
    const junk: string[] = [];
    const started = Date.now();
    await mSearch({
      interfaceAddress: '127.0.0.1', sendAt: [0, 50], listenMs: 150, mx: 1, signal: new AbortController().signal,
      destination: { address: '127.0.0.1', port: responder.port },
      onResponse: (from, response) => answers.push([from, response]),
      onMalformed: (from, reason) => junk.push(`${from} ${reason}`),
      onError: (error) => { throw error; },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(responder.received.map((m) => m.toString())).toEqual([mSearchMessage('ssdp:all', 1), mSearchMessage('ssdp:all', 1)]);
    expect(mSearchMessage()).toMatch(/^M-SEARCH \* HTTP\/1\.1\r\nHOST: 239\.255\.255\.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: ssdp:all\r\n/);
    expect(answers).toHaveLength(2);
    expect(answers[0]![1].headers['location']).toBe('http://10.77.0.16:80/description.xml');
    expect(junk).toEqual(['127.0.0.1 not an SSDP answer: "garbage"', '127.0.0.1 not an SSDP answer: "garbage"']);
  });

  it('ends early when the scan is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    await mSearch({
      interfaceAddress: '127.0.0.1', sendAt: [0], listenMs: 10_000, signal: controller.signal,
      destination: { address: '127.0.0.1', port: 9 }, onResponse: () => {}, onMalformed: () => {}, onError: () => {},
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
