// readSome against a server that sends its answer one byte per write (issue #21: a 64 KiB answer in
// 1-byte segments cost tens of seconds of CPU, every chunk re-concatenated on every 'data' event).
// Work is counted, not timed: `until` (which sees all the data) may be asked once per doubling of
// the data, and once per UNTIL_QUIET_MS of quiet — never on every segment as before.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcp, readSome, UNTIL_QUIET_MS } from '../../../backend/src/protocols/tcp.js';
import { LOOPBACK, oneByteAtATime, startTcpServer, type RunningServer } from '../../helpers/net.js';

const ANSWER = 64 * 1024;
let trickle: RunningServer;
let headerThenSilence: RunningServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  trickle = await startTcpServer((socket) => oneByteAtATime(socket, Buffer.alloc(ANSWER, 0x61), () => socket.end()));
  // A complete answer (head and an empty body), byte by byte, then the connection stays open.
  headerThenSilence = await startTcpServer((socket) => oneByteAtATime(socket, Buffer.from('HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n'), () => {}));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([trickle?.close(), headerThenSilence?.close()]);
});

async function connect(server: RunningServer): Promise<Socket> {
  const socket = await connectTcp({ host: LOOPBACK, port: server.port, timeoutMs: 3000 });
  sockets.push(socket);
  return socket;
}

describe('readSome on a 1-byte trickle', () => {
  it('reads 64 KiB asking `until` per doubling and per quiet moment, not on every byte', { timeout: 60_000 }, async () => {
    const socket = await connect(trickle);
    let calls = 0;
    const started = Date.now();
    const data = await readSome(socket, { timeoutMs: 50_000, maxBytes: 1024 * 1024, until: () => { calls += 1; return false; } });
    const elapsed = Date.now() - started;
    expect(data.length).toBe(ANSWER);
    expect(data.every((b) => b === 0x61)).toBe(true);
    // log2(64 Ki) doublings, plus at most one ask per quiet moment (the old code: one per segment, ~65,000).
    expect(calls, `${calls} asks in ${elapsed} ms`).toBeLessThanOrEqual(17 + Math.ceil(elapsed / UNTIL_QUIET_MS));
    expect(calls).toBeLessThan(ANSWER / 8);
  });

  it('still stops as soon as `until` holds, though the server keeps the connection open', async () => {
    const socket = await connect(headerThenSilence);
    const data = await readSome(socket, { timeoutMs: 60_000, maxBytes: 64 * 1024, until: (d) => d.includes('\r\n\r\n') });
    expect(data.toString('latin1')).toBe('HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n');
    expect(socket.destroyed).toBe(false);
  });
});
