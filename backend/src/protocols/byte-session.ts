// A binary conversation on one TCP connection (VNC, ADB, SMB): everything the server sends is kept
// in order, up to a byte cap, and read back in exact lengths under a deadline. Bytes that arrive
// between two reads are never lost (one 'data' listener for the whole session).
import type { Socket } from 'node:net';
import { SocketSession } from './socket-session.js';
import { connectTcp, writeAll, type ConnectOptions } from './tcp.js';

export interface ByteSessionOptions extends ConnectOptions {
  /** Everything the server may send in this session; past it the session is closed. */
  maxBytes: number;
}

export class ByteSession extends SocketSession {
  // Unread bytes as they arrived; joined only when a read takes them (joining on every segment was
  // quadratic: a server sending 1-byte segments, issue #21).
  #chunks: Buffer[] = [];
  #pending = 0;
  #received = 0;
  #overflow = false;

  private constructor(socket: Socket, private readonly maxBytes: number, private readonly signal?: AbortSignal) {
    super(socket);
    this.onData('tcp', (chunk: Buffer) => {
      this.#received += chunk.length;
      if (this.#received > this.maxBytes) {
        this.#overflow = true;
        this.close();
        return;
      }
      this.#chunks.push(chunk);
      this.#pending += chunk.length;
      this.notify();
    });
  }

  static async open(options: ByteSessionOptions): Promise<ByteSession> {
    const socket = await connectTcp(options);
    return new ByteSession(socket, options.maxBytes, options.signal);
  }

  /** True when the server sent more than the session's byte cap (it was closed then). */
  get overflowed(): boolean { return this.#overflow; }

  /** Bytes received and not yet read. */
  get pending(): number { return this.#pending; }

  async write(data: Buffer): Promise<boolean> {
    if (this.closed) return false;
    return writeAll(this.socket, data).then(() => true, () => false);
  }

  /** Exactly `length` bytes, or null when the deadline passes or the connection ends first. */
  read(length: number, timeoutMs: number): Promise<Buffer | null> {
    if (length > this.maxBytes) return Promise.resolve(null);
    return this.until(() => {
      if (this.#pending >= length) return this.#take(length);
      return this.closed ? null : undefined;
    }, timeoutMs, this.signal);
  }

  /** Whatever arrives first (at least one byte), or null. */
  readAvailable(timeoutMs: number): Promise<Buffer | null> {
    return this.until(() => {
      if (this.#pending > 0) return this.#take(this.#pending);
      return this.closed ? null : undefined;
    }, timeoutMs, this.signal);
  }

  /** The first `length` unread bytes (at most #pending), removed from what is kept. */
  #take(length: number): Buffer {
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#pending);
    const rest = all.subarray(length);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#pending = rest.length;
    return all.subarray(0, length);
  }
}
