// The last answer a scan worker read from the network, kept in memory the appliance shares with it.
//
// When a worker dies of a hostile packet, no code of it runs any more (a V8 out-of-memory abort
// runs no handler at all), so it cannot say who sent the packet. So the worker writes, before every
// socket 'data' / 'message' handler runs, who the answer came from into a SharedArrayBuffer; the
// appliance reads it after the death. "In a handler" stays set when the handler never returns (a
// throw, an endless loop, the heap limit): then that answer is what the worker was reading.
import dgram from 'node:dgram';
import net from 'node:net';

/** Int32 slots, then the address bytes. */
const SEQ = 0;
const IN_HANDLER = 1;
const REMOTE_PORT = 2;
const TRANSPORT = 3;
const ADDRESS_LENGTH = 4;
const HEADER_BYTES = 5 * 4;
const ADDRESS_BYTES = 64;
export const BREADCRUMB_BYTES = HEADER_BYTES + ADDRESS_BYTES;

export interface LastAnswer {
  ip: string;
  remotePort: number;
  transport: 'tcp' | 'udp';
  /** The worker was inside the handler of this answer when it died. */
  whileReading: boolean;
}

export function createBreadcrumb(): SharedArrayBuffer {
  return new SharedArrayBuffer(BREADCRUMB_BYTES);
}

/** Read by the host after the worker is gone; null when the worker never read an answer. */
export function readBreadcrumb(buffer: SharedArrayBuffer): LastAnswer | null {
  const header = new Int32Array(buffer, 0, 5);
  if (header[SEQ] === 0) return null;
  const length = Math.min(header[ADDRESS_LENGTH] ?? 0, ADDRESS_BYTES);
  const ip = new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, length));
  return { ip, remotePort: header[REMOTE_PORT] ?? 0, transport: header[TRANSPORT] === 2 ? 'udp' : 'tcp', whileReading: header[IN_HANDLER] === 1 };
}

/**
 * In the worker only: wraps `emit` of TCP sockets (TLS ones too) and UDP sockets, so every 'data'
 * and 'message' event is noted first. The handlers themselves run unchanged.
 */
export function recordAnswersInto(buffer: SharedArrayBuffer): void {
  const header = new Int32Array(buffer, 0, 5);
  const address = new Uint8Array(buffer, HEADER_BYTES, ADDRESS_BYTES);
  const encoder = new TextEncoder();
  const note = (ip: string | undefined, port: number | undefined, transport: 1 | 2): void => {
    const { written } = encoder.encodeInto(ip ?? '?', address);
    header[ADDRESS_LENGTH] = written;
    header[REMOTE_PORT] = port ?? 0;
    header[TRANSPORT] = transport;
    header[SEQ] = (header[SEQ]! + 1) | 1;
    header[IN_HANDLER] = 1;
  };
  type Emitter = { emit(event: string | symbol, ...args: unknown[]): boolean; remoteAddress?: string; remotePort?: number };
  const wrap = (proto: Emitter, answerEvent: string, from: (self: Emitter, args: unknown[]) => [string | undefined, number | undefined], transport: 1 | 2): void => {
    const original = proto.emit;
    proto.emit = function emitNoted(this: Emitter, event: string | symbol, ...args: unknown[]): boolean {
      if (event !== answerEvent) return original.call(this, event, ...args);
      const [ip, port] = from(this, args);
      note(ip, port, transport);
      // Cleared only when the handlers return: a throw leaves it set, and so does a death inside.
      const handled = original.call(this, event, ...args);
      header[IN_HANDLER] = 0;
      return handled;
    };
  };
  wrap(net.Socket.prototype as unknown as Emitter, 'data', (socket) => [socket.remoteAddress, socket.remotePort], 1);
  wrap(dgram.Socket.prototype as unknown as Emitter, 'message', (_socket, args) => {
    const info = args[1] as dgram.RemoteInfo | undefined;
    return [info?.address, info?.port];
  }, 2);
}
