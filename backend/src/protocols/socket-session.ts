// What every stateful TCP client here (FTP control, MQTT, telnet) shares: a socket whose end,
// close or error marks the session closed, and waits that end when the data received so far
// satisfies a condition, the deadline passes, or the caller aborts. Subclasses parse what
// arrives and call notify() so pending waits look again.
import type { Socket } from 'node:net';
import { guardInput } from './input-guard.js';
import { UNTIL_QUIET_MS } from './tcp.js';

export abstract class SocketSession {
  #closed = false;
  #waiters: Array<() => void> = [];
  // Waits look at everything received so far. Woken on every segment, a server sending 1-byte
  // segments made that quadratic (issue #21): data wakes them when what arrived has doubled since
  // they last looked, or when the line has been quiet for UNTIL_QUIET_MS; a close wakes them at once.
  #inData = false;
  #received = 0;
  #lookedAt = 0;
  #quiet: NodeJS.Timeout | undefined;

  protected constructor(protected readonly socket: Socket) {
    const onEnd = (): void => { this.#closed = true; this.notify(); };
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', onEnd);
  }

  get closed(): boolean { return this.#closed; }

  close(): void {
    this.#closed = true;
    this.socket.destroy();
    this.notify();
  }

  /**
   * Resolves with the first value `poll` returns other than undefined (it is asked at once and
   * after every notify), or null on the deadline or an abort.
   */
  protected until<T>(poll: () => T | undefined, timeoutMs: number, signal?: AbortSignal): Promise<T | null> {
    return new Promise((resolve) => {
      const check = (): void => {
        const value = poll();
        if (value !== undefined) finish(value);
        else if (signal?.aborted) finish(null);
      };
      const finish = (value: T | null): void => {
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((w) => w !== check);
        signal?.removeEventListener('abort', check);
        resolve(value);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      this.#waiters.push(check);
      signal?.addEventListener('abort', check, { once: true });
      check();
    });
  }

  /**
   * Registers the subclass's reader of incoming data, guarded: whatever it throws is reported with
   * the peer's address and closes the session, never reaching the process (issue #21).
   */
  protected onData(protocol: string, reader: (chunk: Buffer) => void): void {
    const peer = `${this.socket.remoteAddress}:${this.socket.remotePort}`;
    const read = (chunk: Buffer): void => {
      this.#received += chunk.length;
      this.#inData = true;
      try {
        reader(chunk);
      } finally {
        this.#inData = false;
      }
    };
    this.socket.on('data', guardInput(protocol, (_chunk: Buffer) => peer, read, () => this.close()));
  }

  protected notify(): void {
    if (this.#inData && !this.#closed && this.#received < 2 * this.#lookedAt) {
      clearTimeout(this.#quiet);
      this.#quiet = setTimeout(() => this.#wake(), UNTIL_QUIET_MS);
      return;
    }
    this.#wake();
  }

  #wake(): void {
    clearTimeout(this.#quiet);
    this.#lookedAt = this.#received;
    for (const waiter of [...this.#waiters]) waiter();
  }
}
