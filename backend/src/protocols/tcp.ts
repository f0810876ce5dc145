// The socket layer every TCP client builds on: hard timeouts, byte limits, and a socket that is
// destroyed on every path (success, error, timeout, abort).
import { Socket } from 'node:net';
import { guardInput } from './input-guard.js';

export type PortState = 'open' | 'closed' | 'filtered';

export interface ConnectOptions {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Opens a TCP connection; resolves with the socket, or rejects with a classified error. */
export function connectTcp(options: ConnectOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const socket = new Socket();
    let settled = false;
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.removeListener('error', onError);
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        socket.setTimeout(0);
        // A reset after connect (e.g. while a payload is being written) must not become an
        // uncaught 'error' event that kills the process: callers see it through write callbacks
        // and readSome's 'close'.
        socket.on('error', ignoreError);
        resolve(socket);
      }
    };
    const onError = (error: Error): void => finish(error);
    const onAbort = (): void => finish(abortError());
    const timer = setTimeout(() => finish(Object.assign(new Error(`connect timeout after ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.connect({ host: options.host, port: options.port }, () => finish(null));
  });
}

/** Connect scan of one port: open (handshake done), closed (RST), filtered (no answer in time). */
export async function probePort(options: ConnectOptions): Promise<PortState> {
  try {
    const socket = await connectTcp(options);
    socket.destroy();
    return 'open';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ABORT_ERR') throw error;
    // A reset right after the handshake (a server that accepts, then resets) still means open:
    // libuv reports it as a failed connect when the event loop is busy, but a closed port says
    // ECONNREFUSED, never ECONNRESET.
    if (code === 'ECONNRESET') return 'open';
    return code === 'ECONNREFUSED' ? 'closed' : 'filtered';
  }
}

export interface ReadOptions {
  /** Give up after this long in total. */
  timeoutMs: number;
  /** Stop reading after this many bytes; the rest is never buffered. */
  maxBytes: number;
  /**
   * Stop early as soon as the data read so far satisfies this. Asked when the data has doubled
   * since it was last asked, and when the line has been quiet for UNTIL_QUIET_MS: linear work
   * however the answer is cut up (a device sending 1-byte segments, issue #21).
   */
  until?: (data: Buffer) => boolean;
  /** Stop if nothing new arrives for this long (after at least one byte). */
  idleMs?: number;
  signal?: AbortSignal;
}

/** How long the line must be quiet before `until` is asked about data that has not doubled. */
export const UNTIL_QUIET_MS = 5;

/** Reads from a socket under a deadline and a byte cap. Never rejects on timeout: returns what it has. */
export function readSome(socket: Socket, options: ReadOptions): Promise<Buffer> {
  return new Promise((resolve) => {
    // What the device sends is handled under a guard: a throw (in `until`, say) ends this read, not the process.
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    // Chunks are kept as they come and joined only when `until` is asked (or at the end).
    let chunks: Buffer[] = [];
    let total = 0;
    let asked = 0; // bytes the data had when `until` was last asked
    let idleTimer: NodeJS.Timeout | undefined;
    let quietTimer: NodeJS.Timeout | undefined;
    const joined = (): Buffer => {
      if (chunks.length > 1) chunks = [Buffer.concat(chunks, total)];
      return chunks[0] ?? Buffer.alloc(0);
    };
    const ask = (): boolean => {
      clearTimeout(quietTimer);
      asked = total;
      return options.until?.(joined()) === true;
    };
    const done = (): void => {
      clearTimeout(deadline);
      clearTimeout(idleTimer);
      clearTimeout(quietTimer);
      socket.removeListener('data', guarded);
      socket.removeListener('end', done);
      socket.removeListener('close', done);
      socket.removeListener('error', done);
      options.signal?.removeEventListener('abort', done);
      resolve(joined());
    };
    const onData = (chunk: Buffer): void => {
      const room = options.maxBytes - total;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(kept);
      total += kept.length;
      if (total >= options.maxBytes) return done();
      if (options.until) {
        if (total >= 2 * asked) {
          if (ask()) return done();
        } else {
          clearTimeout(quietTimer);
          quietTimer = setTimeout(askWhenQuiet, UNTIL_QUIET_MS);
        }
      }
      if (options.idleMs !== undefined) {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(done, options.idleMs);
      }
    };
    const askWhenQuiet = guardInput('tcp', () => peer, () => { if (ask()) done(); }, done);
    const deadline = setTimeout(done, options.timeoutMs);
    const guarded = guardInput('tcp', (_chunk: Buffer) => peer, onData, done);
    socket.on('data', guarded);
    socket.once('end', done);
    socket.once('close', done);
    socket.once('error', done);
    if (options.signal?.aborted) return done();
    options.signal?.addEventListener('abort', done, { once: true });
  });
}

export function writeAll(socket: Socket, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return reject(new Error('socket closed'));
    socket.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

function ignoreError(): void {}

export function abortError(): Error {
  return Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}
