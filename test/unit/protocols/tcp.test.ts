import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcp, probePort, readSome } from '../../../backend/src/protocols/tcp.js';
import { exchange } from '../../../backend/src/protocols/exchange.js';
import { freePort, LOOPBACK, startSilentServer, startTcpServer, timed, type RunningServer } from '../../helpers/net.js';

const TEN_MB = 10 * 1024 * 1024;

let open: RunningServer;
let flood: RunningServer;
let tarpit: RunningServer;
let chatty: RunningServer;
let small: RunningServer;
let resetter: RunningServer;
let closedPort: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  open = await startTcpServer();
  // Sends 10 MB as fast as the client takes it.
  flood = await startTcpServer((socket) => { socket.end(Buffer.alloc(TEN_MB, 0x41)); });
  tarpit = await startSilentServer();
  // Says one line, then stays open without another word.
  chatty = await startTcpServer((socket) => { socket.write('hello\nworld'); });
  small = await startTcpServer((socket) => { socket.end(Buffer.alloc(1000, 0x42)); });
  // Accepts, then resets the connection (a device at its connection limit).
  resetter = await startTcpServer((socket) => { setTimeout(() => socket.resetAndDestroy(), 20); });
  closedPort = await freePort();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([open, flood, tarpit, chatty, small, resetter].map((s) => s?.close()));
});

async function connect(port: number): Promise<Socket> {
  const socket = await connectTcp({ host: LOOPBACK, port, timeoutMs: 1000 });
  sockets.push(socket);
  return socket;
}

describe('probePort', () => {
  it('reports a listening loopback port as open', async () => {
    const before = open.connections();
    expect(await probePort({ host: LOOPBACK, port: open.port, timeoutMs: 1000 })).toBe('open');
    await expect.poll(() => open.connections()).toBe(before + 1);
  });

  it('reports a port nobody listens on as closed (RST), quickly', async () => {
    const { value, ms } = await timed(() => probePort({ host: LOOPBACK, port: closedPort, timeoutMs: 2000 }));
    expect(value).toBe('closed');
    expect(ms).toBeLessThan(500);
  });

  it('rethrows an abort instead of calling the port filtered', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(probePort({ host: LOOPBACK, port: open.port, timeoutMs: 1000, signal: controller.signal }))
      .rejects.toMatchObject({ code: 'ABORT_ERR' });
  });
});

describe('connectTcp', () => {
  it('rejects with ECONNREFUSED on a closed port', async () => {
    await expect(connectTcp({ host: LOOPBACK, port: closedPort, timeoutMs: 1000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('survives a peer that resets the connection after connect (no uncaught error event)', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => { uncaught.push(error); };
    process.on('uncaughtException', onUncaught);
    try {
      const socket = await connect(resetter.port);
      // Nobody but connectTcp has attached an 'error' listener: the reset must be absorbed.
      // (events.once() would reject on 'error', which is itself a listener: listen to 'close' only.)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        socket.once('close', () => { clearTimeout(timer); resolve(); });
      });
      expect(socket.destroyed).toBe(true);
      // An exchange that writes into the reset gets a rejection or an empty reply, never a crash.
      for (let i = 0; i < 10; i++) {
        const outcome = await exchange({ host: LOOPBACK, port: resetter.port, timeoutMs: 500, waitFirstMs: 5, payload: 'x' })
          .then((r) => r.reply.length, (error: Error) => error.message);
        expect(outcome === 0 || /ECONNRESET|EPIPE|socket closed/.test(String(outcome))).toBe(true);
      }
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});

describe('readSome', () => {
  it('stops at maxBytes against a server sending 10 MB, and does so quickly', async () => {
    const socket = await connect(flood.port);
    const { value, ms } = await timed(() => readSome(socket, { timeoutMs: 5000, maxBytes: 64 * 1024 }));
    expect(value.length).toBe(64 * 1024);
    expect(value.every((b) => b === 0x41)).toBe(true);
    expect(ms).toBeLessThan(1000);
  });

  it('returns everything when the server sends less than maxBytes (the cap is not a fixed read size)', async () => {
    const socket = await connect(small.port);
    const data = await readSome(socket, { timeoutMs: 3000, maxBytes: 64 * 1024 });
    expect(data.length).toBe(1000);
  });

  it('honours timeoutMs against a tarpit: returns an empty buffer, never hangs', async () => {
    const socket = await connect(tarpit.port);
    const { value, ms } = await timed(() => readSome(socket, { timeoutMs: 300, maxBytes: 1024 }));
    expect(value.length).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(800);
  });

  it('returns early once `until` is satisfied', async () => {
    const socket = await connect(chatty.port);
    const { value, ms } = await timed(() => readSome(socket, { timeoutMs: 3000, maxBytes: 1024, until: (d) => d.includes('\n') }));
    expect(value.toString()).toContain('hello\n');
    expect(ms).toBeLessThan(500);
  });

  it('without `until` (or with one never satisfied) waits for the deadline', async () => {
    const socket = await connect(chatty.port);
    const { value, ms } = await timed(() => readSome(socket, { timeoutMs: 400, maxBytes: 1024, until: (d) => d.includes('never') }));
    expect(value.toString()).toBe('hello\nworld');
    expect(ms).toBeGreaterThanOrEqual(390);
  });

  it('stops after idleMs of silence once something arrived', async () => {
    const socket = await connect(chatty.port);
    const { value, ms } = await timed(() => readSome(socket, { timeoutMs: 3000, maxBytes: 1024, idleMs: 100 }));
    expect(value.toString()).toBe('hello\nworld');
    expect(ms).toBeLessThan(600);
  });

  it('returns at once when its signal aborts', async () => {
    const socket = await connect(tarpit.port);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { value, ms } = await timed(() => readSome(socket, { timeoutMs: 5000, maxBytes: 1024, signal: controller.signal }));
    expect(value.length).toBe(0);
    expect(ms).toBeLessThan(500);
  });
});
