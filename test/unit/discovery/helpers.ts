// Shared bits of the discovery tests: a context whose log lines can be read back, and a tiny
// loopback UDP responder.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { createLogger } from '../../../backend/src/core/logger.js';
import type { PluginContext } from '../../../backend/src/core/plugins.js';
import { testContext, type TestContextOptions } from '../../helpers/context.js';

export function loggingContext(options: TestContextOptions & { targets?: string[]; interfaceAddress?: string | null } = {}): ReturnType<typeof testContext> & { lines: string[] } {
  const lines: string[] = [];
  const ctx = testContext(options);
  const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return Object.assign(ctx, { log, lines, targets: options.targets ?? ctx.targets, interfaceAddress: options.interfaceAddress ?? ctx.interfaceAddress }) as ReturnType<typeof testContext> & { lines: string[] } & PluginContext;
}

export interface UdpResponder {
  port: number;
  received: Buffer[];
  close(): void;
}

/** Answers each datagram with whatever `answer` returns (nothing, one buffer or several). */
export async function udpResponder(answer: (message: Buffer, rinfo: RemoteInfo) => Buffer[], address = '127.0.0.1', port = 0): Promise<UdpResponder> {
  const socket: Socket = createSocket('udp4');
  const received: Buffer[] = [];
  socket.on('message', (message, rinfo) => {
    received.push(message);
    for (const reply of answer(message, rinfo)) socket.send(reply, rinfo.port, rinfo.address);
  });
  socket.bind(port, address);
  await once(socket, 'listening');
  return { port: socket.address().port, received, close: () => socket.close() };
}
