// A raw-socket telnet client: refuses every option the server proposes, collects the text, and
// runs a login as a small state machine. (telnet-client misreads a failed login that arrives in one
// chunk with the next prompt — see shared/notes/libraries.md — so we classify replies ourselves.)
import type { Socket } from 'node:net';
import { SocketSession } from './socket-session.js';
import { connectTcp, writeAll } from './tcp.js';

const IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240;

export const LOGIN_PROMPT = /(login|user(name)?)\s*:\s*$/i;
export const PASSWORD_PROMPT = /pass(word)?\s*:\s*$/i;
// Failure words, but not a MOTD's "Last failed login: …" / "3 failed login attempts" after a success.
const LOGIN_FAILED = /(incorrect|(login|authentication|auth) fail|denied|invalid|bad password|wrong|not allowed)/i;
const SHELL_PROMPT = /[#$>%]\s*$/;

export interface NegotiationResult {
  text: string;
  /** Option negotiations seen: proof the peer speaks telnet, not just a text protocol. */
  negotiations: number;
  reply: Buffer;
}

/** Splits telnet commands from text and builds the refusals to send back (DO→WONT, WILL→DONT). */
export function parseTelnet(data: Buffer): NegotiationResult {
  const text: number[] = [];
  const reply: number[] = [];
  let negotiations = 0;
  for (let i = 0; i < data.length; i++) {
    const byte = data[i]!;
    if (byte !== IAC) { text.push(byte); continue; }
    const command = data[i + 1];
    if (command === undefined) break;
    if (command === IAC) { text.push(IAC); i += 1; continue; }
    if (command === DO || command === DONT || command === WILL || command === WONT) {
      const option = data[i + 2];
      if (option === undefined) break;
      negotiations += 1;
      if (command === DO) reply.push(IAC, WONT, option);
      if (command === WILL) reply.push(IAC, DONT, option);
      i += 2;
      continue;
    }
    if (command === SB) {
      // Subnegotiation ends at IAC SE; a bare 240 (or an escaped IAC IAC) inside it is data.
      let end = i + 2;
      while (end + 1 < data.length && !(data[end] === IAC && data[end + 1] === SE)) end += data[end] === IAC ? 2 : 1;
      negotiations += 1;
      i = end + 1;
      continue;
    }
    i += 1; // other two-byte commands (NOP, GA, …)
  }
  return { text: Buffer.from(text).toString('latin1'), negotiations, reply: Buffer.from(reply) };
}

export interface TelnetOptions {
  host: string;
  port: number;
  /** Deadline of the connection and of each prompt. */
  timeoutMs: number;
  /**
   * Deadline of the verdict on a password (a shell prompt, failure text, a new login prompt or a
   * close). Real logins delay a failure by seconds (busybox login: 3 s); default timeoutMs.
   */
  answerTimeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

/** One telnet connection: text accumulates in `transcript`; waitFor() resolves on a pattern or deadline. */
export class TelnetSession extends SocketSession {
  transcript = '';
  negotiations = 0;
  #bytes = 0;

  private constructor(socket: Socket, private readonly maxBytes: number) {
    super(socket);
    this.onData('telnet', (chunk: Buffer) => {
      this.#bytes += chunk.length;
      if (this.#bytes > this.maxBytes) return this.close();
      const parsed = parseTelnet(chunk);
      this.negotiations += parsed.negotiations;
      this.transcript += parsed.text;
      if (parsed.reply.length > 0 && !socket.destroyed) socket.write(parsed.reply);
      this.notify();
    });
  }

  static async open(options: TelnetOptions): Promise<TelnetSession> {
    const socket = await connectTcp(options);
    return new TelnetSession(socket, options.maxBytes ?? 64 * 1024);
  }

  /**
   * Waits until the text after `from` matches, the peer closes, or the deadline passes. `echo`, if
   * given, is what we just sent: a server that echoes it back must not be judged by our own words.
   */
  waitFor(pattern: RegExp, from: number, timeoutMs: number, signal?: AbortSignal, echo?: string): Promise<string | null> {
    return this.until(() => {
      let tail = this.transcript.slice(from).replace(/\r/g, '');
      if (echo && tail.trimStart().startsWith(echo)) tail = tail.trimStart().slice(echo.length);
      if (pattern.test(tail)) return tail;
      return this.closed ? null : undefined;
    }, timeoutMs, signal);
  }

  async send(line: string): Promise<void> {
    await writeAll(this.socket, line + '\r\n');
  }
}

export interface TelnetGreeting {
  text: string;
  negotiations: number;
  loginPrompt: boolean;
}

/** Connects and reads what the server says first, answering its negotiation, until a prompt or idle. */
export async function telnetGreeting(options: TelnetOptions): Promise<TelnetGreeting> {
  const session = await TelnetSession.open(options);
  try {
    await session.waitFor(new RegExp(`${LOGIN_PROMPT.source}|${PASSWORD_PROMPT.source}|${SHELL_PROMPT.source}`, 'i'), 0, options.timeoutMs, options.signal);
    const text = session.transcript.replace(/\r/g, '');
    return { text, negotiations: session.negotiations, loginPrompt: LOGIN_PROMPT.test(text.trimEnd()) };
  } finally {
    session.close();
  }
}

export type LoginOutcome =
  | { result: 'accepted'; transcript: string }
  | { result: 'rejected'; transcript: string }
  | { result: 'no-login-prompt' | 'timeout'; transcript: string };

/** Tries one user/password pair. Classifies the reply; never retries on its own. */
export async function telnetLogin(options: TelnetOptions, user: string, password: string): Promise<LoginOutcome> {
  const session = await TelnetSession.open(options);
  const step = options.timeoutMs;
  const answer = Math.max(step, options.answerTimeoutMs ?? step);
  try {
    const atLogin = await session.waitFor(new RegExp(`${LOGIN_PROMPT.source}|${PASSWORD_PROMPT.source}`, 'i'), 0, step, options.signal);
    if (atLogin === null) return { result: 'no-login-prompt', transcript: session.transcript };
    if (!PASSWORD_PROMPT.test(atLogin)) {
      const mark = session.transcript.length;
      await session.send(user);
      // A user name is answered at once by most logins; a loaded board may take longer.
      if (await session.waitFor(PASSWORD_PROMPT, mark, Math.max(step, Math.min(answer, 2 * step)), options.signal) === null) {
        return { result: 'timeout', transcript: session.transcript };
      }
    }
    const mark = session.transcript.length;
    await session.send(password);
    // The verdict is what the server says, however long its failure delay (within `answer`).
    const reply = await session.waitFor(new RegExp(`${LOGIN_FAILED.source}|${LOGIN_PROMPT.source}|${SHELL_PROMPT.source}`, 'i'), mark, answer, options.signal, password);
    if (reply === null) {
      return { result: session.closed ? 'rejected' : 'timeout', transcript: session.transcript };
    }
    if (LOGIN_FAILED.test(reply) || LOGIN_PROMPT.test(reply)) return { result: 'rejected', transcript: session.transcript };
    return { result: 'accepted', transcript: session.transcript };
  } finally {
    session.close();
  }
}
