// Several networks in one scan: every discoverer runs on each network with that network's
// interface, address and ranges; enrich passes see only their network's devices; every device says
// which network and interface it was found on, and the result lists the networks.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { defineDiscoverer, type PluginContext } from '../../../backend/src/core/plugins.js';
import type { ScanNetwork } from '../../../backend/src/core/types.js';
import { parseCidr } from '../../../backend/src/scope/cidr.js';
import { runScan } from '../../../backend/src/pipeline/runner.js';
import { testTuning } from '../../helpers/context.js';

// Two loopback addresses stand for two networks: nothing leaves the machine.
const NETWORKS: ScanNetwork[] = [
  { name: 'lo', address: '127.0.0.1', targets: ['127.0.0.1/32'] },
  { name: 'lo-b', address: '127.0.0.2', targets: ['127.0.0.2/32', '127.0.0.3/32'] },
];

interface Seen { id: string; interfaceName: string; interfaceAddress: string | null; targets: readonly string[]; devices?: string[] }

function recordingDiscoverers(seen: Seen[]) {
  const record = (id: string, ctx: PluginContext, devices?: string[]): void => {
    seen.push({ id, interfaceName: ctx.interfaceName, interfaceAddress: ctx.interfaceAddress, targets: ctx.targets, ...(devices ? { devices } : {}) });
  };
  // A sweep that finds one host per range of its own network (as ARP does on its interface).
  const sweep = defineDiscoverer({
    id: 'sweep', description: 'one host per range', findsOnly: true,
    async run(ctx, report) {
      record('sweep', ctx);
      for (const target of ctx.targets) {
        const ip = target.split('/')[0]!;
        report({ source: 'sweep', ip, mac: `02:00:00:00:00:0${ip.split('.')[3]}` });
      }
    },
  });
  const namer = defineDiscoverer({
    id: 'namer', description: 'names what it is given',
    async run(ctx) { record('namer', ctx); },
    async enrich(devices, ctx, report) {
      record('namer-enrich', ctx, devices.map((d) => d.ip));
      for (const device of devices) {
        // A device outside this network's ranges would be a leak from another network.
        if (!ctx.targets.some((t) => parseCidr(t).text === `${device.ip}/32`)) throw new Error(`${device.ip} is not on ${ctx.interfaceName}`);
        report({ source: 'namer', ip: device.ip, mac: device.mac, hostnames: [`host-${device.ip.split('.')[3]}.${ctx.interfaceName}`] });
      }
    },
  });
  return [sweep, namer];
}

describe('runScan over several networks', () => {
  it('discovers on each network with its own interface and ranges, and marks each device with its network', async () => {
    const seen: Seen[] = [];
    const result = await runScan(
      { targets: ['127.0.0.1/32', '127.0.0.2/32', '127.0.0.3/32'], interfaceName: 'lo', interfaceAddress: '127.0.0.1', networks: NETWORKS, loginChecks: false },
      { plugins: { discoverers: recordingDiscoverers(seen), identifiers: [], probes: [], checks: [] }, bus: new EventBus(), log: createLogger({ level: 'silent' }), tuning: testTuning() },
      new AbortController().signal,
    );
    expect(result.scan.status).toBe('completed');
    expect(result.scan.interface).toBe('lo');
    expect(result.scan.interfaces).toEqual(NETWORKS);
    for (const id of ['sweep', 'namer']) {
      expect(seen.filter((s) => s.id === id).map(({ interfaceName, interfaceAddress, targets }) => ({ interfaceName, interfaceAddress, targets })))
        .toEqual(expect.arrayContaining(NETWORKS.map((n) => ({ interfaceName: n.name, interfaceAddress: n.address, targets: n.targets }))));
    }
    const enriched = seen.filter((s) => s.id === 'namer-enrich').flatMap((s) => (s.devices ?? []).map((ip) => `${ip}@${s.interfaceName}`)).sort();
    expect(enriched).toEqual(['127.0.0.1@lo', '127.0.0.2@lo-b', '127.0.0.3@lo-b']);
    expect(result.devices.map((d) => ({ ip: d.ip, network: d.network, interface: d.interface, hostnames: d.hostnames }))).toEqual([
      { ip: '127.0.0.1', network: '127.0.0.1/32', interface: 'lo', hostnames: ['host-1.lo'] },
      { ip: '127.0.0.2', network: '127.0.0.2/32', interface: 'lo-b', hostnames: ['host-2.lo-b'] },
      { ip: '127.0.0.3', network: '127.0.0.3/32', interface: 'lo-b', hostnames: ['host-3.lo-b'] },
    ]);
  });

  it('without networks in the request, runs as one network on the request\'s interface', async () => {
    const seen: Seen[] = [];
    const result = await runScan(
      { targets: ['127.0.0.1/32'], interfaceName: 'lo', interfaceAddress: '127.0.0.1', loginChecks: false },
      { plugins: { discoverers: recordingDiscoverers(seen), identifiers: [], probes: [], checks: [] }, bus: new EventBus(), log: createLogger({ level: 'silent' }), tuning: testTuning() },
      new AbortController().signal,
    );
    expect(result.scan.interfaces).toBeUndefined();
    expect(seen.filter((s) => s.id === 'sweep')).toEqual([{ id: 'sweep', interfaceName: 'lo', interfaceAddress: '127.0.0.1', targets: ['127.0.0.1/32'] }]);
    expect(result.devices.map((d) => [d.ip, d.network, d.interface])).toEqual([['127.0.0.1', '127.0.0.1/32', 'lo']]);
  });

  it('on a routed network runs only the discoverers that cross a router, and marks its devices as known by IP only', async () => {
    const ran: string[] = [];
    const onLinkOnly = defineDiscoverer({
      id: 'on-link', description: 'an ARP-like sweep',
      async run(ctx, report) { ran.push(`on-link@${ctx.targets.join()}`); report({ source: 'on-link', ip: '127.0.0.1', mac: '02:00:00:00:00:01' }); },
    });
    const routedOnly = defineDiscoverer({
      id: 'routed-sweep', description: 'a sweep across the router', routed: 'only', findsOnly: true,
      async run(ctx, report) { ran.push(`routed@${ctx.targets.join()}`); report({ source: 'tcp-connect', ip: '127.0.1.9', mac: null }); },
    });
    const networks: ScanNetwork[] = [
      { name: 'lo', address: '127.0.0.1', targets: ['127.0.0.1/32'] },
      { name: 'lo', address: '127.0.0.1', targets: ['127.0.1.0/24'], via: '127.0.0.254' },
    ];
    const result = await runScan(
      { targets: ['127.0.0.1/32', '127.0.1.0/24'], interfaceName: 'lo', interfaceAddress: '127.0.0.1', networks, loginChecks: false },
      { plugins: { discoverers: [onLinkOnly, routedOnly], identifiers: [], probes: [], checks: [] }, bus: new EventBus(), log: createLogger({ level: 'silent' }), tuning: testTuning() },
      new AbortController().signal,
    );
    expect(ran.sort()).toEqual(['on-link@127.0.0.1/32', 'routed@127.0.1.0/24']);
    const routed = result.devices.find((d) => d.ip === '127.0.1.9')!;
    expect([routed.mac, routed.vendor, routed.network, routed.interface, routed.via]).toEqual([null, null, '127.0.1.0/24', 'lo', '127.0.0.254']);
    expect(routed.evidence.map((e) => e.detail)).toContainEqual(expect.stringMatching(/Behind the router 127\.0\.0\.254: found by its IP address only; its MAC address and maker cannot be seen/));
    expect(result.devices.find((d) => d.ip === '127.0.0.1')?.via).toBeUndefined();
  });
});
