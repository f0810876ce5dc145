// The Devices screen's rules: the name shown, the "new device" rule, search, filter and sort.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTER, deviceName, isNewDevice, latestScan, matchesQuery, openFindingCounts, visibleDevices,
} from '../../frontend/src/stores/devices';
import type { DeviceFilter } from '../../frontend/src/stores/devices';
import { device, finding, scan } from './fixtures';

const camera = device({
  id: 'cam', ip: '10.77.0.11', mac: '3c:84:6a:01:02:03', vendor: 'Hikvision', model: 'DS-2CD1043', type: 'camera',
  firstSeen: '2026-11-20T00:00:00.000Z', lastSeen: '2026-11-24T02:00:00.000Z',
});
const printer = device({
  id: 'prn', ip: '10.77.0.9', mac: '00:80:77:aa:bb:cc', vendor: 'Brother', type: 'printer', hostnames: ['brn-office.local'],
  firstSeen: '2026-11-24T01:00:05.000Z', lastSeen: '2026-11-24T01:00:05.000Z',
});
const phone = device({
  id: 'phn', ip: '10.77.0.100', mac: 'da:a1:19:00:00:01', randomizedMac: true, vendor: null, type: 'phone',
  firstSeen: '2026-11-24T01:00:09.000Z', lastSeen: '2026-11-24T03:00:00.000Z',
  correction: { name: 'Aiko’s phone', type: null, guessedType: 'phone', at: '2026-11-24T01:10:00.000Z', known: true },
});
const devices = [camera, printer, phone];
const findings = [
  finding({ key: 'a', deviceId: 'cam' }), finding({ key: 'b', deviceId: 'cam' }),
  finding({ key: 'c', deviceId: 'prn' }), finding({ key: 'd', deviceId: 'prn', status: 'fixed' }),
  finding({ key: 'e', deviceId: 'phn', status: 'accepted' }),
];
const scans = [
  scan({ id: 'old', status: 'completed', startedAt: '2026-11-20T00:00:00.000Z' }),
  scan({ id: 'latest', status: 'completed', startedAt: '2026-11-24T01:00:00.000Z' }),
];
const show = (filter: Partial<DeviceFilter>) => visibleDevices(devices, findings, scans, { ...DEFAULT_FILTER, ...filter }).map((d) => d.id);

describe('deviceName', () => {
  it('is the owner’s name, else an announced name, else "<Brand> <type>", else null', () => {
    expect(deviceName(phone)).toBe('Aiko’s phone');
    expect(deviceName(printer)).toBe('brn-office');
    expect(deviceName(camera)).toBe('Hikvision camera');
    expect(deviceName(device({ vendor: 'Panasonic Corporation', type: 'unknown' }))).toBe('Panasonic device');
    expect(deviceName(device({ vendor: null, type: 'unknown' }))).toBeNull();
    expect(deviceName(device({ hostnames: ['x.local'], netbios: { name: 'KANO-PC', workgroup: null, names: [] } }))).toBe('KANO-PC');
  });
});

describe('the "new device" rule', () => {
  const latest = latestScan(scans);
  it('takes the most recently started scan, running or not, in any order', () => {
    expect(latest?.id).toBe('latest');
    expect(latestScan([...scans, scan({ id: 'now', startedAt: '2026-11-25T00:00:00.000Z' })].reverse())?.id).toBe('now');
    expect(latestScan([])).toBeNull();
  });

  it('is new when first seen in the latest scan and not marked known', () => {
    expect(isNewDevice(printer, latest)).toBe(true);
    expect(isNewDevice(camera, latest)).toBe(false); // seen before
    expect(isNewDevice(phone, latest)).toBe(false); // first seen now, but marked known
    expect(isNewDevice({ ...phone, correction: { ...phone.correction!, known: false } }, latest)).toBe(true);
    expect(isNewDevice(printer, null)).toBe(false); // no scan, nothing is new
  });
});

describe('search', () => {
  it.each([
    ['hikvision', ['cam']], ['DS-2CD', ['cam']], ['10.77.0.1', ['cam', 'phn']], ['aiko', ['phn']],
    ['3C:84:6A', ['cam']], ['3c846a', ['cam']], ['3c-84-6a-01', ['cam']], ['brn-office', ['prn']], ['  ', ['prn', 'cam', 'phn']],
    ['zzz', []],
  ])('%s → %o', (query, ids) => {
    expect(show({ query })).toEqual(ids);
  });

  it('matches MAC digits only when the query is nothing but MAC digits', () => {
    expect(matchesQuery(camera, '0102')).toBe(true);
    expect(matchesQuery(camera, 'x0102')).toBe(false);
    expect(matchesQuery(camera, '01 02')).toBe(true);
  });
});

describe('filter', () => {
  it('by type, by open problems, by new / not known / known', () => {
    expect(show({ type: 'printer' })).toEqual(['prn']);
    expect(show({ withFindings: true })).toEqual(['prn', 'cam']); // fixed and accepted do not count
    expect(show({ recognition: 'new' })).toEqual(['prn']);
    expect(show({ recognition: 'unknown' })).toEqual(['prn', 'cam']);
    expect(show({ recognition: 'known' })).toEqual(['phn']);
    expect(show({ type: 'camera', recognition: 'new' })).toEqual([]);
  });

  it('counts only open findings per device', () => {
    expect(Object.fromEntries(openFindingCounts(findings))).toEqual({ cam: 2, prn: 1 });
  });
});

describe('sort', () => {
  it('by IP numerically (10.77.0.9 before 10.77.0.11 before 10.77.0.100)', () => {
    expect(show({ sort: 'ip' })).toEqual(['prn', 'cam', 'phn']);
  });
  it('by the display name', () => {
    expect(show({ sort: 'name' })).toEqual(['phn', 'prn', 'cam']); // "Aiko…" < "brn…" < "Hikvision camera"
  });
  it('by open problems, most first, ties by IP', () => {
    expect(show({ sort: 'findings' })).toEqual(['cam', 'prn', 'phn']);
  });
  it('by last seen, newest first', () => {
    expect(show({ sort: 'lastSeen' })).toEqual(['phn', 'cam', 'prn']);
  });
});
