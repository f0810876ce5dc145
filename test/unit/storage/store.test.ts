// The appliance's memory on disk: devices, findings (with status and history) and scans.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanSummary } from '../../../backend/src/api/contract.js';
import type { Device, Finding, ScanResult } from '../../../backend/src/core/types.js';
import { deviceIdOf } from '../../../backend/src/core/device-id.js';
import { Store } from '../../../backend/src/storage/store.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await makeTempDir('mamori-store-');
  dirs.push(dir);
  return dir;
}
afterAll(async () => { for (const dir of dirs) await removeDir(dir); });

function device(overrides: Partial<Device> = {}): Device {
  return {
    mac: '00:11:22:33:44:55', ip: '10.77.0.11', randomizedMac: false, vendor: 'Acme', hostnames: ['cam.local'],
    type: 'camera', model: null, mdns: [], upnp: [],
    services: [{ port: 23, transport: 'tcp', service: 'telnet', encrypted: false, banner: 'login:', product: null }],
    discoveredBy: ['arp'], evidence: [{ source: 'oui', detail: 'Acme' }],
    ...overrides,
  };
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    key: 'cleartext-service:00:11:22:33:44:55:23/tcp', family: 'cleartext-service', service: 'telnet',
    ip: '10.77.0.11', mac: '00:11:22:33:44:55', port: 23, transport: 'tcp', severity: 'high', confidence: 'confirmed',
    title: 'Telnet is open', evidence: 'login prompt', responsible: ['user'], fix: ['Turn telnet off'],
    checkId: 'cleartext-service-telnet',
    ...overrides,
  };
}

function scanSummary(id: string, overrides: Partial<ScanSummary> = {}): ScanSummary {
  return {
    id, status: 'completed', startedAt: '2026-11-24T10:00:00.000Z', finishedAt: '2026-11-24T10:01:00.000Z',
    targets: ['10.77.0.0/24'], loginChecks: false, stats: { addressesProbed: 254, devicesFound: 1, durationMs: 60_000 }, error: null,
    ...overrides,
  };
}

function result(devices: Device[], findings: Finding[], status: ScanResult['scan']['status'] = 'completed'): ScanResult {
  return {
    schema: 'mamori.scan-result/1',
    scan: {
      id: 'scan-x', startedAt: '2026-11-24T11:00:00.000Z', finishedAt: '2026-11-24T11:01:00.000Z', targets: ['10.77.0.0/24'],
      interface: 'eth0', loginChecks: false, stats: { addressesProbed: 254, devicesFound: devices.length, durationMs: 1 }, status,
    },
    devices, findings,
  };
}

describe('Store persistence', () => {
  it('writes devices, findings and scans to state.json and reads them back after reopening', async () => {
    const dir = await tempDir();
    const store = await Store.open(dir);
    store.upsertDevice(device(), '2026-11-24T10:00:00.000Z');
    store.upsertFinding(finding(), '2026-11-24T10:00:30.000Z');
    store.recordScan(scanSummary('scan-1'));
    await store.flush();

    // Really on disk (JSONFilePreset would have used memory under vitest).
    const onDisk = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as Record<string, unknown[]>;
    expect(onDisk['devices']).toHaveLength(1);
    expect(onDisk['findings']).toHaveLength(1);
    expect(onDisk['scans']).toHaveLength(1);
    expect(onDisk['schemaVersion']).toBe(1);

    const reopened = await Store.open(dir);
    expect(reopened.devices()).toEqual(store.devices());
    expect(reopened.devices()[0]).toMatchObject({ id: 'mac-001122334455', ip: '10.77.0.11', firstSeen: '2026-11-24T10:00:00.000Z' });
    expect(reopened.findings()).toEqual(store.findings());
    expect(reopened.findings()[0]).toMatchObject({ deviceId: 'mac-001122334455', status: 'open' });
    expect(reopened.scans()).toEqual([scanSummary('scan-1')]);
  });

  it('writes on its own shortly after a change, without flush()', async () => {
    const dir = await tempDir();
    const store = await Store.open(dir);
    store.upsertDevice(device(), '2026-11-24T10:00:00.000Z');
    await expect(stat(join(dir, 'state.json'))).rejects.toThrow(); // not yet: debounced
    await expect.poll(async () => {
      try { return (JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { devices: unknown[] }).devices.length; } catch { return -1; }
    }, { timeout: 3000, interval: 50 }).toBe(1);
  });

  it('opens an empty directory with empty lists, and creates missing parent directories', async () => {
    const dir = join(await tempDir(), 'deeper', 'still');
    const store = await Store.open(dir);
    expect([store.devices(), store.findings(), store.scans()]).toEqual([[], [], []]);
    await store.flush();
    expect((await stat(join(dir, 'state.json'))).isFile()).toBe(true);
  });
});

describe('devices and scans', () => {
  it('a device is keyed by MAC (or IP without one), keeps firstSeen and is never duplicated', async () => {
    const store = await Store.open(await tempDir());
    store.upsertDevice(device(), 't1');
    const updated = store.upsertDevice(device({ ip: '10.77.0.12', vendor: 'Acme Corp' }), 't2');
    expect(store.devices()).toHaveLength(1);
    expect(updated).toMatchObject({ id: 'mac-001122334455', ip: '10.77.0.12', vendor: 'Acme Corp', firstSeen: 't1', lastSeen: 't2' });
    store.upsertDevice(device({ mac: null, ip: '10.77.0.20' }), 't3');
    expect(store.devices().map((d) => d.id)).toEqual(['mac-001122334455', 'ip-10.77.0.20']);
    expect(deviceIdOf({ mac: null, ip: '10.77.0.20' })).toBe('ip-10.77.0.20');
  });

  it('stores a copy: changing the device afterwards does not change the store', async () => {
    const store = await Store.open(await tempDir());
    const input = device();
    store.upsertDevice(input, 't1');
    input.hostnames.push('changed');
    expect(store.devices()[0]!.hostnames).toEqual(['cam.local']);
  });

  it('recordScan puts new scans first and updates a scan by id', async () => {
    const store = await Store.open(await tempDir());
    store.recordScan(scanSummary('a', { status: 'running', finishedAt: null, stats: null }));
    store.recordScan(scanSummary('b'));
    store.recordScan(scanSummary('a'));
    expect(store.scans().map((s) => [s.id, s.status])).toEqual([['b', 'completed'], ['a', 'completed']]);
  });
});

describe('findings', () => {
  it('upsertFinding keeps firstSeen on update and never duplicates by key', async () => {
    const store = await Store.open(await tempDir());
    const first = store.upsertFinding(finding(), '2026-11-24T10:00:00.000Z');
    expect(first).toMatchObject({ status: 'open', firstSeen: '2026-11-24T10:00:00.000Z', lastSeen: '2026-11-24T10:00:00.000Z' });
    const again = store.upsertFinding(finding({ evidence: 'login prompt, again', ip: '10.77.0.12' }), '2026-11-25T10:00:00.000Z');
    expect(again).toMatchObject({ firstSeen: '2026-11-24T10:00:00.000Z', lastSeen: '2026-11-25T10:00:00.000Z', evidence: 'login prompt, again' });
    expect(store.findings()).toHaveLength(1);
    store.upsertFinding(finding({ key: 'other', port: 2323 }), '2026-11-25T10:00:00.000Z');
    store.upsertFinding(finding(), '2026-11-26T10:00:00.000Z');
    expect(store.findings().map((f) => f.key)).toEqual([finding().key, 'other']);
    expect(store.findings()[0]!.firstSeen).toBe('2026-11-24T10:00:00.000Z');
  });

  it('a resolved finding raised again is open again, with its first sighting kept', async () => {
    const store = await Store.open(await tempDir());
    store.upsertFinding(finding(), 't1');
    store.resolveUnseen(result([device()], []), () => true);
    expect(store.findings()[0]!.status).toBe('resolved');
    expect(store.upsertFinding(finding(), 't3')).toMatchObject({ status: 'open', firstSeen: 't1', lastSeen: 't3' });
  });

  describe('resolveUnseen', () => {
    const camera = device();
    const plug = device({ mac: '00:aa:bb:cc:dd:ee', ip: '10.77.0.12' });
    const telnetOnCamera = finding();
    const credsOnCamera = finding({ key: 'default-credentials:cam', family: 'default-credentials', checkId: 'default-credentials-telnet' });
    const telnetOnPlug = finding({ key: 'cleartext-service:plug', mac: plug.mac, ip: plug.ip });
    const intrusive = new Set(['default-credentials-telnet']);

    async function seeded(): Promise<Store> {
      const store = await Store.open(await tempDir());
      for (const f of [telnetOnCamera, credsOnCamera, telnetOnPlug]) store.upsertFinding(f, 't1');
      return store;
    }

    it('resolves a finding of an examined device whose check ran and did not raise it again', async () => {
      const store = await seeded();
      // Login checks were off: the intrusive check did not run. The plug was not examined.
      const changed = store.resolveUnseen(result([camera], []), (id) => !intrusive.has(id));
      expect(changed.map((f) => f.key)).toEqual([telnetOnCamera.key]);
      const status = Object.fromEntries(store.findings().map((f) => [f.key, f.status]));
      expect(status).toEqual({
        [telnetOnCamera.key]: 'resolved',
        [credsOnCamera.key]: 'open', // its check did not run
        [telnetOnPlug.key]: 'open', // its device was not examined
      });
    });

    it('keeps findings the scan raised again', async () => {
      const store = await seeded();
      expect(store.resolveUnseen(result([camera, plug], [telnetOnCamera, credsOnCamera, telnetOnPlug]), () => true)).toEqual([]);
      expect(store.findings().every((f) => f.status === 'open')).toBe(true);
    });

    it('with login checks on, the intrusive finding not seen again is resolved too', async () => {
      const store = await seeded();
      const changed = store.resolveUnseen(result([camera], []), () => true);
      expect(changed.map((f) => f.key).sort()).toEqual([credsOnCamera.key, telnetOnCamera.key].sort());
    });

    it('does nothing after a cancelled or failed scan', async () => {
      const store = await seeded();
      expect(store.resolveUnseen(result([camera, plug], [], 'cancelled'), () => true)).toEqual([]);
      expect(store.resolveUnseen(result([camera, plug], [], 'failed'), () => true)).toEqual([]);
      expect(store.findings().every((f) => f.status === 'open')).toBe(true);
    });

    it('matches a device without MAC by its IP', async () => {
      const store = await Store.open(await tempDir());
      store.upsertFinding(finding({ key: 'k-ip', mac: null, ip: '10.77.0.30' }), 't1');
      expect(store.resolveUnseen(result([device({ mac: null, ip: '10.77.0.31' })], []), () => true)).toEqual([]);
      expect(store.resolveUnseen(result([device({ mac: null, ip: '10.77.0.30' })], []), () => true).map((f) => f.key)).toEqual(['k-ip']);
    });

    it('the resolved status is persisted', async () => {
      const dir = await tempDir();
      const store = await Store.open(dir);
      store.upsertFinding(telnetOnCamera, 't1');
      store.resolveUnseen(result([camera], []), () => true);
      await store.flush();
      expect((await Store.open(dir)).findings()[0]!.status).toBe('resolved');
    });
  });
});
