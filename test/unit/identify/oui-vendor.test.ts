import { beforeAll, describe, expect, it } from 'vitest';
import type { PluginContext } from '../../../backend/src/core/plugins.js';
import type { Device } from '../../../backend/src/core/types.js';
import { OuiTable } from '../../../backend/src/identify/oui-table.js';
import { createOuiVendorIdentifier } from '../../../backend/src/identify/oui-vendor.js';

const noop = (): void => {};
const log = { debug: noop, info: noop, warn: noop, error: noop, child: () => log };
// The identifier never reads its context: only some fields are filled in, hence the cast.
const ctx = {
  scanId: 'test', signal: new AbortController().signal, log, interfaceName: 'eth0', interfaceAddress: '10.0.0.2',
  targets: ['10.0.0.0/24'], loginChecks: false, progress: noop,
} as unknown as PluginContext;

function device(mac: string | null): Device {
  return {
    mac, ip: '10.0.0.10', randomizedMac: false, vendor: null, hostnames: [], type: 'unknown', model: null,
    mdns: [], upnp: [], services: [], discoveredBy: ['arp'], evidence: [],
  };
}

let identifier: ReturnType<typeof createOuiVendorIdentifier>;
beforeAll(() => {
  identifier = createOuiVendorIdentifier(OuiTable.load());
});
const identify = (mac: string | null) => identifier.identify(device(mac), ctx);

describe('oui-vendor identifier', () => {
  it('has plug-in metadata', () => {
    expect(identifier.id).toBe('oui-vendor');
    expect(identifier.description).toMatch(/IEEE/);
  });

  it('names the registered vendor, with the block as evidence', () => {
    expect(identify('a4:14:37:12:34:56')).toEqual({
      randomizedMac: false,
      vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.',
      evidence: [{ source: 'oui-vendor', detail: 'IEEE MA-L a4:14:37 → Hangzhou Hikvision Digital Technology Co.,Ltd.' }],
    });
    expect(identify('00-11-32-AA-BB-CC')?.vendor).toBe('Synology Incorporated');
    expect(identify('70:b3:d5:f2:f1:23')?.evidence).toEqual([
      { source: 'oui-vendor', detail: 'IEEE MA-S 70:b3:d5:f2:f → TELEPLATFORMS' },
    ]);
  });

  it('flags a locally administered MAC as randomized, with no vendor', () => {
    const patch = {
      randomizedMac: true,
      vendor: null,
      evidence: [{ source: 'oui-vendor', detail: 'locally administered (randomized or virtual) MAC: no vendor' }],
    };
    expect(identify('6a:14:37:12:34:56')).toEqual(patch);
    expect(identify('02:42:ac:11:00:02')).toEqual(patch);
    expect(identify('DE:AD:BE:EF:00:01')).toEqual(patch);
  });

  it('has nothing to say without a usable MAC, for a multicast one, or for an unassigned prefix', () => {
    expect(identify(null)).toBeNull();
    expect(identify('garbage')).toBeNull();
    expect(identify('01:00:5e:00:00:fb')).toBeNull();
    expect(identify('fc:ff:fc:00:00:01')).toBeNull();
  });

  it('does not turn "Private" or the IEEE Registration Authority into a vendor', () => {
    const priv = identify('74:1a:e0:9a:bc:de');
    expect(priv).not.toHaveProperty('vendor');
    expect(priv?.randomizedMac).toBe(false);
    expect(priv?.evidence?.[0]?.detail).toBe('IEEE MA-M 74:1a:e0:9 is registered as private (owner not published): no vendor');
    const ra = identify('70:b3:d5:00:01:23');
    expect(ra).not.toHaveProperty('vendor');
    expect(ra?.evidence?.[0]?.detail).toMatch(/^IEEE MA-L 70:b3:d5 is split by the IEEE into smaller blocks/);
  });
});
