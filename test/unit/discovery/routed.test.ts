// The routed-network sweep against real loopback sockets: a refused TCP connection proves a host
// is there as well as an accepted one; one ICMP echo (the system's ping) for the silent ones.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../backend/src/core/plugins.js';
import { createRoutedDiscoverer, pingOnce } from '../../../backend/src/discovery/routed.js';
import { freePort, startSilentServer } from '../../helpers/net.js';
import { testContext } from '../../helpers/context.js';

describe('routed discovery', () => {
  it('finds a host by a refused connection (RST), by IP only', async () => {
    const closed = await freePort();
    const seen: Observation[] = [];
    await createRoutedDiscoverer({ ports: [closed], ping: async () => false }).run({ ...testContext(), targets: ['127.0.0.1/32'] }, (o) => seen.push(o));
    expect(seen).toEqual([{ source: 'tcp-connect', ip: '127.0.0.1', mac: null }]);
  });

  it('finds a host by an accepted connection', async () => {
    const server = await startSilentServer();
    try {
      const seen: Observation[] = [];
      await createRoutedDiscoverer({ ports: [server.port], ping: async () => false }).run({ ...testContext(), targets: ['127.0.0.1/32'] }, (o) => seen.push(o));
      expect(seen.map((o) => o.source)).toEqual(['tcp-connect']);
    } finally {
      await server.close();
    }
  });

  it('with no TCP port to try, asks ICMP echo and reports only what answered (control: an unanswered echo reports nothing)', async () => {
    const asked: string[] = [];
    const seen: Observation[] = [];
    await createRoutedDiscoverer({ ports: [], ping: async (ip) => { asked.push(ip); return ip === '127.0.0.2'; } })
      .run({ ...testContext(), targets: ['127.0.0.0/30'] }, (o) => seen.push(o));
    expect(asked.sort()).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(seen).toEqual([{ source: 'icmp', ip: '127.0.0.2', mac: null }]);
  });

  // The lab runs as root with busybox-static (LAB_PACKAGES): busybox ping can open its raw socket.
  it('pings loopback for real with the system\'s ping (iputils, else busybox)', async () => {
    expect(await pingOnce('127.0.0.1', { ...testContext(), targets: ['127.0.0.1/32'] })).toBe(true);
  });
});
