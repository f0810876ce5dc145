// The device-type identifier: every lab device typed right from the evidence a real scan of the
// lab gathered (recorded), with reasons in English and Japanese; edge cases; and the rules data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IdentityPatch } from '../../../backend/src/core/plugins.js';
import { DEVICE_TYPES, type Device } from '../../../backend/src/core/types.js';
import { createDeviceTypeIdentifier, THRESHOLD } from '../../../backend/src/identify/device-type.js';
import { RULES, type Rule } from '../../../backend/src/identify/fingerprints/index.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { testContext } from '../../helpers/context.js';

const ROOT = join(import.meta.dirname, '../../..');
const recordedDevices = (JSON.parse(readFileSync(join(import.meta.dirname, 'lab-devices.json'), 'utf8')) as { devices: Device[] }).devices;
const truth = (JSON.parse(readFileSync(join(ROOT, 'test/lab/expected.json'), 'utf8')) as { devices: Array<{ ip: string; type: string; model?: string | null; name: string }> }).devices;
const identifier = createDeviceTypeIdentifier();
const identify = (device: Device): IdentityPatch | null => identifier.identify(device, testContext());

function device(fields: Partial<Device>): Device {
  return { ...emptyDevice('10.0.0.9', '02:00:00:00:00:09'), ...fields };
}

describe('device-type on the recorded lab evidence', () => {
  const cases = recordedDevices.flatMap((d) => {
    const want = truth.find((t) => t.ip === d.ip);
    return want ? [[want.name, d, want] as const] : [];
  });

  it.each(cases)('%s', (_name, recordedDevice, want) => {
    const patch = identify(structuredClone(recordedDevice));
    expect(patch?.type ?? 'unknown').toBe(want.type);
    if (want.type !== 'unknown') {
      expect(patch!.typeConfidence).toBeGreaterThanOrEqual(THRESHOLD);
      expect(patch!.typeConfidence).toBeLessThanOrEqual(1);
      expect(patch!.evidence!.some((e) => e.detail.endsWith(`→ ${labelOf(want.type)}`))).toBe(true);
    }
    if (want.model !== undefined && want.model !== null) expect(patch!.model).toBe(want.model);
  });

  it('covers the lab: at least 18 recorded devices have ground truth', () => {
    expect(cases.length).toBeGreaterThanOrEqual(18);
  });
});

describe('device-type reasons and edge cases', () => {
  it('says why, in both languages: "advertises _googlecast._tcp (md=…)" and the UPnP deviceType', () => {
    const speaker = identify(device({ mdns: [{ type: '_googlecast._tcp', name: 'x', port: 8009, txt: { md: 'Google Home Mini' } }] }))!;
    expect(speaker.type).toBe('speaker');
    expect(speaker.evidence).toContainEqual({ source: 'device-type', detail: 'advertises _googlecast._tcp (md=Google Home Mini) → speaker', detailJa: '_googlecast._tcp (md=Google Home Mini) を告知 → スピーカー' });
    const igd = identify(device({ upnp: [{ location: 'http://10.0.0.1/r.xml', deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1', manufacturer: 'AVM', modelName: 'FRITZ!Box 7590', friendlyName: null }] }))!;
    expect(igd).toMatchObject({ type: 'router', model: 'FRITZ!Box 7590' });
    expect(igd.evidence!.map((e) => e.detail)).toContain('UPnP deviceType urn:schemas-upnp-org:device:InternetGatewayDevice:1 (UPnP Internet gateway) → router');
  });

  it.each([
    ['a Chromecast', { mdns: [{ type: '_googlecast._tcp', name: 'c', port: 8009, txt: { md: 'Chromecast' } }] }, 'media-player', 'Chromecast'],
    ['a HomePod', { mdns: [{ type: '_airplay._tcp', name: 'h', port: 7000, txt: { model: 'AudioAccessory5,1' } }] }, 'speaker', 'AudioAccessory5,1'],
    ['a HomeKit outlet', { mdns: [{ type: '_hap._tcp', name: 'o', port: 80, txt: { ci: '7', md: 'Eve Energy' } }] }, 'plug', 'Eve Energy'],
    ['a HomeKit camera (ci=17, not ci=1 or 7)', { mdns: [{ type: '_hap._tcp', name: 'o', port: 80, txt: { ci: '17' } }] }, 'camera', null],
    ['an IPP printer', { mdns: [{ type: '_ipps._tcp', name: 'p', port: 631, txt: { product: '(EPSON EW-M752T Series)' } }] }, 'printer', '(EPSON EW-M752T Series)'],
    ['a Sonos by UPnP', { upnp: [{ location: 'http://x/', deviceType: 'urn:schemas-upnp-org:device:ZonePlayer:1', manufacturer: 'Sonos, Inc.', modelName: 'Sonos One', friendlyName: null }] }, 'speaker', 'Sonos One'],
    ['an RDP workstation', { services: [{ port: 3389, transport: 'tcp' as const, service: 'rdp', encrypted: true, banner: null, product: null }] }, 'computer', null],
  ])('types %s', (_what, fields, type, model) => {
    const patch = identify(device(fields))!;
    expect(patch.type).toBe(type);
    expect(patch.model ?? null).toBe(model);
  });

  it('keeps the NAS a NAS although it also offers raw printing', () => {
    const nas = recordedDevices.find((d) => d.ip === '10.77.0.13')!;
    const patch = identify(structuredClone(nas))!;
    expect(patch.type).toBe('nas');
    // The printing evidence is still shown, for what it is.
    expect(patch.evidence!.some((e) => e.detail.includes('_pdl-datastream._tcp') && e.detail.endsWith('→ printer'))).toBe(true);
  });

  it('names no type on weak evidence alone, but shows it', () => {
    const patch = identify(device({ vendor: 'Espressif Inc.' }))!;
    expect(patch.type).toBeUndefined();
    expect(patch.evidence).toEqual([expect.objectContaining({ detail: 'IEEE vendor Espressif Inc. (Wi-Fi chip common in smart plugs) → smart plug' })]);
  });

  it('returns nothing without evidence (a quiet host stays unknown), and never gives a randomized MAC a vendor-based type', () => {
    expect(identify(device({}))).toBeNull();
    expect(identify(device({ randomizedMac: true, vendor: null }))).toBeNull();
  });

  it('takes a new device family from data alone', () => {
    const robots: Rule[] = [{ when: { mdns: '_amzn-alexa._tcp' }, type: 'appliance', weight: 60 }];
    const patch = createDeviceTypeIdentifier(robots).identify(device({ mdns: [{ type: '_amzn-alexa._tcp', name: 'r', port: 1, txt: {} }] }), testContext());
    expect(patch).toMatchObject({ type: 'appliance', typeConfidence: 0.6 });
  });
});

describe('the rules are sound data', () => {
  it.each(RULES.map((r, i) => [i, r] as const))('rule %i: a known type, a weight in 1..100, stateless patterns', (_i, rule) => {
    expect(DEVICE_TYPES).toContain(rule.type);
    expect(rule.type).not.toBe('unknown');
    expect(rule.weight).toBeGreaterThanOrEqual(1);
    expect(rule.weight).toBeLessThanOrEqual(100);
    const patterns = Object.values(rule.when).flatMap((v) => (v instanceof RegExp ? [v] : typeof v === 'object' && v && 'match' in v && v.match ? [v.match] : []));
    // A /g or /y pattern keeps state between .test() calls and would match every other device.
    for (const pattern of patterns) expect(pattern.flags).not.toMatch(/[gy]/);
    if (rule.note) expect(rule.note.ja.trim()).not.toBe('');
  });

  it('has at least one rule for every device type of the contract', () => {
    const covered = new Set(RULES.map((r) => r.type));
    for (const type of DEVICE_TYPES.filter((t) => t !== 'unknown')) expect(covered.has(type), type).toBe(true);
  });
});

function labelOf(type: string): string {
  return { 'media-player': 'media player', tv: 'TV', plug: 'smart plug', nas: 'NAS' }[type] ?? type;
}
