// "Forget this device": the device leaves the inventory, its open (and accepted) findings are
// resolved with the reason kept in their history, past scans stay; seen again, it is back as new.
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredFinding } from '../../../backend/src/api/contract.js';
import type { Device, Finding } from '../../../backend/src/core/types.js';
import {
  afterSighting, closeForForgottenDevice, DEVICE_FORGOTTEN_REASON, withStatus,
} from '../../../backend/src/storage/finding-lifecycle.js';
import { Store } from '../../../backend/src/storage/store.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';

const dirs: string[] = [];
async function openStore(): Promise<Store> {
  const dir = await makeTempDir('mamori-forget-');
  dirs.push(dir);
  return Store.open(dir);
}
afterAll(async () => { for (const dir of dirs) await removeDir(dir); });

const CAMERA_MAC = '00:11:22:33:44:55';
const CAMERA_ID = 'mac-001122334455';
const T0 = '2026-11-24T10:00:00.000Z';
const FORGET_AT = new Date('2026-11-25T09:00:00.000Z');
const LATER = '2026-11-26T10:00:00.000Z';

function device(overrides: Partial<Device> = {}): Device {
  return {
    mac: CAMERA_MAC, ip: '10.77.0.11', randomizedMac: false, vendor: 'Acme', hostnames: ['cam.local'],
    type: 'camera', model: null, mdns: [], upnp: [],
    services: [{ port: 23, transport: 'tcp', service: 'telnet', encrypted: false, banner: 'login:', product: null }],
    discoveredBy: ['arp'], evidence: [{ source: 'oui', detail: 'Acme' }],
    ...overrides,
  };
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    key: `cleartext-service:${CAMERA_MAC}:23/tcp`, family: 'cleartext-service', service: 'telnet',
    ip: '10.77.0.11', mac: CAMERA_MAC, port: 23, transport: 'tcp', severity: 'high', confidence: 'confirmed',
    title: 'Telnet is open', evidence: 'login prompt', responsible: ['user'], fix: ['Turn telnet off'],
    checkId: 'cleartext-service-telnet',
    ...overrides,
  };
}

function stored(status: StoredFinding['status']): StoredFinding {
  const open: StoredFinding = afterSighting(undefined, { ...finding(), deviceId: CAMERA_ID, status: 'open', firstSeen: T0, lastSeen: T0 }, new Date(T0));
  if (status === 'open') return open;
  return withStatus(open, { status, at: T0, by: 'owner', reason: 'test', ...(status === 'accepted' ? { until: '2027-01-01T00:00:00.000Z' } : {}) });
}

describe('closeForForgottenDevice (pure)', () => {
  it('resolves an open finding with the reason, who and when, history kept', () => {
    const closed = closeForForgottenDevice(stored('open'), FORGET_AT, 'owner')!;
    expect(closed.status).toBe('resolved');
    expect(closed.history).toHaveLength(2);
    expect(closed.history?.[0]).toMatchObject({ status: 'open', at: T0 });
    expect(closed.history?.at(-1)).toEqual({ status: 'resolved', at: FORGET_AT.toISOString(), by: 'owner', reason: DEVICE_FORGOTTEN_REASON });
  });

  it('resolves an accepted risk too (its expiry would otherwise reopen it on a device no longer listed)', () => {
    const closed = closeForForgottenDevice(stored('accepted'), FORGET_AT, 'owner')!;
    expect(closed.status).toBe('resolved');
    expect(closed.acceptedUntil).toBeUndefined();
    expect(closed.history?.map((h) => h.status)).toEqual(['open', 'accepted', 'resolved']);
  });

  it.each(['fixed', 'resolved', 'false-positive'] as const)('leaves a %s finding as it is', (status) => {
    expect(closeForForgottenDevice(stored(status), FORGET_AT, 'owner')).toBeNull();
  });

  it('a later sighting reopens it, saying its device had been forgotten', () => {
    const closed = closeForForgottenDevice(stored('open'), FORGET_AT, 'owner')!;
    const seen: StoredFinding = { ...finding(), deviceId: CAMERA_ID, status: 'open', firstSeen: LATER, lastSeen: LATER };
    const back = afterSighting(closed, seen, new Date(LATER));
    expect(back.status).toBe('open');
    expect(back.history?.at(-1)).toMatchObject({ status: 'open', at: LATER, by: 'system', reason: 'seen again by a scan after its device was forgotten' });
    expect(back.history?.map((h) => h.status)).toEqual(['open', 'resolved', 'open']);
  });
});

describe('Store.forgetDevice', () => {
  async function seeded(): Promise<Store> {
    const store = await openStore();
    store.upsertDevice(device(), T0);
    store.upsertDevice(device({ mac: '00:11:22:33:44:66', ip: '10.77.0.12' }), T0);
    store.correctDevice(CAMERA_ID, { name: 'Old porch camera', known: true }, T0);
    store.upsertFinding(finding(), T0);
    store.upsertFinding(finding({ key: `cleartext-service:${CAMERA_MAC}:21/tcp`, port: 21, service: 'ftp' }), T0);
    store.upsertFinding(finding({ key: 'cleartext-service:00:11:22:33:44:66:23/tcp', ip: '10.77.0.12', mac: '00:11:22:33:44:66' }), T0);
    store.recordScan({ id: 'scan-1', status: 'completed', startedAt: T0, finishedAt: T0, targets: ['10.77.0.0/24'], loginChecks: false, stats: null, error: null });
    return store;
  }

  it('takes the device out of the inventory and resolves its open findings, nothing else', async () => {
    const store = await seeded();
    const forgotten = store.forgetDevice(CAMERA_ID, FORGET_AT, 'owner');
    expect(forgotten?.device).toMatchObject({ id: CAMERA_ID, ip: '10.77.0.11', mac: CAMERA_MAC });
    expect(forgotten?.closed.map((f) => f.port).sort()).toEqual([21, 23]);
    expect(store.devices().map((d) => d.id)).toEqual(['mac-001122334466']);
    const mine = store.findings().filter((f) => f.deviceId === CAMERA_ID);
    expect(mine).toHaveLength(2);
    for (const f of mine) expect(f).toMatchObject({ status: 'resolved', history: expect.arrayContaining([expect.objectContaining({ reason: DEVICE_FORGOTTEN_REASON, by: 'owner' })]) });
    expect(store.findings().find((f) => f.deviceId === 'mac-001122334466')?.status).toBe('open');
    // The history stays: scans are not touched.
    expect(store.scans().map((s) => s.id)).toEqual(['scan-1']);
  });

  it('survives a restart (written to disk like every other change)', async () => {
    const store = await seeded();
    store.forgetDevice(CAMERA_ID, FORGET_AT, 'owner');
    await store.flush();
    const dir = dirs.at(-1)!;
    const reopened = await Store.open(dir);
    expect(reopened.devices().some((d) => d.id === CAMERA_ID)).toBe(false);
    expect(reopened.findings().filter((f) => f.deviceId === CAMERA_ID).every((f) => f.status === 'resolved')).toBe(true);
  });

  it('answers null for a device it does not know, and changes nothing', async () => {
    const store = await seeded();
    const before = JSON.stringify({ d: store.devices(), f: store.findings() });
    expect(store.forgetDevice('mac-0000000000aa', FORGET_AT, 'owner')).toBeNull();
    expect(JSON.stringify({ d: store.devices(), f: store.findings() })).toBe(before);
  });

  it('an accepted risk of a forgotten device does not come back when its acceptance expires', async () => {
    const store = await seeded();
    store.changeFindingStatus(finding().key, { status: 'accepted', at: T0, by: 'owner', reason: 'old camera', until: '2026-12-01T00:00:00.000Z' });
    store.forgetDevice(CAMERA_ID, FORGET_AT, 'owner');
    expect(store.reopenExpired(new Date('2027-01-01T00:00:00.000Z'))).toEqual([]);
    expect(store.findings().find((f) => f.key === finding().key)?.status).toBe('resolved');
  });

  it('seen again by a later scan: back as a new device (no old name), its finding open again', async () => {
    const store = await seeded();
    store.forgetDevice(CAMERA_ID, FORGET_AT, 'owner');
    const back = store.upsertDevice(device(), LATER);
    expect(back).toMatchObject({ id: CAMERA_ID, firstSeen: LATER, lastSeen: LATER });
    expect(back.correction).toBeUndefined();
    const reopened = store.upsertFinding(finding(), LATER);
    expect(reopened.status).toBe('open');
    expect(reopened.history?.map((h) => h.reason ?? null)).toEqual([null, DEVICE_FORGOTTEN_REASON, 'seen again by a scan after its device was forgotten']);
    // The port-21 finding the scan did not raise stays resolved.
    expect(store.findings().find((f) => f.port === 21)?.status).toBe('resolved');
  });
});
