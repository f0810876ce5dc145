// A minimal FTP control-channel client over a raw socket, for the exposure checks: read replies
// (multi-line aware, RFC 959 §4.2), send a command, close. It never opens a data connection, so
// nothing is ever listed, read or written on the server. Every wait has a deadline, every reply a
// byte cap (a hostile server may send a 10 MB "banner"), and the socket is destroyed on every path.
import type { Socket } from 'node:net';
import { connectTcp, writeAll } from './tcp.js';

export interface FtpReply {
  code: number;
  /** The reply text, lines joined with "\n", without the codes. */
  text: string;
}

export interface FtpControlOptions {
  host: string;
  port: number;
  /** Deadline of each wait (the greeting, then each command's reply). */
  timeoutMs: number;
  /** Cap on one reply; a longer one is treated as garbage. */
  maxReplyBytes?: number;
  signal?: AbortSignal;
}

/** Parses one complete reply at the start of `text`; returns it and how much text it used. */
export function parseFtpReply(text: string): { reply: FtpReply; used: number } | null {
  const first = /^(\d{3})([ -])([^\n]*)\n/.exec(text);
  if (!first) return null;
  const code = first[1]!;
  if (first[2] === ' ') return { reply: { code: Number(code), text: first[3]!.replace(/\r$/, '') }, used: first[0].length };
  // Multi-line: lines until one that starts with the same code and a space.
  const end = new RegExp(`\\n${code} ([^\\n]*)\\n`).exec(text);
  if (!end) return null;
  const used = end.index + end[0].length;
  const lines = text.slice(0, used).split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  const body = lines.map((line, i) => (i === 0 || i === lines.length - 1 ? line.slice(4) : line.replace(new RegExp(`^${code}-`), '')));
  return { reply: { code: Number(code), text: body.join('\n') }, used };
}

export class FtpControl {
  #buffer = '';
  #closed = false;
  #broken = false;
  #waiters: Array<() => void> = [];

  private constructor(private readonly socket: Socket, private readonly options: FtpControlOptions) {
    const cap = options.maxReplyBytes ?? 8 * 1024;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer += chunk.toString('latin1');
      // More unparsed text than one reply may hold: not an FTP server we can talk to.
      if (this.#buffer.length > cap && parseFtpReply(this.#buffer) === null) {
        this.#broken = true;
        this.close();
      }
      this.#notify();
    });
    const onEnd = (): void => { this.#closed = true; this.#notify(); };
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', onEnd);
  }

  /** Connects and reads the greeting (null if none came before the deadline or it was garbage). */
  static async open(options: FtpControlOptions): Promise<{ control: FtpControl; greeting: FtpReply | null }> {
    const socket = await connectTcp(options);
    const control = new FtpControl(socket, options);
    const greeting = await control.#nextReply();
    return { control, greeting };
  }

  /** True when the server sent something that is not an FTP reply within the byte cap. */
  get broken(): boolean { return this.#broken; }

  get closed(): boolean { return this.#closed; }

  /** Sends one command line and waits for its reply (null on deadline, close or garbage). */
  async command(line: string): Promise<FtpReply | null> {
    if (/[\r\n]/.test(line)) throw new Error('an FTP command is one line');
    if (this.#closed) return null;
    this.#buffer = '';
    try {
      await writeAll(this.socket, `${line}\r\n`);
    } catch {
      return null;
    }
    return this.#nextReply();
  }

  /** Says QUIT (without waiting for the answer) and destroys the socket. */
  close(): void {
    if (!this.#closed && !this.socket.destroyed) this.socket.end('QUIT\r\n');
    this.#closed = true;
    this.socket.destroy();
    this.#notify();
  }

  #nextReply(): Promise<FtpReply | null> {
    const { timeoutMs, signal } = this.options;
    return new Promise((resolve) => {
      const check = (): void => {
        const parsed = parseFtpReply(this.#buffer);
        if (parsed) {
          this.#buffer = this.#buffer.slice(parsed.used);
          finish(parsed.reply);
        } else if (this.#closed || this.#broken || signal?.aborted) {
          finish(null);
        }
      };
      const finish = (reply: FtpReply | null): void => {
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((w) => w !== check);
        signal?.removeEventListener('abort', check);
        resolve(reply);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      this.#waiters.push(check);
      signal?.addEventListener('abort', check, { once: true });
      check();
    });
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
