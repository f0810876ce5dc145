// Listens for a server-first greeting (telnet, ssh, ftp…): a short wait first, and — when the server
// stayed silent — a longer one in the background, on the same connection, for servers that greet
// late (an embedded box doing a reverse DNS lookup before its banner, a loaded NAS). Bounded in
// time and bytes; the socket is closed on every path.
import type { Socket } from 'node:net';
import { connectTcp, readSome } from './tcp.js';

export interface GreetingOptions {
  host: string;
  port: number;
  /** Connect timeout. */
  timeoutMs: number;
  /** The short wait: what is said within it is "the greeting". */
  firstMs: number;
  /** Keep listening until this long after connecting (≥ firstMs) when the first wait was silent. */
  lateMs: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface GreetingListener {
  /** What the server said within the short wait (empty: silent so far). */
  first: Buffer;
  /** A greeting that came after the short wait, or empty (silent until lateMs, closed, or stopped). */
  late: Promise<Buffer>;
  /** Stops listening now (late resolves with what it has) and closes the connection. */
  stop(): void;
}

const IDLE_MS = 150;

export async function listenForGreeting(options: GreetingOptions): Promise<GreetingListener> {
  const started = Date.now();
  const socket = await connectTcp(options);
  const maxBytes = options.maxBytes ?? 16 * 1024;
  let first: Buffer;
  try {
    first = await readSome(socket, { timeoutMs: options.firstMs, maxBytes, idleMs: IDLE_MS, signal: options.signal });
  } catch (error) {
    socket.destroy();
    throw error;
  }
  if (first.length > 0 || socket.destroyed || socket.readableEnded || options.signal?.aborted) {
    socket.destroy();
    return { first, late: Promise.resolve(Buffer.alloc(0)), stop: () => undefined };
  }
  return listenLate(socket, first, Math.max(0, options.lateMs - (Date.now() - started)), maxBytes, options.signal);
}

function listenLate(socket: Socket, first: Buffer, remainingMs: number, maxBytes: number, signal: AbortSignal | undefined): GreetingListener {
  const stopper = new AbortController();
  const onAbort = (): void => stopper.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const late = readSome(socket, { timeoutMs: remainingMs, maxBytes, idleMs: IDLE_MS, signal: stopper.signal })
    .finally(() => {
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
    });
  return { first, late, stop: () => stopper.abort() };
}
