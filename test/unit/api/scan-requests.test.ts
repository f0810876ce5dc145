// One request schema for scans on both surfaces (api/requests.ts): POST /api/scans/cancel and the
// socket's scan:cancel accept and refuse the same bodies, and both take a scan id. Loopback only;
// no scan is started here.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../backend/src/api/contract.js';
import { removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

let test: TestAppliance;
let session: string;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;

beforeAll(async () => {
  test = await startTestAppliance();
  session = await setUpOwner(test);
  socket = io(test.origin, { transports: ['websocket'], extraHeaders: { cookie: `mamori_session=${session}` }, reconnection: false, forceNew: true, timeout: 3000 });
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
});
afterAll(async () => {
  socket?.close();
  await test?.stop();
  await removeDir(test.dataDir);
});

const rest = async (body: unknown) => {
  const res = await test.request({ method: 'POST', path: '/api/scans/cancel', session, ...(body === undefined ? {} : { body }) });
  return { status: res.status, json: res.json };
};
const overSocket = (body: unknown) => socket.timeout(3000).emitWithAck('scan:cancel', body as { scanId?: string });

describe('cancelling a scan, over REST and over the socket', () => {
  it('takes a scan id on both surfaces (an unknown one cancels nothing)', async () => {
    const id = randomUUID();
    expect(await rest({ scanId: id })).toEqual({ status: 200, json: { cancelled: false } });
    expect(await overSocket({ scanId: id })).toEqual({ ok: true, data: { cancelled: false } });
  });

  it('without an id, cancels whatever runs (nothing here) on both', async () => {
    expect(await rest({})).toEqual({ status: 200, json: { cancelled: false } });
    expect(await rest(undefined)).toEqual({ status: 200, json: { cancelled: false } });
    expect(await overSocket({})).toEqual({ ok: true, data: { cancelled: false } });
  });

  it('refuses the same malformed bodies on both', async () => {
    for (const body of [{ scanId: 'not-a-uuid' }, { scanId: 42 }, { scanId: randomUUID(), extra: true }]) {
      expect((await rest(body)).status, JSON.stringify(body)).toBe(400);
      expect(await overSocket(body), JSON.stringify(body)).toMatchObject({ ok: false });
    }
  });
});
