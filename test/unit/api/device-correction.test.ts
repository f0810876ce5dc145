// PATCH /api/devices/:id through the real appliance on loopback: only with a session and the
// x-mamori header, validated, 404 for an unknown device — and the correction is on disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { Store } from '../../../backend/src/storage/store.js';
import { makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

let test: TestAppliance;
let session: string;
const ID = 'mac-6a3f9c770022';

beforeAll(async () => {
  const dataDir = await makeTempDir('mamori-correction-');
  const seed = await Store.open(dataDir);
  seed.upsertDevice({ ...emptyDevice('10.77.0.22', '6a:3f:9c:77:00:22'), randomizedMac: true }, '2026-01-01T00:00:00.000Z');
  await seed.flush();
  test = await startTestAppliance({ dataDir });
  session = await setUpOwner(test);
});
afterAll(async () => { await test?.stop(); await removeDir(test.dataDir); });

describe('PATCH /api/devices/:id', () => {
  it('needs a session and the x-mamori header', async () => {
    expect((await test.request({ method: 'PATCH', path: `/api/devices/${ID}`, body: { type: 'tv' } })).status).toBe(401);
    expect((await test.request({ method: 'PATCH', path: `/api/devices/${ID}`, body: { type: 'tv' }, session, csrfHeader: false })).status).toBe(403);
  });

  it.each([
    ['an unknown type', { type: 'toaster' }],
    ['an empty body', {}],
    ['an unknown field', { type: 'tv', owner: 'me' }],
    ['a name with control characters', { name: 'a\u0007b' }],
    ['a name that is too long', { name: 'x'.repeat(65) }],
    ['a "known" mark that is not a boolean', { known: 'yes' }],
  ])('refuses %s (400)', async (_what, body) => {
    const response = await test.request({ method: 'PATCH', path: `/api/devices/${ID}`, body, session });
    expect(response.status).toBe(400);
  });

  it('404 for a device it does not know', async () => {
    expect((await test.request({ method: 'PATCH', path: '/api/devices/mac-000000000000', body: { type: 'tv' }, session })).status).toBe(404);
  });

  it('marks a device as known and back; a later name change keeps the mark', async () => {
    const known = await test.request({ method: 'PATCH', path: `/api/devices/${ID}`, body: { known: true }, session });
    expect(known.status).toBe(200);
    expect(known.json).toMatchObject({ id: ID, correction: { known: true, name: null, type: null } });
    const renamed = await test.request({ method: 'PATCH', path: `/api/devices/${ID}`, body: { name: 'Tablet' }, session });
    expect(renamed.json).toMatchObject({ correction: { known: true, name: 'Tablet' } });
    const unknown = await test.request({ method: 'PATCH', path: `/api/devices/${ID}`, body: { known: false, name: null }, session });
    expect(unknown.json).toMatchObject({ correction: { known: false, name: null } });
  });

  it('stores the owner\'s name and type, shows them in the state, and keeps them on disk', async () => {
    const response = await test.request({ method: 'PATCH', path: `/api/devices/${ID}`, body: { name: 'Kids tablet', type: 'phone' }, session });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ id: ID, type: 'phone', correction: { name: 'Kids tablet', type: 'phone', guessedType: 'unknown' } });
    const state = await test.request({ method: 'GET', path: '/api/state', session });
    expect((state.json as { devices: Array<{ id: string; type: string }> }).devices).toContainEqual(expect.objectContaining({ id: ID, type: 'phone' }));
    await test.stop();
    const onDisk = await Store.open(test.dataDir);
    expect(onDisk.devices()).toContainEqual(expect.objectContaining({ id: ID, type: 'phone', correction: expect.objectContaining({ name: 'Kids tablet' }) }));
  });
});
