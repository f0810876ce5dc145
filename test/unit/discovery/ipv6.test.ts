// The ipv6-neighbours discoverer: one all-nodes ping per own address, then neighbours joined to
// the devices already found, by MAC — never a neighbour that no in-scope device owns.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../backend/src/core/plugins.js';
import { createIpv6Discoverer, parsePingReplies } from '../../../backend/src/discovery/ipv6.js';
import type { NeighbourState } from '../../../backend/src/discovery/neighbours.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { loggingContext } from './helpers.js';

const HGW = '10:66:82:77:00:01';
const CAM = 'a4:14:37:77:00:11';
const s = (ip: string, mac: string | null, state = 'REACHABLE'): NeighbourState => ({ ip, mac, state, confirmedAgo: 1 });

describe('ipv6-neighbours discoverer', () => {
  it('pings all nodes from each own IPv6 address, then makes the kernel resolve every other address that answered', async () => {
    const pinged: string[][] = [];
    const resolved: string[][] = [];
    const ctx = loggingContext();
    const ipv6 = createIpv6Discoverer({
      ownAddresses: () => ['fe80::dea6:32ff:fe00:2', 'fd77::2'],
      ping: async (_c, sources) => { pinged.push([...sources]); return ['fd77::2', 'fd77::1', 'fe80::1266:82ff:fe77:1', 'fd77::1', 'not-an-address']; },
      resolve: async (_c, addresses) => { resolved.push([...addresses]); },
    });
    await ipv6.run(ctx, () => {});
    expect(pinged).toEqual([['fe80::dea6:32ff:fe00:2', 'fd77::2']]);
    expect(resolved).toEqual([['fd77::1', 'fe80::1266:82ff:fe77:1']]);
    await createIpv6Discoverer({ ownAddresses: () => [], ping: async (_c, sources) => { pinged.push([...sources]); return []; } }).run(ctx, () => {});
    expect(pinged).toHaveLength(1); // no IPv6 address of our own: no ping at all
  });

  it('reads who answered from ping\'s output (busybox and iputils)', () => {
    const busybox = 'PING ff02::1%eth0 (ff02::1%eth0) from fd77::2: 56 data bytes\n64 bytes from fd77::2: seq=0 ttl=64 time=0.244 ms\n'
      + '64 bytes from fd77::1: seq=0 ttl=64 time=0.278 ms (DUP!)\n64 bytes from fe80::a614:37ff:fe77:11: seq=0 ttl=64 time=0.4 ms (DUP!)\n';
    expect(parsePingReplies(busybox)).toEqual(['fd77::2', 'fd77::1', 'fe80::a614:37ff:fe77:11']);
    const iputils = 'PING ff02::1%eth0(ff02::1%eth0) from fe80::dea6:32ff:fe00:2%eth0 eth0: 56 data bytes\n'
      + '64 bytes from fe80::1266:82ff:fe77:1%eth0: icmp_seq=1 ttl=64 time=0.312 ms\n';
    expect(parsePingReplies(iputils)).toEqual(['fe80::1266:82ff:fe77:1']);
    expect(parsePingReplies('ping: sendmsg: Network is unreachable')).toEqual([]);
  });

  it('joins link-local and global addresses to the device with the same MAC', async () => {
    const states = [
      s('fd77::1', HGW), s('fe80::1266:82ff:fe77:1', HGW, 'STALE'), s('fe80::a614:37ff:fe77:11', CAM, 'DELAY'),
      s('fe80::dead:beef', '02:00:00:00:00:99'), // a MAC no in-scope device has
      s('fe80::bad', CAM, 'FAILED'), s('fe80::nomac', null, 'INCOMPLETE'),
    ];
    const seen: Observation[] = [];
    const devices = [emptyDevice('10.77.0.1', HGW), emptyDevice('10.77.0.11', CAM), emptyDevice('10.77.0.21', null)];
    await createIpv6Discoverer({ readStates: async () => states }).enrich!(devices, loggingContext(), (o) => seen.push(o));
    expect(seen).toEqual([
      { source: 'ipv6-neighbours', ip: '10.77.0.1', mac: HGW, ipv6: ['fe80::1266:82ff:fe77:1', 'fd77::1'] },
      { source: 'ipv6-neighbours', ip: '10.77.0.11', mac: CAM, ipv6: ['fe80::a614:37ff:fe77:11'] },
    ]);
  });

  it('reports nothing, and says why, when the table cannot be read', async () => {
    const ctx = loggingContext();
    const seen: Observation[] = [];
    await createIpv6Discoverer({ readStates: async () => null }).enrich!([emptyDevice('10.77.0.1', HGW)], ctx, (o) => seen.push(o));
    expect(seen).toEqual([]);
    expect(ctx.lines.some((l) => l.includes('ip -6 -j neigh` unavailable'))).toBe(true);
  });
});
