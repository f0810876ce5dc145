// The arp discoverer's handling of the kernel's cache: fresh answers are reported at once; entries
// cached before the sweep are re-confirmed by raw ARP (or reported as unconfirmed without it);
// a host that left or moved is not reported at its old address. The sweep itself sends its
// empty datagrams to 127.0.0.2 only (the targets are loopback).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../backend/src/core/plugins.js';
import { hasNetRaw, netRawIn, parseArpScan, type ArpConfirmer } from '../../../backend/src/discovery/arp-confirm.js';
import { createArpDiscoverer } from '../../../backend/src/discovery/arp.js';
import { parseIpNeighJson, parseProcNetArp, type NeighbourEntry, type NeighbourState } from '../../../backend/src/discovery/neighbours.js';
import { loggingContext } from './helpers.js';

const MAC_T = '00:1b:c5:07:3a:44';
const MAC_C = 'a4:14:37:77:00:11';

/** The sweep covers 127.0.0.0/29 (scanner is .1): the fake kernel table decides what is "found". */
async function sweep(table: NeighbourEntry[], before: NeighbourState[] | null, confirm: ArpConfirmer) {
  const ctx = loggingContext({ targets: ['127.0.0.0/29'], interfaceAddress: '127.0.0.1' });
  const seen: Observation[] = [];
  const asked: string[][] = [];
  const arp = createArpDiscoverer({
    readNeighbours: async () => table,
    readStates: async () => before,
    confirm: async (iface, ips, signal) => { asked.push([...ips]); return confirm(iface, ips, signal); },
  });
  await arp.run(ctx, (o) => seen.push(o));
  return { seen, asked, lines: ctx.lines };
}

const entry = (ip: string, mac: string): NeighbourEntry => ({ ip, mac, device: 'lo' });
const state = (ip: string, mac: string | null, s: string, confirmedAgo = 10): NeighbourState => ({ ip, mac, state: s, confirmedAgo });

describe('arp discoverer and the neighbour cache', () => {
  it('reports an address the sweep resolved at once, as confirmed; never the scanner itself or other interfaces', async () => {
    const { seen, asked } = await sweep([entry('127.0.0.2', MAC_C), entry('127.0.0.1', MAC_T), { ip: '127.0.0.3', mac: MAC_T, device: 'eth9' }], [], async () => []);
    expect(seen).toEqual([{ source: 'arp', ip: '127.0.0.2', mac: MAC_C }]);
    expect(asked).toEqual([]); // nothing was cached: no raw ARP needed
  });

  it('re-asks cached entries by raw ARP: the one that answers is reported, the one that left is dropped with a log line', async () => {
    const table = [entry('127.0.0.2', MAC_C), entry('127.0.0.4', MAC_T), entry('127.0.0.5', MAC_T)];
    const before = [state('127.0.0.2', MAC_C, 'STALE'), state('127.0.0.4', MAC_T, 'REACHABLE'), state('127.0.0.6', null, 'FAILED')];
    // 127.0.0.5 was not cached: resolved by this sweep. The thermostat moved there from .4.
    const { seen, asked, lines } = await sweep(table, before, async () => [{ ip: '127.0.0.2', mac: MAC_C }]);
    expect(asked).toEqual([['127.0.0.2', '127.0.0.4']]);
    expect(seen).toEqual([
      { source: 'arp', ip: '127.0.0.5', mac: MAC_T },
      { source: 'arp', ip: '127.0.0.2', mac: MAC_C },
    ]);
    expect(lines.some((l) => l.includes('cached neighbour entry not confirmed by raw ARP') && l.includes('127.0.0.4'))).toBe(true);
  });

  it('without raw ARP, reports cached entries as unconfirmed — one address per MAC, the one confirmed last', async () => {
    const table = [entry('127.0.0.3', MAC_T), entry('127.0.0.4', MAC_T), entry('127.0.0.2', MAC_C)];
    const before = [state('127.0.0.3', MAC_T, 'STALE', 300), state('127.0.0.4', MAC_T, 'REACHABLE', 20), state('127.0.0.2', MAC_C, 'STALE', 50)];
    const { seen } = await sweep(table, before, async () => null);
    expect(seen).toEqual(expect.arrayContaining([
      { source: 'arp', ip: '127.0.0.4', mac: MAC_T, confirmed: false },
      { source: 'arp', ip: '127.0.0.2', mac: MAC_C, confirmed: false },
    ]));
    expect(seen).toHaveLength(2);
  });

  it('without `ip -j neigh` it falls back to the plain table (everything counts as fresh)', async () => {
    const { seen, asked } = await sweep([entry('127.0.0.2', MAC_C)], null, async () => []);
    expect(seen).toEqual([{ source: 'arp', ip: '127.0.0.2', mac: MAC_C }]);
    expect(asked).toEqual([]);
  });
});

describe('neighbour table parsers', () => {
  it('reads /proc/net/arp: complete entries only, no all-zero MAC', () => {
    const text = [
      'IP address       HW type     Flags       HW address            Mask     Device',
      '10.77.0.11       0x1         0x2         A4:14:37:77:00:11     *        eth0',
      '10.77.0.99       0x1         0x0         00:00:00:00:00:00     *        eth0',
      '10.77.0.12       0x1         0x6         78:11:dc:77:00:12     *        eth0',
      'garbage',
    ].join('\n');
    expect(parseProcNetArp(text)).toEqual([
      { ip: '10.77.0.11', mac: 'a4:14:37:77:00:11', device: 'eth0' },
      { ip: '10.77.0.12', mac: '78:11:dc:77:00:12', device: 'eth0' },
    ]);
  });

  it('reads `ip -s -j neigh` (as iproute2 6.1 prints it) and skips anything else', () => {
    const json = '[{"dst":"10.77.0.44","used":14,"confirmed":73,"updated":11,"probes":6,"state":["FAILED"]},'
      + '{"dst":"10.77.0.45","lladdr":"00:1B:C5:07:3A:44","refcnt":1,"used":25,"confirmed":25,"updated":25,"probes":1,"state":["REACHABLE"]},'
      + '{"dst":42},"x",null,{"dst":"fe80::1","lladdr":"not-a-mac","state":"weird"}]';
    expect(parseIpNeighJson(json)).toEqual([
      { ip: '10.77.0.44', mac: null, state: 'FAILED', confirmedAgo: 73 },
      { ip: '10.77.0.45', mac: '00:1b:c5:07:3a:44', state: 'REACHABLE', confirmedAgo: 25 },
      { ip: 'fe80::1', mac: null, state: 'NONE', confirmedAgo: null },
    ]);
    expect(parseIpNeighJson('not json')).toEqual([]);
    expect(parseIpNeighJson('{"dst":"x"}')).toEqual([]);
  });

  it('reads `arp-scan -q -x` output (1.10), duplicates once', () => {
    const out = '10.77.0.11\ta4:14:37:77:00:11\n10.77.0.21\t00:12:67:77:00:21\n10.77.0.21\t00:12:67:77:00:99\t(DUP: 2)\nWARNING: junk\n';
    expect(parseArpScan(out)).toEqual([{ ip: '10.77.0.11', mac: 'a4:14:37:77:00:11' }, { ip: '10.77.0.21', mac: '00:12:67:77:00:21' }]);
  });

  it.runIf(process.getuid?.() === 0)('knows whether a process may send raw ARP: root may, nobody may not', async () => {
    expect(await hasNetRaw()).toBe(true);
    const { stdout } = await promisify(execFile)('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', 'cat', '/proc/self/status']);
    expect(stdout).toMatch(/^CapEff:/m);
    expect(netRawIn(stdout)).toBe(false);
    expect(netRawIn('CapEff:\t0000000000002000\n')).toBe(true); // bit 13 alone
    expect(netRawIn('no such line')).toBe(false);
  });
});
