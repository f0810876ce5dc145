// One name per device (identify/display-name.ts), walked over the devices as the lab scan saw them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Device } from '../../../backend/src/core/types.js';
import { shortBrand } from '../../../backend/src/identify/brands.js';
import { chooseDeviceName, cleanName, deviceBrand, englishDisplayName } from '../../../backend/src/identify/display-name.js';

const lab = JSON.parse(readFileSync(new URL('./lab-devices.json', import.meta.url), 'utf8')) as { devices: Array<Omit<Device, 'type'>> };
// The recording has the type guess removed; the names below are what a household should read.
const TYPES: Record<string, Device['type']> = { '10.77.0.12': 'hub', '10.77.0.32': 'router', '10.77.0.51': 'camera', '10.77.0.21': 'unknown' };
const labDevice = (ip: string): Device => {
  const found = lab.devices.find((d) => d.ip === ip);
  if (!found) throw new Error(`no lab device ${ip}`);
  return { ...found, type: TYPES[ip] ?? 'unknown' } as Device;
};

describe('display name of every lab device', () => {
  it.each([
    ['10.77.0.1', 'Aterm WX3600HP', 'upnp', 'NEC'],
    ['10.77.0.11', 'cam-frontdoor', 'banner', 'Hikvision'],
    ['10.77.0.12', 'Xiaomi smart-home hub', 'brand-type', 'Xiaomi'],
    ['10.77.0.13', 'DiskStation', 'mdns', 'Synology'],
    ['10.77.0.14', 'Living Room speaker', 'mdns', 'Google'],
    ['10.77.0.15', 'secure-hub', 'certificate', 'ASUS'],
    ['10.77.0.16', 'Kitchen Plug', 'upnp', 'Sonoff'],
    ['10.77.0.21', 'Panasonic device', 'brand-type', 'Panasonic'],
    ['10.77.0.22', '10.77.0.22', 'ip', null],
    ['10.77.0.32', 'ASUS router', 'brand-type', 'ASUS'],
    ['10.77.0.41', 'Brother HL-L2350DW series', 'mdns', 'Brother'],
    ['10.77.0.42', 'Living Room', 'mdns', 'Apple'],
    ['10.77.0.43', 'Philips hue', 'upnp', 'Philips'],
    ['10.77.0.46', 'KANO-PC', 'netbios', 'Kano'],
    ['10.77.0.51', 'Reolink camera', 'brand-type', 'Reolink'],
    ['10.77.0.52', 'homeassistant', 'certificate', 'Nabu Casa'],
  ])('%s is "%s" (from %s)', (ip, name, source, brand) => {
    const device = labDevice(ip);
    expect(englishDisplayName(device)).toBe(name);
    expect(chooseDeviceName(device).source).toBe(source);
    expect(deviceBrand(device)).toBe(brand);
  });

  it('is never the bare IP when anything better is known', () => {
    for (const d of lab.devices) {
      const device = labDevice(d.ip);
      if (device.vendor || device.upnp.length || device.mdns.length || device.hostnames.length) expect(englishDisplayName(device)).not.toBe(device.ip);
    }
  });
});

describe('choosing among names', () => {
  const camera = labDevice('10.77.0.11');
  it('puts the owner’s name first', () => {
    expect(chooseDeviceName({ ...camera, correction: { name: 'Front-door camera' } })).toMatchObject({ ownName: 'Front-door camera', source: 'owner', brand: 'Hikvision' });
    expect(chooseDeviceName({ ...camera, correction: { name: '  ' } }).source).toBe('banner');
  });
  it('prefers the UPnP friendly name to an mDNS or host name', () => {
    const device = { ...camera, services: [], hostnames: ['plug.local'], upnp: [{ location: 'x', deviceType: null, manufacturer: 'Sonoff', modelName: null, friendlyName: 'Kitchen Plug' }] };
    expect(englishDisplayName(device)).toBe('Kitchen Plug');
  });
  it('reads SNMP sysName before banners', () => {
    const services = [...camera.services, { port: 161, transport: 'udp' as const, service: 'snmp', encrypted: false, banner: null, product: null, snmp: { version: 'v2c' as const, sysDescr: null, sysObjectID: null, sysName: 'cam-attic' } }];
    expect(englishDisplayName({ ...camera, services })).toBe('cam-attic');
  });
  it('refuses generic, machine-made and address-like names', () => {
    for (const raw of ['localhost', 'IPC', '10.0.0.1', '5f2c1a8e-7716-4c2a-9f00-2cf432770016', 'a4143777001a', '', 'fe80::1'])
      expect(cleanName(raw, '10.0.0.1')).toBeNull();
    expect(cleanName('diskstation.local')).toBe('diskstation');
    expect(cleanName('Philips hue (10.77.0.43)')).toBe('Philips hue');
    expect(cleanName('nas.example.net')).toBe('nas');
  });
  it('says the type alone when the maker is unknown', () => {
    expect(englishDisplayName({ ...labDevice('10.77.0.22'), type: 'phone' })).toBe('Phone');
  });
});

describe('short brands', () => {
  it.each([
    ['Hangzhou Hikvision Digital Technology Co.,Ltd.', 'Hikvision'], ['ASUSTek COMPUTER INC.', 'ASUS'],
    ['XIAOMI Electronics,CO.,LTD', 'Xiaomi'], ['Synology Incorporated', 'Synology'], ['Google, Inc.', 'Google'],
    ['Espressif Inc.', 'Espressif'], ['Acme Widgets Co., Ltd.', 'Acme Widgets'], ['Zhejiang Dahua Technology Co., Ltd.', 'Dahua'],
  ])('%s → %s', (ieee, brand) => expect(shortBrand(ieee)).toBe(brand));
  it('is null without a name', () => expect(shortBrand(null)).toBeNull());
});
