import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coapGet, coapGetPacket, parseCoap } from '../../../backend/src/protocols/coap.js';
import { probes } from '../../../backend/src/probes/index.js';
import { coapResources, udpCoapProbe } from '../../../backend/src/probes/udp-coap.js';
import { loopbackDevice, testContext } from '../../helpers/context.js';
import { requireBinary, type Daemon } from '../../helpers/daemon.js';
import { timed } from '../../helpers/net.js';
import { startCoapServer } from '../../helpers/coap-server.js';

let coap: Daemon;
let silent: Socket;
let silentPort: number;

beforeAll(async () => {
  requireBinary('/usr/bin/coap-server-notls', 'libcoap3-bin');
  // On the CoAP port itself (loopback only), since the probe always asks udp 5683.
  coap = await startCoapServer(5683);
  // A UDP socket that reads and never answers: the probe must give up at its deadline.
  silent = createSocket('udp4');
  await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', () => resolve()));
  silentPort = (silent.address() as AddressInfo).port;
}, 20_000);

afterAll(async () => {
  await coap?.stop();
  silent?.close();
});

function probeAt(port: number, timeoutMs = 500) {
  return coapGet({ host: '127.0.0.1', port, path: ['.well-known', 'core'], timeoutMs });
}

describe('udp-coap probe', () => {
  it('is registered after the TCP probes', () => {
    expect(probes.map((p) => p.id)).toContain('udp-coap');
    expect(probes.indexOf(udpCoapProbe)).toBeGreaterThan(probes.findIndex((p) => p.id === 'service-id'));
  });

  it('gets /.well-known/core from real libcoap coap-server (2.05, link-format)', async () => {
    const reply = await probeAt(coap.port);
    expect(reply).toMatchObject({ type: 'ACK', code: '2.05', contentFormat: 40 });
    expect(coapResources(reply!.payload.toString())).toEqual(expect.arrayContaining(['/time', '/async']));
  });

  it('names the service coap, with the resource list as banner', async () => {
    const services = await udpCoapProbe.run(loopbackDevice(), testContext());
    expect(services).toEqual([{ port: 5683, transport: 'udp', service: 'coap', encrypted: false, banner: expect.stringMatching(/^CoAP 2\.05; resources: .*\/time/), product: null }]);
  });

  it('returns at once on a closed port (ICMP unreachable) and at the deadline on a silent one', async () => {
    const closed = await timed(() => probeAt(1, 2000));
    expect(closed.value).toBeNull();
    expect(closed.ms).toBeLessThan(500);
    const quiet = await timed(() => probeAt(silentPort, 400));
    expect(quiet.value).toBeNull();
    expect(quiet.ms).toBeGreaterThanOrEqual(390);
    expect(quiet.ms).toBeLessThan(900);
  });
});

describe('CoAP messages', () => {
  it('encodes GET /.well-known/core as RFC 7252 says, and parses it back', () => {
    const packet = coapGetPacket(0x1234, Buffer.from([1, 2]), ['.well-known', 'core']);
    expect(packet.subarray(0, 6)).toEqual(Buffer.from([0x42, 0x01, 0x12, 0x34, 1, 2]));
    expect(packet[6]).toBe(0xbb); // Uri-Path (11), 11 bytes
    expect(packet.subarray(7, 18).toString()).toBe('.well-known');
    expect(packet[18]).toBe(0x04);
    const parsed = parseCoap(packet);
    expect(parsed).toMatchObject({ type: 'CON', code: '0.01', messageId: 0x1234 });
  });

  it('refuses what is not CoAP', () => {
    expect(parseCoap(Buffer.from('HTTP/1.1 200 OK'))).toBeNull();
    expect(parseCoap(Buffer.from([0x40]))).toBeNull();
  });
});
