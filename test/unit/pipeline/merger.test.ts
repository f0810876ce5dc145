import { describe, expect, it } from 'vitest';
import { compareIp, DeviceMerger } from '../../../backend/src/pipeline/merger.js';

const MAC_A = 'a4:14:37:00:00:11';
const MAC_B = '00:11:32:aa:bb:cc';

describe('DeviceMerger', () => {
  it('merges two sightings of one MAC (any letter case) into one device', () => {
    const merger = new DeviceMerger();
    const first = merger.add({ source: 'arp', ip: '10.0.0.11', mac: MAC_A });
    const second = merger.add({ source: 'mdns', ip: '10.0.0.11', mac: MAC_A.toUpperCase(), hostnames: ['cam.local'] });
    expect(first.isNew).toBe(true);
    expect(second.isNew).toBe(false);
    expect(second.device).toBe(first.device);
    expect(merger.devices()).toHaveLength(1);
    expect(merger.devices()[0]).toMatchObject({ mac: MAC_A, ip: '10.0.0.11', discoveredBy: ['arp', 'mdns'], hostnames: ['cam.local'] });
  });

  it('merges two IP-only sightings of one address', () => {
    const merger = new DeviceMerger();
    merger.add({ source: 'mdns', ip: '10.0.0.20', hostnames: ['nas.local'] });
    const again = merger.add({ source: 'ssdp', ip: '10.0.0.20', mac: null, hostnames: ['nas.local', 'NAS'] });
    expect(again.isNew).toBe(false);
    expect(merger.devices()).toHaveLength(1);
    expect(merger.devices()[0]).toMatchObject({ mac: null, discoveredBy: ['mdns', 'ssdp'], hostnames: ['nas.local', 'NAS'] });
  });

  it('gives an IP-only device its MAC when ARP sees that IP later: still one device', () => {
    const merger = new DeviceMerger();
    merger.add({ source: 'mdns', ip: '10.0.0.11', hostnames: ['cam.local'], mdns: [{ type: '_http._tcp', name: 'cam', port: 80, txt: {} }] });
    const withMac = merger.add({ source: 'arp', ip: '10.0.0.11', mac: MAC_A });
    expect(withMac.isNew).toBe(false);
    expect(merger.devices()).toHaveLength(1);
    expect(merger.devices()[0]).toMatchObject({ mac: MAC_A, hostnames: ['cam.local'], discoveredBy: ['mdns', 'arp'] });
    expect(merger.devices()[0]!.mdns).toHaveLength(1);
    // A third, IP-only sighting still lands on the same device.
    expect(merger.add({ source: 'ssdp', ip: '10.0.0.11' }).isNew).toBe(false);
    expect(merger.devices()).toHaveLength(1);
  });

  it('an IP-only sighting after the MAC one joins the device with that IP', () => {
    const merger = new DeviceMerger();
    merger.add({ source: 'arp', ip: '10.0.0.11', mac: MAC_A });
    expect(merger.add({ source: 'mdns', ip: '10.0.0.11', hostnames: ['cam.local'] }).isNew).toBe(false);
    expect(merger.devices()).toEqual([expect.objectContaining({ mac: MAC_A, hostnames: ['cam.local'] })]);
  });

  it('keeps two MACs as two devices, even at the same IP', () => {
    const merger = new DeviceMerger();
    merger.add({ source: 'arp', ip: '10.0.0.11', mac: MAC_A });
    const other = merger.add({ source: 'arp', ip: '10.0.0.12', mac: MAC_B });
    expect(other.isNew).toBe(true);
    expect(merger.devices().map((d) => d.mac)).toEqual([MAC_A, MAC_B]);
    const sameIp = new DeviceMerger();
    sameIp.add({ source: 'arp', ip: '10.0.0.11', mac: MAC_A });
    expect(sameIp.add({ source: 'arp', ip: '10.0.0.11', mac: MAC_B }).isNew).toBe(true);
    expect(sameIp.devices()).toHaveLength(2);
  });

  it('keeps two IP-only hosts apart', () => {
    const merger = new DeviceMerger();
    merger.add({ source: 'mdns', ip: '10.0.0.5' });
    expect(merger.add({ source: 'mdns', ip: '10.0.0.6' }).isNew).toBe(true);
    expect(merger.devices()).toHaveLength(2);
  });

  it('does not duplicate hostnames, mDNS services or UPnP descriptions', () => {
    const merger = new DeviceMerger();
    const mdns = { type: '_hap._tcp', name: 'Plug', port: 8080, txt: { md: 'Plug' } };
    const upnp = { location: 'http://10.0.0.7:49152/desc.xml', deviceType: null, manufacturer: 'Acme', modelName: null, friendlyName: null };
    merger.add({ source: 'mdns', ip: '10.0.0.7', mac: MAC_B, hostnames: ['plug.local'], mdns: [mdns], upnp: [upnp] });
    merger.add({ source: 'mdns', ip: '10.0.0.7', mac: MAC_B, hostnames: ['plug.local'], mdns: [{ ...mdns, txt: {} }], upnp: [{ ...upnp, manufacturer: 'Other' }] });
    const [device] = merger.devices();
    expect(device).toMatchObject({ hostnames: ['plug.local'], discoveredBy: ['mdns'] });
    expect(device!.mdns).toHaveLength(1);
    expect(device!.upnp).toHaveLength(1);
  });

  it('lists devices in numeric IP order', () => {
    const merger = new DeviceMerger();
    for (const ip of ['10.0.0.100', '10.0.0.9', '10.0.0.10', '9.255.0.1']) merger.add({ source: 'arp', ip, mac: null });
    expect(merger.devices().map((d) => d.ip)).toEqual(['9.255.0.1', '10.0.0.9', '10.0.0.10', '10.0.0.100']);
    expect(compareIp('10.0.0.2', '10.0.0.10')).toBeLessThan(0);
    expect(compareIp('10.0.0.10', '10.0.0.10')).toBe(0);
  });
});
