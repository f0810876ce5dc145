// The ssdp discoverer: answers from a loopback responder, descriptions through a fetcher that
// records every URL it is asked for — a LOCATION outside the scanned ranges must never reach it.
// The listening window leaves room for a loaded CI machine (the answers come from loopback).
import { afterEach, describe, expect, it } from 'vitest';
import type { Observation } from '../../../backend/src/core/plugins.js';
import { createSsdpDiscoverer, fetchDescriptionForScan, type DescriptionFetcher } from '../../../backend/src/discovery/ssdp.js';
import { startHttpServer, type RunningServer } from '../../helpers/net.js';
import { recorded } from './fixtures/recorded.js';
import { loggingContext, udpResponder, type UdpResponder } from './helpers.js';

const answer = (location: string, server = 'Linux/4.4 UPnP/1.0 Test/1.0'): Buffer =>
  Buffer.from(`HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: upnp:rootdevice\r\nUSN: uuid:x::upnp:rootdevice\r\nSERVER: ${server}\r\nLOCATION: ${location}\r\n\r\n`);

let responder: UdpResponder | null = null;
let http: RunningServer | null = null;
afterEach(async () => { responder?.close(); responder = null; await http?.close(); http = null; });

function recordingFetcher(body: string): DescriptionFetcher & { calls: string[] } {
  const calls: string[] = [];
  const fetcher = async (url: URL): Promise<string> => { calls.push(url.href); return body; };
  return Object.assign(fetcher, { calls });
}

async function discover(answers: Buffer[], fetch: DescriptionFetcher, targets = ['127.0.0.0/8']) {
  responder = await udpResponder(() => answers);
  const ctx = loggingContext({ targets });
  const seen: Observation[] = [];
  await createSsdpDiscoverer({ fetch, sendAt: [0, 30], listenMs: 400, destination: { address: '127.0.0.1', port: responder.port } }).run(ctx, (o) => seen.push(o));
  return { seen, lines: ctx.lines };
}

describe('ssdp discoverer', () => {
  it('never fetches a LOCATION outside the scanned ranges (8.8.8.8), and says so in the log', async () => {
    const fetcher = recordingFetcher(recorded.descriptions.hgw.xml);
    const { seen, lines } = await discover([answer('http://8.8.8.8:80/rootDesc.xml'), answer('http://gateway.example/desc.xml')], fetcher);
    expect(fetcher.calls).toEqual([]);
    expect(lines.filter((l) => l.includes('LOCATION outside the scanned ranges, not fetched'))).toHaveLength(2);
    expect(lines.some((l) => l.includes('http://8.8.8.8:80/rootDesc.xml'))).toBe(true);
    // The device that answered is still reported (it is on the LAN), without a description.
    expect(seen).toEqual([{ source: 'ssdp', ip: '127.0.0.1', upnp: [] }]);
  });

  it('fetches an in-scope LOCATION once, however often it is announced, and reports the device', async () => {
    const fetcher = recordingFetcher(recorded.descriptions.hue.xml);
    const { seen } = await discover([answer('http://127.0.0.1:8088/description.xml', 'Hue/1.0 UPnP/1.0 IpBridge/1.56.0')], fetcher);
    expect(fetcher.calls).toEqual(['http://127.0.0.1:8088/description.xml']);
    expect(seen).toEqual([{ source: 'ssdp', ip: '127.0.0.1', upnp: [expect.objectContaining({
      location: 'http://127.0.0.1:8088/description.xml', modelName: 'Philips hue bridge 2015', modelNumber: 'BSB002',
      server: 'Hue/1.0 UPnP/1.0 IpBridge/1.56.0',
    })] }]);
  });

  it('logs and skips hostile or broken descriptions and bad URLs without stopping', async () => {
    const fetcher = recordingFetcher('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><root><device/></root>');
    const { seen, lines } = await discover([answer('http://127.0.0.1:1/a.xml'), answer('not a url'), answer('ftp://127.0.0.1/x.xml')], fetcher);
    expect(fetcher.calls).toEqual(['http://127.0.0.1:1/a.xml']);
    expect(seen).toEqual([{ source: 'ssdp', ip: '127.0.0.1', upnp: [] }]);
    expect(lines.some((l) => l.includes('device description refused') && l.includes('DTD'))).toBe(true);
    expect(lines.some((l) => l.includes('LOCATION is not a URL'))).toBe(true);
    expect(lines.some((l) => l.includes('LOCATION scheme not supported'))).toBe(true);
  });

  it('logs a malformed SSDP datagram with its sender', async () => {
    const { seen, lines } = await discover([Buffer.from('\u0000garbage\r\n\r\n')], recordingFetcher(''));
    expect(seen).toEqual([]);
    expect(lines.some((l) => l.includes('ssdp: malformed answer ignored') && l.includes('"from":"127.0.0.1"'))).toBe(true);
  });

  it('ignores answers from outside the scanned ranges', async () => {
    const fetcher = recordingFetcher(recorded.descriptions.hue.xml);
    const { seen } = await discover([answer('http://127.0.0.1:8088/description.xml')], fetcher, ['10.99.0.0/24']);
    expect(seen).toEqual([]);
    expect(fetcher.calls).toEqual([]);
  });

  it('with the real fetcher: reads a description from a loopback web server', async () => {
    http = await startHttpServer((_req, res) => res.end(recorded.descriptions.plug.xml));
    const { seen } = await discover([answer(`http://127.0.0.1:${http.port}/description.xml`)], fetchDescriptionForScan);
    expect(seen[0]?.upnp?.[0]).toMatchObject({ manufacturer: 'Sonoff', modelName: 'S26R2', udn: 'uuid:5f2c1a8e-7716-4c2a-9f00-2cf432770016' });
  });
});
