// The last answer a scan process read from the network, told to the appliance as it happens.
//
// When a scan process dies of a hostile packet, no code of it may run any more (V8's fatal
// out-of-memory abort runs no handler at all), so it cannot say afterwards who sent the packet.
// So before a socket 'data' / 'message' handler runs, the child sends the appliance who the answer
// came from — only when that differs from what it last sent (the same source read again costs
// nothing). `process.send` writes to the IPC pipe at once when the pipe is not full, so the note is
// in the kernel before the handler can crash. "Reading" is cleared lazily, once per turn of the
// event loop after the handlers return: a throw, an endless loop or the heap limit leave it set.
import dgram from 'node:dgram';
import net from 'node:net';
import type { Transport } from '../../core/types.js';

export interface LastAnswer {
  ip: string;
  remotePort: number;
  transport: Transport;
  /** The process was inside the handler of this answer when it died. */
  whileReading: boolean;
}

/** The message a scan process sends when its answer source (or reading state) changes. */
export interface AnswerNote {
  type: 'answer';
  ip: string;
  remotePort: number;
  transport: 'tcp' | 'udp';
  reading: boolean;
}

/** In the host: what the notes received so far say. */
export function lastAnswerOf(note: AnswerNote | null): LastAnswer | null {
  return note ? { ip: note.ip, remotePort: note.remotePort, transport: note.transport, whileReading: note.reading } : null;
}

/**
 * In the scan process only: wraps `emit` of TCP sockets (TLS ones too) and UDP sockets, so every
 * 'data' and 'message' event is noted first. The handlers themselves run unchanged.
 */
export function recordAnswers(send: (note: AnswerNote) => void): void {
  let sent: AnswerNote | null = null;
  let depth = 0;
  let clearing = false;
  const enter = (ip: string | undefined, port: number | undefined, transport: 'tcp' | 'udp'): void => {
    depth += 1;
    const address = ip ?? '?';
    const remotePort = port ?? 0;
    if (sent?.reading && sent.ip === address && sent.remotePort === remotePort && sent.transport === transport) return;
    sent = { type: 'answer', ip: address, remotePort, transport, reading: true };
    send(sent);
  };
  const clearLater = (): void => {
    if (clearing) return;
    clearing = true;
    setImmediate(() => {
      clearing = false;
      if (depth > 0 || !sent?.reading) return;
      sent = { ...sent, reading: false };
      send(sent);
    });
  };
  type Emitter = { emit(event: string | symbol, ...args: unknown[]): boolean; remoteAddress?: string; remotePort?: number };
  const wrap = (proto: Emitter, answerEvent: string, from: (self: Emitter, args: unknown[]) => [string | undefined, number | undefined], transport: 'tcp' | 'udp'): void => {
    const original = proto.emit;
    proto.emit = function emitNoted(this: Emitter, event: string | symbol, ...args: unknown[]): boolean {
      if (event !== answerEvent) return original.call(this, event, ...args);
      const [ip, port] = from(this, args);
      enter(ip, port, transport);
      // Left only when the handlers return: a throw leaves "reading" set, and so does a death inside.
      const handled = original.call(this, event, ...args);
      depth -= 1;
      clearLater();
      return handled;
    };
  };
  wrap(net.Socket.prototype as unknown as Emitter, 'data', (socket) => [socket.remoteAddress, socket.remotePort], 'tcp');
  wrap(dgram.Socket.prototype as unknown as Emitter, 'message', (_socket, args) => {
    const info = args[1] as dgram.RemoteInfo | undefined;
    return [info?.address, info?.port];
  }, 'udp');
}
