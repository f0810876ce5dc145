// Loopback-only test servers: every one listens on 127.0.0.1, on a port the kernel picks, and
// close() destroys its open connections so afterAll never hangs on a tarpit.
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export const LOOPBACK = '127.0.0.1';

export interface RunningServer {
  readonly port: number;
  /** Connections accepted so far (handy to prove a probe really connected). */
  readonly connections: () => number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 and returns the port the kernel picked. */
export async function listenLoopback(server: Server): Promise<number> {
  server.listen(0, LOOPBACK);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Wraps any node server (net, http, https, tls) with connection tracking and a forceful close. */
export async function track(server: Server): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => {}); // a client that resets must not crash the test process
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenLoopback(server);
  return {
    port,
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      if (!server.listening) return;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A raw TCP server; `onConnection` decides what it says. */
export function startTcpServer(onConnection: (socket: Socket) => void = () => {}): Promise<RunningServer> {
  return track(createServer(onConnection));
}

/** A tarpit: accepts every connection and never sends a byte. */
/** Writes `data` one byte per write, each on its own turn of the event loop (a trickling server). */
export function oneByteAtATime(socket: Socket, data: Buffer, then: () => void): void {
  socket.setNoDelay(true);
  let at = 0;
  const next = (): void => {
    if (socket.destroyed) return;
    if (at >= data.length) return then();
    socket.write(data.subarray(at, at + 1));
    at += 1;
    setImmediate(next);
  };
  next();
}

export function startSilentServer(): Promise<RunningServer> {
  return startTcpServer();
}

/** A real node:http server on loopback. */
export function startHttpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RunningServer> {
  return track(createHttpServer(handler));
}

/** A loopback port that is free right now (nothing listens on it: connecting gets ECONNREFUSED). */
export async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listenLoopback(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Milliseconds taken by `work`, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/** Like timed(), for work expected to reject: gives the error instead. */
export async function timedRejection(work: () => Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const start = performance.now();
  try {
    await work();
  } catch (error) {
    return { error: error as Error, ms: performance.now() - start };
  }
  throw new Error('expected a rejection');
}
