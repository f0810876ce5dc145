// Routes through a gateway, as /proc/net/route writes them: the default route never counts.
import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../../backend/src/scope/cidr.js';
import type { LocalInterface } from '../../../backend/src/scope/interfaces.js';
import { planScan, reachOfRanges } from '../../../backend/src/scope/resolve.js';
import { listGatewayRoutes, routeTo } from '../../../backend/src/scope/routes.js';

// eth1 on 10.78.0.0/24; 10.79.0.0/24 via 10.78.0.254; the default route via 10.77.0.1 (little-endian hex).
const TABLE = [
  'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
  'eth0\t00000000\t01004D0A\t0003\t0\t0\t0\t00000000\t0\t0\t0',
  'eth0\t00004D0A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
  'eth1\t00004E0A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
  'eth1\t00004F0A\tFE004E0A\t0003\t0\t0\t0\t00FFFFFF\t0\t0\t0',
  'eth1\t00005000\tFE004E0A\t0002\t0\t0\t0\t00FFFFFF\t0\t0\t0',
].join('\n');

const interfaces: LocalInterface[] = [
  { name: 'eth0', ipv4: '10.77.0.2', mac: 'dc:a6:32:00:00:02', cidrs: ['10.77.0.2/24'] },
  { name: 'eth1', ipv4: '10.78.0.2', mac: 'dc:a6:32:00:78:02', cidrs: ['10.78.0.2/24'] },
];
const strict = { allowPublic: false, allowLarge: false };

describe('listGatewayRoutes', () => {
  it('keeps the routes through a gateway that are up, never the default route', () => {
    const routes = listGatewayRoutes(() => TABLE);
    expect(routes.map((r) => [r.interfaceName, r.destination.text, r.gateway])).toEqual([['eth1', '10.79.0.0/24', '10.78.0.254']]);
    expect(routeTo(parseCidr('10.79.0.128/25'), routes)?.gateway).toBe('10.78.0.254');
    expect(routeTo(parseCidr('10.79.0.0/23'), routes)).toBeNull();
    expect(routeTo(parseCidr('10.99.0.0/24'), routes)).toBeNull();
  });

  it('reads nothing from a table it cannot read', () => {
    expect(listGatewayRoutes(() => { throw new Error('ENOENT'); })).toEqual([]);
  });
});

describe('planScan with a routed range', () => {
  const routes = listGatewayRoutes(() => TABLE);

  it('plans a range behind a router as its own network, on the route\'s interface, with the router', () => {
    const plan = planScan(['10.77.0.0/24', '10.78.0.0/24', '10.79.0.0/24'], null, strict, interfaces, routes);
    expect(plan.ok && plan.networks).toEqual([
      { name: 'eth0', address: '10.77.0.2', targets: ['10.77.0.0/24'] },
      { name: 'eth1', address: '10.78.0.2', targets: ['10.78.0.0/24'] },
      { name: 'eth1', address: '10.78.0.2', targets: ['10.79.0.0/24'], via: '10.78.0.254' },
    ]);
  });

  it('still refuses a range only the default route leads to, before any packet', () => {
    const plan = planScan(['10.77.0.0/24', '192.168.50.0/24'], null, strict, interfaces, routes);
    expect(plan).toEqual({ ok: false, errors: [expect.stringMatching(/no local interface is on 192\.168\.50\.0\/24 .*no route leads to it/)] });
  });
});

describe('reachOfRanges (the settings\' list of networks)', () => {
  it('gives each range its interface, its router when routed, or null when nothing reaches it (or it is no range)', () => {
    expect(reachOfRanges(['10.77.0.0/24', '10.79.0.0/24', '192.168.50.0/24', 'nonsense'], interfaces, listGatewayRoutes(() => TABLE))).toEqual([
      { cidr: '10.77.0.0/24', interface: 'eth0' },
      { cidr: '10.79.0.0/24', interface: 'eth1', via: '10.78.0.254' },
      { cidr: '192.168.50.0/24', interface: null },
      { cidr: 'nonsense', interface: null },
    ]);
  });
});
