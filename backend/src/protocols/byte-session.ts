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
  #buffer: Buffer = Buffer.alloc(0);
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
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
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
  get pending(): number { return this.#buffer.length; }

  async write(data: Buffer): Promise<boolean> {
    if (this.closed) return false;
    return writeAll(this.socket, data).then(() => true, () => false);
  }

  /** Exactly `length` bytes, or null when the deadline passes or the connection ends first. */
  read(length: number, timeoutMs: number): Promise<Buffer | null> {
    if (length > this.maxBytes) return Promise.resolve(null);
    return this.until(() => {
      if (this.#buffer.length >= length) {
        const out = this.#buffer.subarray(0, length);
        this.#buffer = this.#buffer.subarray(length);
        return out;
      }
      return this.closed ? null : undefined;
    }, timeoutMs, this.signal);
  }

  /** Whatever arrives first (at least one byte), or null. */
  readAvailable(timeoutMs: number): Promise<Buffer | null> {
    return this.until(() => {
      if (this.#buffer.length > 0) {
        const out = this.#buffer;
        this.#buffer = Buffer.alloc(0);
        return out;
      }
      return this.closed ? null : undefined;
    }, timeoutMs, this.signal);
  }
}
