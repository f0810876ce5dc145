// Slow services are named, not lost: a server that greets after the short greeting wait is still
// named by its greeting (the first connection keeps listening while the hellos are tried); one
// that greets only after the background wait stays `unknown` and the result says what was tried.
// Decided on events, not on tight clocks: each server records whether our first connection was
// still open when it greeted, and every wait is seconds apart from the next.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LATE_GREETING_MS, serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { loopbackDevice, testContext } from '../../helpers/context.js';
import { startTcpServer, type RunningServer } from '../../helpers/net.js';

const TUNING = { greetingMs: 300, exchangeTimeoutMs: 700 };

interface LateServer { server: RunningServer; greetedWhileOpen: number; closedBeforeGreeting: number }

/** Says an SSH banner `delayMs` after each connection, and ignores whatever it is sent. */
async function startLateSsh(delayMs: number, name: string): Promise<LateServer> {
  const late: LateServer = { server: undefined as unknown as RunningServer, greetedWhileOpen: 0, closedBeforeGreeting: 0 };
  late.server = await startTcpServer((socket: Socket) => {
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    const timer = setTimeout(() => {
      if (socket.destroyed || socket.writableEnded) return;
      late.greetedWhileOpen += 1;
      socket.write(`SSH-2.0-${name}\r\n`);
    }, delayMs);
    socket.on('close', () => {
      if (timer.hasRef()) late.closedBeforeGreeting += 1;
      clearTimeout(timer);
    });
  });
  return late;
}

let after1: LateServer;
let after3: LateServer;
let after6: LateServer;

beforeAll(async () => {
  [after1, after3, after6] = await Promise.all([startLateSsh(1000, 'Late_1s'), startLateSsh(3000, 'Late_3s'), startLateSsh(6000, 'Late_6s')]);
});

afterAll(async () => {
  await Promise.all([after1, after3, after6].map((s) => s?.server.close()));
});

async function identify(port: number) {
  const [service] = await serviceIdProbe.run(loopbackDevice([port]), testContext({ tuning: TUNING }));
  return service!;
}

describe('service-id names services that greet late', () => {
  it('waits in the background for about 5 s, like nmap\'s banner wait', () => {
    expect(LATE_GREETING_MS).toBeGreaterThanOrEqual(4000);
    expect(LATE_GREETING_MS).toBeLessThan(6000);
  });

  it('names a server that greets after 1 s by its greeting', async () => {
    const service = await identify(after1.server.port);
    expect(service).toMatchObject({ service: 'ssh', product: 'Late_1s' });
    expect(service.unnamed).toBeUndefined();
    expect(after1.greetedWhileOpen).toBeGreaterThanOrEqual(1);
  });

  it('names a server that greets after 3 s by its greeting', async () => {
    const service = await identify(after3.server.port);
    expect(service).toMatchObject({ service: 'ssh', product: 'Late_3s' });
    expect(service.unnamed).toBeUndefined();
  });

  it('leaves a server that greets after 6 s unknown, saying what was tried, and never heard its greeting', async () => {
    const service = await identify(after6.server.port);
    expect(service).toMatchObject({ service: 'unknown', banner: null });
    expect(service.unnamed).toEqual({ greetingWaitMs: LATE_GREETING_MS, hellos: ['http', 'tls', 'rtsp', 'mqtt'] });
    // Every connection (the listener and the four hellos) was closed before the server spoke
    // (the server may hear the last close a moment after we returned: wait for that event).
    await vi.waitFor(() => expect(after6.closedBeforeGreeting).toBeGreaterThanOrEqual(5), { timeout: 5000, interval: 50 });
    expect(after6.greetedWhileOpen).toBe(0);
  });
}, 30_000);
