// The appliance inside the lab's scanner namespace: the owner password is set through the API, a
// scan is started over socket.io, a second one is queued behind it, and the scan is cancelled
// after the first device event. `scan:finished` (cancelled) must arrive within 1 s of the cancel,
// the queued scan must not run, and the store must keep the devices found before the cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ScanSummary, ServerToClientEvents, Snapshot, StoredDevice } from '../../backend/src/api/contract.js';
import { send, sessionFrom } from '../helpers/appliance.js';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { expected } from './lab.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const lab = expected();
let appliance: RunningAppliance;
let socket: Client | undefined;

beforeAll(async () => { appliance = await startLabAppliance(lab.subnet); });
afterAll(async () => {
  socket?.close();
  await appliance?.stop();
});

describe('appliance scan queue and cancel on the lab', () => {
  it('cancels within 1 s of the first device, keeps what was found, and drops the queue', async () => {
    const setup = await send({ url: appliance.url, method: 'POST', path: '/api/setup', body: { token: appliance.setupToken, password: 'correct horse battery staple' } });
    expect(setup.status).toBe(204);
    const session = sessionFrom(setup)!;
    const cookie = `mamori_session=${session}`;

    socket = io(appliance.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true, timeout: 5000 });
    await new Promise<Snapshot>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no snapshot within 5 s')), 5000);
      socket!.once('snapshot', (s) => { clearTimeout(timer); resolve(s); });
      socket!.once('connect_error', (e) => { clearTimeout(timer); reject(e); });
    });

    const found: StoredDevice[] = [];
    const started: ScanSummary[] = [];
    let cancelAt = 0;
    const finished = new Promise<{ scan: ScanSummary; at: number }>((resolve) => {
      socket!.on('scan:finished', (scan) => resolve({ scan, at: Date.now() }));
    });
    const cancelled = new Promise<Ack<{ cancelled: boolean }>>((resolve) => {
      socket!.on('device:found', (device) => {
        found.push(device);
        if (cancelAt !== 0) return;
        cancelAt = Date.now();
        void socket!.timeout(2000).emitWithAck('scan:cancel', {}).then(resolve);
      });
    });
    socket.on('scan:started', (scan) => started.push(scan));

    const first = await socket.timeout(5000).emitWithAck('scan:start', {});
    expect(first).toMatchObject({ ok: true, data: { queued: false } });
    const second = await socket.timeout(5000).emitWithAck('scan:start', {});
    expect(second).toMatchObject({ ok: true, data: { queued: true } });

    expect(await cancelled).toEqual({ ok: true, data: { cancelled: true } });
    const { scan, at } = await finished;
    const stopMs = at - cancelAt;
    process.stdout.write(`cancel → scan:finished in ${stopMs} ms; ${found.length} device events before\n`);
    expect(scan.id).toBe((first as { data: { scanId: string } }).data.scanId);
    expect(scan.status).toBe('cancelled');
    expect(stopMs).toBeLessThan(1000);

    // The queued scan was dropped with the cancel: nothing else starts.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(started.map((s) => s.id)).toEqual([scan.id]);

    const state = (await send({ url: appliance.url, path: '/api/state', session })).json as Snapshot;
    expect(found.length).toBeGreaterThan(0);
    const labIps = new Set(lab.devices.map((d) => d.ip));
    for (const device of found) {
      expect(labIps.has(device.ip)).toBe(true);
      expect(state.devices.map((d) => d.id)).toContain(device.id);
    }
    expect(state.scans[0]).toMatchObject({ id: scan.id, status: 'cancelled' });
    expect(state.running).toBeNull();
    expect(state.queued).toEqual([]);
  });
});
