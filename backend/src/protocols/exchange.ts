// One request/response exchange on a fresh TCP connection: optionally wait for the server to speak
// first, optionally send a payload, read under a deadline and byte cap, always close.
import { connectTcp, readSome, writeAll } from './tcp.js';

export interface ExchangeOptions {
  host: string;
  port: number;
  timeoutMs: number;
  /** Sent after connecting (after `waitFirstMs` of silence, if that is set too). */
  payload?: Buffer | string;
  /** Listen this long for a server-first greeting before sending the payload. */
  waitFirstMs?: number;
  maxBytes?: number;
  idleMs?: number;
  until?: (data: Buffer) => boolean;
  signal?: AbortSignal;
}

export interface ExchangeResult {
  /** What the server said before we sent anything (server-first protocols: telnet, ssh, ftp…). */
  greeting: Buffer;
  /** What it answered to the payload. */
  reply: Buffer;
}

export async function exchange(options: ExchangeOptions): Promise<ExchangeResult> {
  const socket = await connectTcp(options);
  const maxBytes = options.maxBytes ?? 16 * 1024;
  try {
    let greeting: Buffer = Buffer.alloc(0);
    if (options.waitFirstMs) {
      greeting = await readSome(socket, { timeoutMs: options.waitFirstMs, maxBytes, idleMs: 150, signal: options.signal });
      if (greeting.length > 0 || options.payload === undefined) return { greeting, reply: Buffer.alloc(0) };
    }
    if (options.payload === undefined || socket.destroyed) return { greeting, reply: Buffer.alloc(0) };
    await writeAll(socket, options.payload);
    const reply = await readSome(socket, {
      timeoutMs: options.timeoutMs,
      maxBytes,
      idleMs: options.idleMs ?? 300,
      until: options.until,
      signal: options.signal,
    });
    return { greeting, reply };
  } finally {
    socket.destroy();
  }
}
