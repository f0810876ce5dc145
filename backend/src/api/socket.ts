// socket.io: authenticated by the session cookie, origin-checked on both transports, every
// client call validated and answered {ok,data}|{ok:false,error} by one wrapper.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { ApplianceEvents } from '../core/events.js';
import type { ScanService } from '../pipeline/scan-service.js';
import type { Auth } from './auth.js';
import type { Ack, ClientToServerEvents, ServerToClientEvents, Snapshot } from './contract.js';
import { lanPeer, parseClientRanges } from './lan-only.js';
import { EmptyRequest, ScanCancelRequest, ScanStartRequest } from './requests.js';
import { hostAllowed, isAuthenticated, originAllowed } from './security.js';

export interface SocketDeps {
  auth: Auth;
  log: Logger;
  scans: ScanService;
  snapshot: () => Snapshot;
  allowedOrigins: readonly string[];
  /** Host names the dashboard answers to (empty: any), as for HTTP. */
  allowedHosts?: readonly string[];
  /** Client ranges answered besides the LAN's (api/lan-only.ts), as for HTTP. */
  allowedClients?: readonly string[];
}

const FORWARDED = [
  'scan:started', 'scan:progress', 'device:found', 'device:updated', 'device:state', 'service:found', 'finding:raised', 'finding:changed',
  'scan:finished', 'scan:queue', 'device:forgotten',
] as const satisfies ReadonlyArray<keyof ApplianceEvents>;


/** At most this many client calls per socket in a window: a runaway tab cannot flood the box. */
const CALLS_PER_WINDOW = 30;
const WINDOW_MS = 10_000;

export function attachSocket(server: HttpServer, deps: SocketDeps): Server<ClientToServerEvents, ServerToClientEvents> {
  const clients = parseClientRanges(deps.allowedClients ?? []);
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => callback(null, lanPeer(req, clients) && originAllowed(req, deps.allowedOrigins) && hostAllowed(req, deps.allowedHosts ?? [])),
    connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: false },
  });
  io.use((socket, next) => {
    if (isAuthenticated(socket.request, deps.auth)) return next();
    next(Object.assign(new Error('unauthorized'), { data: { code: 401 } }));
  });

  io.on('connection', (socket) => {
    if (!socket.recovered) socket.emit('snapshot', deps.snapshot());
    let calls = 0;
    const windowTimer = setInterval(() => { calls = 0; }, WINDOW_MS);
    socket.on('disconnect', () => clearInterval(windowTimer));

    const handle = <Req, Res>(schema: z.ZodType<Req>, work: (request: Req) => Res) =>
      (request: unknown, ack: unknown): void => {
        const reply = typeof ack === 'function' ? (ack as (r: Ack<Res>) => void) : () => undefined;
        if (++calls > CALLS_PER_WINDOW) return reply({ ok: false, error: 'too many requests' });
        if (!isAuthenticated(socket.request, deps.auth)) {
          reply({ ok: false, error: 'unauthorized' });
          socket.disconnect(true);
          return;
        }
        const parsed = schema.safeParse(request ?? {});
        if (!parsed.success) return reply({ ok: false, error: 'invalid request' });
        try {
          reply({ ok: true, data: work(parsed.data) });
        } catch (error) {
          deps.log.warn('socket call failed', { error: String(error) });
          reply({ ok: false, error: error instanceof Error ? error.message : 'failed' });
        }
      };

    socket.on('scan:start', handle(ScanStartRequest, (request) => {
      const started = deps.scans.start(request.targets);
      if (!started.ok) throw new Error(started.error);
      return { scanId: started.scanId, queued: started.queued };
    }));
    socket.on('scan:cancel', handle(ScanCancelRequest, (request) => ({ cancelled: deps.scans.cancel(request.scanId) })));
    socket.on('state:get', handle(EmptyRequest, () => deps.snapshot()));
  });

  // Every scan event goes to every authenticated dashboard, as the store now holds it. A socket whose
  // session ended since it connected (logout, expiry) is dropped first instead of being fed events.
  const emit = io.emit.bind(io) as (name: string, payload: unknown) => boolean;
  const broadcast = (name: string, payload: unknown): void => {
    for (const socket of io.of('/').sockets.values()) {
      if (!isAuthenticated(socket.request, deps.auth)) socket.disconnect(true);
    }
    emit(name, payload);
  };
  for (const name of FORWARDED) deps.scans.events.on(name, (payload) => broadcast(name, payload));
  return io;
}
