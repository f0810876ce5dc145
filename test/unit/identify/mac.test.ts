import { describe, expect, it } from 'vitest';
import { isLocallyAdministered, isMulticast, normalizeMac } from '../../../backend/src/identify/mac.js';

describe('normalizeMac', () => {
  it.each([
    ['a4:14:37:01:02:03', 'a4:14:37:01:02:03'],
    ['A4:14:37:0A:0B:0C', 'a4:14:37:0a:0b:0c'],
    ['a4-14-37-01-02-03', 'a4:14:37:01:02:03'],
    ['A4-14-37-01-02-03', 'a4:14:37:01:02:03'],
    ['A414.3701.0203', 'a4:14:37:01:02:03'],
    ['a41437010203', 'a4:14:37:01:02:03'],
    ['  a4:14:37:01:02:03\n', 'a4:14:37:01:02:03'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeMac(input)).toBe(expected);
  });

  it.each([
    '', 'a4:14:37:01:02', 'a4:14:37:01:02:03:04', 'a4:14:37-01:02:03', 'a4:14:37:1:2:3', 'g4:14:37:01:02:03',
    'a4:14:37:01:02:0', 'a414.3701.020', 'a4143701020', 'a4 14 37 01 02 03', 'a4::14:37:01:02:03',
  ])('rejects %j', (input) => {
    expect(normalizeMac(input)).toBeNull();
  });

  it('rejects null and undefined', () => {
    expect(normalizeMac(null)).toBeNull();
    expect(normalizeMac(undefined)).toBeNull();
  });
});

describe('address bits', () => {
  it('locally administered is bit 0x02 of the first octet (unicast: second hex digit 2, 6, A or E)', () => {
    for (const d of '2367abef') expect(isLocallyAdministered(`0${d}:00:00:00:00:01`)).toBe(true);
    for (const d of '014589cd') expect(isLocallyAdministered(`0${d}:00:00:00:00:01`)).toBe(false);
    expect(isLocallyAdministered('6A-11-22-33-44-55')).toBe(true);
    expect(isLocallyAdministered('02:42:ac:11:00:02')).toBe(true); // Docker
    expect(isLocallyAdministered('a4:14:37:01:02:03')).toBe(false);
    expect(isLocallyAdministered('not a mac')).toBe(false);
  });

  it('multicast is bit 0x01 of the first octet', () => {
    expect(isMulticast('01:00:5e:00:00:fb')).toBe(true); // mDNS IPv4
    expect(isMulticast('33:33:00:00:00:01')).toBe(true); // IPv6
    expect(isMulticast('ff:ff:ff:ff:ff:ff')).toBe(true);
    expect(isMulticast('a4:14:37:01:02:03')).toBe(false);
    expect(isMulticast('02:42:ac:11:00:02')).toBe(false);
    expect(isMulticast('junk')).toBe(false);
  });
});
