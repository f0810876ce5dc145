// Acceptance of discovery and identification on the lab: every host, its MAC and IEEE vendor, its
// names, mDNS services, UPnP description, IPv6 neighbours and NetBIOS name right; the device type
// right for at least 90 % of the lab, each with reasons; the randomized MAC flagged; and the
// device that changes its address between two scans stays one device (in the scan and in the
// appliance's store).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device, ScanResult } from '../../backend/src/core/types.js';
import { Store } from '../../backend/src/storage/store.js';
import { expected, mamoriInLab, ROOT, type ExpectedDevice } from './lab.js';

interface Truth extends ExpectedDevice {
  hostnames?: string[];
  model?: string | null;
  mdns: Array<{ type: string; name: string; port: number; txt?: Record<string, string> }>;
  upnp: Record<string, string> | null;
  ipv6?: string[];
  netbios?: { name: string; workgroup: string };
  movesTo?: string;
}

const lab = expected();
const truth = lab.devices as Truth[];
const run = promisify(execFile);
let result: ScanResult;

async function scan(): Promise<ScanResult> {
  const out = await mamoriInLab(['scan', '--cidr', lab.subnet, '--json', '-', '--no-login-checks', '--quiet'], 90_000);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as ScanResult;
}

const deviceAt = (r: ScanResult, ip: string): Device | undefined => r.devices.find((d) => d.ip === ip);

/** The EUI-64 interface identifier of a MAC (what Linux derives its link-local address from). */
function eui64LinkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  b[0]! ^= 0x02;
  const groups = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
  return `fe80::${groups.map((g) => g.toString(16)).join(':')}`;
}

describe('discovery and identification on the lab', () => {
  beforeAll(async () => { result = await scan(); });

  it('finds every lab host, and nothing else', () => {
    expect(result.devices.map((d) => d.ip).sort()).toEqual(truth.map((d) => d.ip).sort());
  });

  it.each(truth.map((d) => [d.name, d] as const))('%s: MAC, IEEE vendor, randomized flag', (_name, want) => {
    const device = deviceAt(result, want.ip)!;
    expect(device.mac).toBe(want.mac);
    expect(device.randomizedMac).toBe(want.randomizedMac);
    expect(device.vendor).toBe(want.randomizedMac ? null : want.vendor);
  });

  it('flags the randomized MAC and gives it no vendor', () => {
    const randomized = truth.filter((d) => d.randomizedMac);
    expect(randomized.length).toBeGreaterThan(0);
    for (const want of randomized) expect(deviceAt(result, want.ip)).toMatchObject({ randomizedMac: true, vendor: null });
  });

  it.each(truth.filter((d) => d.hostnames).map((d) => [d.name, d] as const))('%s: host names', (_name, want) => {
    expect([...deviceAt(result, want.ip)!.hostnames].sort()).toEqual([...want.hostnames!].sort());
  });

  it.each(truth.map((d) => [d.name, d] as const))('%s: exactly the advertised mDNS services, TXT included', (_name, want) => {
    const device = deviceAt(result, want.ip)!;
    const key = (s: { type: string; name: string; port: number }): string => `${s.type} ${s.name} ${s.port}`;
    expect(device.mdns.map(key).sort()).toEqual(want.mdns.map(key).sort());
    for (const service of want.mdns) {
      if (service.txt) expect(device.mdns.find((s) => key(s) === key(service))!.txt).toMatchObject(service.txt);
    }
  });

  it.each(truth.map((d) => [d.name, d] as const))('%s: the UPnP description (model included), if it has one', (_name, want) => {
    const device = deviceAt(result, want.ip)!;
    if (!want.upnp) return void expect(device.upnp).toEqual([]);
    expect(device.upnp).toEqual([expect.objectContaining(want.upnp)]);
  });

  it.each(truth.filter((d) => d.model).map((d) => [d.name, d] as const))('%s: model', (_name, want) => {
    expect(deviceAt(result, want.ip)!.model).toBe(want.model);
  });

  it('types at least 90 % of the lab right, and gives reasons for every type it names', () => {
    const misses: string[] = [];
    for (const want of truth) {
      const device = deviceAt(result, want.ip)!;
      if (device.type !== want.type) misses.push(`${want.name}: ${device.type} (expected ${want.type})`);
      if (device.type !== 'unknown') {
        expect(device.typeConfidence, want.name).toBeGreaterThanOrEqual(0.5);
        const reasons = device.evidence.filter((e) => e.source === 'device-type');
        expect(reasons.length, `${want.name} has no reasons`).toBeGreaterThan(0);
        for (const reason of reasons) expect(reason.detailJa, reason.detail).toMatch(/→/);
      }
    }
    const right = truth.length - misses.length;
    expect(right / truth.length, misses.join('; ')).toBeGreaterThanOrEqual(0.9);
  });

  it('shows the reasons named in the issue', () => {
    const speaker = result.devices.find((d) => d.mdns.some((s) => s.type === '_googlecast._tcp'))!;
    expect(speaker.evidence.map((e) => e.detail)).toContainEqual(expect.stringMatching(/^advertises _googlecast\._tcp/));
    const gateway = result.devices.find((d) => d.upnp.some((u) => /InternetGatewayDevice/.test(u.deviceType ?? '')))!;
    expect(gateway.evidence.map((e) => e.detail)).toContainEqual(expect.stringMatching(/^UPnP deviceType urn:schemas-upnp-org:device:InternetGatewayDevice:1/));
  });

  it('joins IPv6 neighbours by MAC: the gateway\'s ULA and link-local, and no address on the wrong device', () => {
    for (const want of truth.filter((d) => d.ipv6)) expect(deviceAt(result, want.ip)!.ipv6).toEqual(expect.arrayContaining(want.ipv6!));
    let linkLocals = 0;
    for (const device of result.devices) {
      for (const address of device.ipv6 ?? []) {
        if (!address.startsWith('fe80:') || device.mac === null) continue;
        linkLocals += 1;
        expect(address, device.ip).toBe(eui64LinkLocal(device.mac)); // the lab's hosts all use EUI-64
      }
    }
    expect(linkLocals).toBeGreaterThanOrEqual(10);
  });

  it('reads NetBIOS names from the real nmbd', () => {
    for (const want of truth.filter((d) => d.netbios)) {
      expect(deviceAt(result, want.ip)!.netbios).toMatchObject(want.netbios!);
    }
  });
});

describe('a device that changes its address between two scans', () => {
  const mover = truth.find((d) => d.movesTo)!;
  let dataDir = '';
  afterAll(async () => {
    await run('bash', [join(ROOT, 'test/lab/lab.sh'), 'move-device', 'back']).catch(() => {});
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is one device at its new address in the second scan, and one device in the store', async () => {
    const before = result ?? await scan();
    expect(deviceAt(before, mover.ip)?.mac).toBe(mover.mac);
    await run('bash', [join(ROOT, 'test/lab/lab.sh'), 'move-device']);
    const after = await scan();
    const sightings = after.devices.filter((d) => d.mac === mover.mac);
    expect(sightings.map((d) => d.ip)).toEqual([mover.movesTo]);
    expect(deviceAt(after, mover.ip)).toBeUndefined(); // its old, cached address is not reported
    expect(sightings[0]!.mdns.map((s) => s.name)).toEqual(mover.mdns.map((s) => s.name));
    expect(sightings[0]!.type).toBe(mover.type);

    dataDir = await mkdtemp(join(tmpdir(), 'mamori-discovery-'));
    const store = await Store.open(dataDir);
    for (const [r, at] of [[before, '2026-01-01T00:00:00.000Z'], [after, '2026-01-01T01:00:00.000Z']] as const) {
      for (const device of r.devices) store.upsertDevice(device, at);
    }
    await store.flush();
    const stored = store.devices().filter((d) => d.mac === mover.mac);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ip: mover.movesTo, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T01:00:00.000Z' });
    expect(store.devices()).toHaveLength(new Set([...before.devices, ...after.devices].map((d) => d.mac)).size);
  });
});
