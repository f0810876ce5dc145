// How discovery's sightings join in the device merger: a fresh ARP answer beats a cached one for
// the same MAC (a host that moved), IP-only sightings fold into the MAC device that owns the
// address, IPv6 addresses and NetBIOS names attach by MAC.
import { describe, expect, it } from 'vitest';
import { DeviceMerger } from '../../../backend/src/pipeline/merger.js';

const MAC = '00:1b:c5:07:3a:44';
const mdns = [{ type: '_hap._tcp', name: 'tado', port: 80, txt: { ci: '9' } }];

describe('DeviceMerger with cached and fresh sightings', () => {
  it('moves a device to the address of a fresh answer, whatever the order', () => {
    const cachedFirst = new DeviceMerger();
    cachedFirst.add({ source: 'arp', ip: '10.77.0.44', mac: MAC, confirmed: false });
    cachedFirst.add({ source: 'arp', ip: '10.77.0.45', mac: MAC });
    expect(cachedFirst.devices()).toEqual([expect.objectContaining({ ip: '10.77.0.45', mac: MAC })]);

    const freshFirst = new DeviceMerger();
    freshFirst.add({ source: 'arp', ip: '10.77.0.45', mac: MAC });
    freshFirst.add({ source: 'arp', ip: '10.77.0.44', mac: MAC, confirmed: false });
    expect(freshFirst.devices()).toEqual([expect.objectContaining({ ip: '10.77.0.45' })]);
  });

  it('folds an mDNS sighting of the new address into the moved device: one device, not two', () => {
    const merger = new DeviceMerger();
    merger.add({ source: 'mdns', ip: '10.77.0.45', hostnames: ['tado-thermostat.local'], mdns });
    merger.add({ source: 'arp', ip: '10.77.0.44', mac: MAC, confirmed: false });
    expect(merger.devices()).toHaveLength(2); // so far: a cached MAC and an IP-only host
    merger.add({ source: 'arp', ip: '10.77.0.45', mac: MAC });
    expect(merger.devices()).toEqual([expect.objectContaining({
      ip: '10.77.0.45', mac: MAC, hostnames: ['tado-thermostat.local'], mdns, discoveredBy: ['arp', 'mdns'],
    })]);
  });

  it('keeps a cached address when nothing fresher is heard', () => {
    const merger = new DeviceMerger();
    merger.add({ source: 'arp', ip: '10.77.0.21', mac: '00:12:67:77:00:21', confirmed: false });
    merger.add({ source: 'mdns', ip: '10.77.0.21', hostnames: ['x.local'] });
    expect(merger.devices()).toEqual([expect.objectContaining({ ip: '10.77.0.21', hostnames: ['x.local'] })]);
  });

  it('attaches IPv6 addresses (no duplicates) and the NetBIOS status by MAC', () => {
    const merger = new DeviceMerger();
    merger.add({ source: 'arp', ip: '10.77.0.1', mac: '10:66:82:77:00:01' });
    merger.add({ source: 'mdns', ip: '10.77.0.1', ipv6: ['fe80::1266:82ff:fe77:1'] });
    merger.add({ source: 'ipv6-neighbours', ip: '10.77.0.1', mac: '10:66:82:77:00:01', ipv6: ['fe80::1266:82ff:fe77:1', 'fd77::1'] });
    const netbios = { name: 'KANO-PC', workgroup: 'WORKGROUP', names: ['KANO-PC<00>'] };
    merger.add({ source: 'netbios', ip: '10.77.0.1', mac: '10:66:82:77:00:01', hostnames: ['KANO-PC'], netbios });
    expect(merger.devices()[0]).toMatchObject({ ipv6: ['fe80::1266:82ff:fe77:1', 'fd77::1'], netbios, hostnames: ['KANO-PC'] });
  });
});
