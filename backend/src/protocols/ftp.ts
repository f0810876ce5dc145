// The FTP control-channel client over a raw socket: read replies (multi-line aware, RFC 959 §4.2),
// send a command, close; and on top of it one USER/PASS login for the credential check. It never
// opens a data connection, so nothing is ever listed, read or written on the server. Every wait
// has a deadline, every reply a byte cap (a hostile server may send a 10 MB "banner"), and the
// socket is destroyed on every path.
import type { Socket } from 'node:net';
import { SocketSession } from './socket-session.js';
import { abortError, connectTcp, writeAll } from './tcp.js';

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

export class FtpControl extends SocketSession {
  #buffer = '';
  #broken = false;

  private constructor(socket: Socket, private readonly options: FtpControlOptions) {
    super(socket);
    const cap = options.maxReplyBytes ?? 8 * 1024;
    this.onData('ftp', (chunk: Buffer) => {
      this.#buffer += chunk.toString('latin1');
      // More unparsed text than one reply may hold: not an FTP server we can talk to.
      if (this.#buffer.length > cap && parseFtpReply(this.#buffer) === null) {
        this.#broken = true;
        this.close();
      }
      this.notify();
    });
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

  /** Sends one command line and waits for its reply (null on deadline, close or garbage). */
  async command(line: string, timeoutMs = this.options.timeoutMs): Promise<FtpReply | null> {
    if (/[\r\n]/.test(line)) throw new Error('an FTP command is one line');
    if (this.closed) return null;
    this.#buffer = '';
    try {
      await writeAll(this.socket, `${line}\r\n`);
    } catch {
      return null;
    }
    return this.#nextReply(timeoutMs);
  }

  /** Says QUIT (without waiting for the answer) and destroys the socket. */
  override close(): void {
    if (!this.closed && !this.socket.destroyed) this.socket.end('QUIT\r\n');
    super.close();
  }

  #nextReply(timeoutMs = this.options.timeoutMs): Promise<FtpReply | null> {
    return this.until(() => {
      const parsed = parseFtpReply(this.#buffer);
      if (parsed) {
        this.#buffer = this.#buffer.slice(parsed.used);
        return parsed.reply;
      }
      return this.closed || this.#broken ? null : undefined;
    }, timeoutMs, this.options.signal);
  }
}

export interface FtpOptions {
  host: string;
  port: number;
  /** Deadline of the connection and the greeting. */
  timeoutMs: number;
  /** Deadline of the answers to USER and PASS: servers delay a 530 (pyftpdlib 3 s, vsftpd 1 s). Default timeoutMs. */
  answerTimeoutMs?: number;
  signal?: AbortSignal;
}

export type FtpOutcome = 'accepted' | 'rejected' | 'error' | 'throttled';

export interface FtpLoginResult {
  outcome: FtpOutcome;
  /** Reply code of the decisive answer (230, 530, 421…), or null. */
  code: number | null;
  /** The server's welcome line (220), for evidence and identification. */
  welcome: string | null;
  detail: string;
}

const THROTTLE = /too many|locked|temporarily|try (again )?later|blocked|banned/i;

const firstLine = (reply: FtpReply): string => `${reply.code} ${reply.text.split('\n')[0]!.trim()}`;

/**
 * One USER/PASS exchange on a fresh control connection. Acceptance is read from the answer to the
 * login (230/202), never from the 220 welcome.
 */
export async function ftpLogin(options: FtpOptions, user: string, password: string): Promise<FtpLoginResult> {
  // Each wait has its own deadline; this is the hard bound of the whole exchange.
  const answerMs = Math.max(options.timeoutMs, options.answerTimeoutMs ?? options.timeoutMs);
  const deadline = Date.now() + options.timeoutMs + answerMs * 2 + 1000;
  let opened: Awaited<ReturnType<typeof FtpControl.open>>;
  try {
    opened = await FtpControl.open(options);
  } catch (error) {
    if (options.signal?.aborted) throw abortError();
    return { outcome: 'error', code: null, welcome: null, detail: (error as Error).message };
  }
  const { control, greeting } = opened;
  const hardTimer = setTimeout(() => control.close(), Math.max(1, deadline - Date.now()));
  const welcome = greeting ? firstLine(greeting) : null;
  try {
    let reply = greeting;
    if (greeting && greeting.code >= 200 && greeting.code < 300) {
      reply = await control.command(`USER ${user}`, answerMs);
      if (reply?.code === 331) reply = await control.command(`PASS ${password}`, answerMs);
      if (reply && reply.code >= 200 && reply.code < 300) return { outcome: 'accepted', code: reply.code, welcome, detail: firstLine(reply) };
    }
    if (options.signal?.aborted) throw abortError();
    if (reply === null) {
      const why = control.broken ? 'the server did not answer like FTP' : control.closed ? 'connection closed without a reply' : 'no reply in time';
      return { outcome: 'error', code: null, welcome, detail: why };
    }
    const message = `${reply.code} ${reply.text}`;
    if (reply.code === 421 || THROTTLE.test(message)) return { outcome: 'throttled', code: reply.code, welcome, detail: message };
    if (reply.code === 530 || reply.code === 430) return { outcome: 'rejected', code: reply.code, welcome, detail: message };
    return { outcome: 'error', code: reply.code, welcome, detail: message };
  } finally {
    clearTimeout(hardTimer);
    control.close();
  }
}
