// Device identity across scans and the owner's corrections, on disk: a randomized-MAC device keeps
// its identity through its mDNS name; a moved device stays one; a correction survives a rescan
// and a restart, and wins over the guess.
import { afterEach, describe, expect, it } from 'vitest';
import type { Device } from '../../../backend/src/core/types.js';
import { deviceIdOf } from '../../../backend/src/core/device-id.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { Store } from '../../../backend/src/storage/store.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';

const dirs: string[] = [];
afterEach(async () => { for (const dir of dirs.splice(0)) await removeDir(dir); });

async function openStore(dir?: string): Promise<{ store: Store; dir: string }> {
  const where = dir ?? await makeTempDir('mamori-identity-');
  if (!dir) dirs.push(where);
  return { store: await Store.open(where), dir: where };
}

const phone = (mac: string, ip: string, hostnames: string[] = ['pixel-7.local']): Device =>
  ({ ...emptyDevice(ip, mac), randomizedMac: true, hostnames, type: 'phone' });

describe('deviceIdOf', () => {
  it('is the MAC for a vendor MAC, the mDNS name for a randomized one, the MAC again when it has no name', () => {
    expect(deviceIdOf(emptyDevice('10.0.0.5', 'a4:14:37:77:00:11'))).toBe('mac-a41437770011');
    expect(deviceIdOf(phone('6a:3f:9c:00:00:01', '10.0.0.9', ['PIXEL-7', 'Pixel-7.local']))).toBe('name-pixel-7.local');
    expect(deviceIdOf(phone('6a:3f:9c:00:00:01', '10.0.0.9', ['KANO-PC']))).toBe('name-kano-pc');
    expect(deviceIdOf(phone('6a:3f:9c:00:00:01', '10.0.0.9', []))).toBe('mac-6a3f9c000001');
    expect(deviceIdOf({ mac: null, ip: '10.0.0.7' })).toBe('ip-10.0.0.7');
  });
});

describe('Store identity', () => {
  it('keeps a phone that rotated its randomized MAC (and address) as one device', async () => {
    const { store } = await openStore();
    store.upsertDevice(phone('6a:3f:9c:00:00:01', '10.0.0.9'), '2026-01-01T00:00:00.000Z');
    store.upsertDevice(phone('7e:11:22:33:44:55', '10.0.0.23'), '2026-01-02T00:00:00.000Z');
    expect(store.devices()).toEqual([expect.objectContaining({
      id: 'name-pixel-7.local', mac: '7e:11:22:33:44:55', ip: '10.0.0.23', firstSeen: '2026-01-01T00:00:00.000Z',
    })]);
  });

  it('files findings of a name-identified device under that device', async () => {
    const { store } = await openStore();
    store.upsertDevice(phone('6a:3f:9c:00:00:01', '10.0.0.9'), '2026-01-01T00:00:00.000Z');
    expect(store.idFor({ mac: '6a:3f:9c:00:00:01', ip: '10.0.0.9' })).toBe('name-pixel-7.local');
    expect(store.idFor({ mac: 'a4:14:37:77:00:11', ip: '10.0.0.11' })).toBe('mac-a41437770011');
  });

  it('keeps a device that moved to another address as one device', async () => {
    const { store } = await openStore();
    const thermostat = { ...emptyDevice('10.77.0.44', '00:1b:c5:07:3a:44'), type: 'thermostat' as const };
    store.upsertDevice(thermostat, '2026-01-01T00:00:00.000Z');
    store.upsertDevice({ ...thermostat, ip: '10.77.0.45' }, '2026-01-01T01:00:00.000Z');
    expect(store.devices()).toEqual([expect.objectContaining({ ip: '10.77.0.45', firstSeen: '2026-01-01T00:00:00.000Z' })]);
  });
});

describe('Store corrections', () => {
  it('lets the owner name and type a device; the correction wins over later guesses, survives a restart, and can be undone', async () => {
    const { store, dir } = await openStore();
    const guessed = { ...emptyDevice('10.77.0.22', '6a:3f:9c:77:00:22'), randomizedMac: true, type: 'unknown' as const };
    const { id } = store.upsertDevice(guessed, '2026-01-01T00:00:00.000Z');
    const corrected = store.correctDevice(id, { name: 'Kids tablet', type: 'phone' }, '2026-01-01T00:05:00.000Z');
    expect(corrected).toMatchObject({ type: 'phone', correction: { name: 'Kids tablet', type: 'phone', guessedType: 'unknown' } });
    expect(corrected!.evidence).toContainEqual(expect.objectContaining({ source: 'owner', detail: 'type set by the owner: phone' }));

    // A rescan guesses again: the owner's word stands, the new guess is kept beside it.
    store.upsertDevice({ ...guessed, type: 'computer' }, '2026-01-01T01:00:00.000Z');
    await store.flush();
    const reopened = (await openStore(dir)).store;
    expect(reopened.devices()).toEqual([expect.objectContaining({ id, type: 'phone', correction: expect.objectContaining({ name: 'Kids tablet', guessedType: 'computer' }) })]);

    // Only the name changes: the type correction stays. Then the type is handed back to the guess.
    expect(reopened.correctDevice(id, { name: 'Tablet' }, '2026-01-02T00:00:00.000Z')).toMatchObject({ type: 'phone', correction: { name: 'Tablet', type: 'phone' } });
    const undone = reopened.correctDevice(id, { type: null }, '2026-01-02T00:01:00.000Z')!;
    expect(undone).toMatchObject({ type: 'computer', correction: { name: 'Tablet', type: null } });
    expect(undone.evidence.some((e) => e.source === 'owner')).toBe(false);
  });

  it('keeps the owner\'s "known" mark through a rescan and a restart; other corrections leave it alone', async () => {
    const { store, dir } = await openStore();
    const plug = { ...emptyDevice('10.77.0.31', 'a4:cf:12:00:00:31'), type: 'plug' as const };
    const { id } = store.upsertDevice(plug, '2026-01-01T00:00:00.000Z');
    expect(store.devices()[0]!.correction).toBeUndefined();
    expect(store.correctDevice(id, { known: true }, '2026-01-01T00:05:00.000Z')).toMatchObject({ type: 'plug', correction: { known: true, name: null, type: null } });
    store.upsertDevice(plug, '2026-01-01T01:00:00.000Z');
    await store.flush();
    const reopened = (await openStore(dir)).store;
    expect(reopened.devices()[0]!.correction).toMatchObject({ known: true });
    expect(reopened.correctDevice(id, { type: 'light' }, '2026-01-02T00:00:00.000Z')!.correction).toMatchObject({ known: true, type: 'light' });
    expect(reopened.correctDevice(id, { known: false }, '2026-01-02T00:01:00.000Z')!.correction).toMatchObject({ known: false, type: 'light' });
  });

  it('answers null for an unknown device', async () => {
    const { store } = await openStore();
    expect(store.correctDevice('mac-000000000000', { type: 'tv' }, '2026-01-01T00:00:00.000Z')).toBeNull();
  });
});
