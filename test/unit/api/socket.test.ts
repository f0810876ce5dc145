// socket.io: session cookie, origin check on both transports, the call wrapper (validation, scope
// refusal, rate limit) and what happens to a socket whose session ends. Loopback only; the one
// scan request made here is for a public range and must be refused by the scope policy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents, Snapshot } from '../../../backend/src/api/contract.js';
import { GOOD_PASSWORD, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Transport = 'websocket' | 'polling';
const TRANSPORTS: Transport[] = ['websocket', 'polling'];

let test: TestAppliance;
let session: string;
const open: Socket[] = [];

beforeAll(async () => {
  test = await startTestAppliance();
  session = await setUpOwner(test);
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
afterAll(async () => {
  await test?.stop();
  await removeDir(test.dataDir);
});

function connect(options: { transport?: Transport; cookie?: string; origin?: string } = {}): Client {
  const extraHeaders: Record<string, string> = {};
  if (options.cookie !== undefined) extraHeaders['cookie'] = options.cookie;
  if (options.origin !== undefined) extraHeaders['origin'] = options.origin;
  const socket: Client = io(test.origin, {
    transports: [options.transport ?? 'websocket'], extraHeaders, reconnection: false, forceNew: true, timeout: 3000,
  });
  open.push(socket);
  return socket;
}

type Outcome = { connected: true; snapshot: Snapshot } | { connected: false; error: Error & { data?: unknown } };

/** Waits for the first snapshot (connected) or a connect_error. */
function outcome(socket: Client): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('neither snapshot nor connect_error within 4 s')), 4000);
    socket.once('snapshot', (snapshot) => { clearTimeout(timer); resolve({ connected: true, snapshot }); });
    socket.once('connect_error', (error) => { clearTimeout(timer); resolve({ connected: false, error }); });
  });
}

async function connected(socket: Client): Promise<Snapshot> {
  const result = await outcome(socket);
  if (!result.connected) throw new Error(`expected to connect, got ${result.error.message}`);
  return result.snapshot;
}

const cookieOf = (token: string): string => `mamori_session=${token}`;

describe('connecting', () => {
  for (const transport of TRANSPORTS) {
    it(`[${transport}] refuses a client without a session cookie: connect_error 'unauthorized'`, async () => {
      const result = await outcome(connect({ transport, origin: test.origin }));
      expect(result.connected).toBe(false);
      if (result.connected) return;
      expect(result.error.message).toBe('unauthorized');
      expect(result.error.data).toEqual({ code: 401 });
    });

    it(`[${transport}] refuses a forged session cookie`, async () => {
      const result = await outcome(connect({ transport, cookie: cookieOf('B'.repeat(43)), origin: test.origin }));
      expect(result.connected).toBe(false);
      if (!result.connected) expect(result.error.message).toBe('unauthorized');
    });

    it(`[${transport}] refuses a foreign Origin even with a valid cookie`, async () => {
      const socket = connect({ transport, cookie: cookieOf(session), origin: 'http://evil.example' });
      let snapshots = 0;
      socket.on('snapshot', () => { snapshots++; });
      const result = await outcome(socket);
      expect(result.connected).toBe(false);
      expect(socket.connected).toBe(false);
      expect(snapshots).toBe(0);
    });

    it(`[${transport}] with a valid cookie and the same origin: receives a snapshot`, async () => {
      const socket = connect({ transport, cookie: cookieOf(session), origin: test.origin });
      const snapshot = await connected(socket);
      expect(socket.connected).toBe(true);
      expect(socket.io.engine.transport.name).toBe(transport);
      expect(Array.isArray(snapshot.devices)).toBe(true);
      expect(Array.isArray(snapshot.findings)).toBe(true);
      expect(Array.isArray(snapshot.scans)).toBe(true);
      expect(snapshot).toMatchObject({ running: null, progress: null, settings: { loginChecks: false } });
    });
  }

  it('a client without Origin (not a browser) connects with a valid cookie', async () => {
    await connected(connect({ cookie: cookieOf(session) }));
  });

  it('a malformed cookie is refused as unauthorized and does not bring the appliance down', async () => {
    for (const transport of TRANSPORTS) {
      const result = await outcome(connect({ transport, cookie: 'mamori_session=%E0%A4%A', origin: test.origin }));
      expect(result.connected).toBe(false);
      if (!result.connected) expect(result.error.message).toBe('unauthorized');
    }
    expect((await test.request({ path: '/api/health' })).status).toBe(200);
  });
});

describe('calls', () => {
  let socket: Client;
  beforeAll(async () => {
    socket = io(test.origin, { transports: ['websocket'], extraHeaders: { cookie: cookieOf(session), origin: test.origin }, reconnection: false, forceNew: true });
    await connected(socket);
  });
  afterAll(() => { socket.close(); });

  it("'state:get' answers {ok: true, data: snapshot}", async () => {
    const reply = await socket.timeout(3000).emitWithAck('state:get', {});
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.data).toMatchObject({ devices: [], findings: [], scans: [], running: null });
  });

  it("'scan:start' for a public range is refused by the scope policy and starts no scan", async () => {
    const started: unknown[] = [];
    socket.on('scan:started', (scan) => started.push(scan));
    const reply = await socket.timeout(3000).emitWithAck('scan:start', { targets: ['8.8.8.0/24'] });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error).toMatch(/refused|not a private/);
    expect(reply.error).toContain('8.8.8.0/24');
    expect(test.scanStarts).toEqual([['8.8.8.0/24']]); // the real ScanService was asked…
    expect(test.appliance.scans.running).toBeNull(); // …and refused
    const state = await socket.timeout(3000).emitWithAck('state:get', {});
    expect(state.ok && state.data.scans).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(started).toEqual([]);
    socket.off('scan:started');
  });

  it('a malformed payload is answered {ok: false, error: "invalid request"}', async () => {
    const raw = socket as unknown as Socket;
    const invalid: Array<[string, unknown]> = [
      ['scan:start', { targets: '8.8.8.0/24' }],
      ['scan:start', { targets: [42] }],
      ['scan:start', { targets: ['8.8.8.0/24'], ports: [23] }],
      ['scan:start', 'hello'],
      ['scan:start', { targets: Array.from({ length: 17 }, () => '8.8.8.0/24') }],
      ['state:get', { everything: true }],
      ['scan:cancel', [1, 2]],
    ];
    for (const [event, payload] of invalid) {
      const reply = await raw.timeout(3000).emitWithAck(event, payload) as Ack<unknown>;
      expect(reply, `${event} ${JSON.stringify(payload)}`).toEqual({ ok: false, error: 'invalid request' });
    }
    expect(test.scanStarts).toHaveLength(1); // nothing new reached the ScanService
  });
});

describe('per-socket call limit', () => {
  it('more than 30 calls in 10 s are answered "too many requests"', async () => {
    const socket = connect({ cookie: cookieOf(session), origin: test.origin });
    await connected(socket);
    for (let call = 1; call <= 30; call++) {
      const reply = await socket.timeout(3000).emitWithAck('state:get', {});
      expect(reply.ok, `call ${call}`).toBe(true);
    }
    expect(await socket.timeout(3000).emitWithAck('state:get', {})).toEqual({ ok: false, error: 'too many requests' });
    expect(await socket.timeout(3000).emitWithAck('scan:cancel', {})).toEqual({ ok: false, error: 'too many requests' });
    // Another socket has its own budget.
    const other = connect({ cookie: cookieOf(session), origin: test.origin });
    await connected(other);
    expect((await other.timeout(3000).emitWithAck('state:get', {})).ok).toBe(true);
  });
});

describe('when the session ends', () => {
  it('a call is refused and the socket dropped', async () => {
    const token = (await test.appliance.auth.login(GOOD_PASSWORD))!;
    const socket = connect({ cookie: cookieOf(token), origin: test.origin });
    await connected(socket);
    await test.appliance.auth.logout(token);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(await socket.timeout(3000).emitWithAck('state:get', {})).toEqual({ ok: false, error: 'unauthorized' });
    expect(await gone).toBe('io server disconnect');
  });

  it('a logged-out dashboard stops receiving scan events; a signed-in one still gets them', async () => {
    const token = (await test.appliance.auth.login(GOOD_PASSWORD))!;
    const leaving = connect({ cookie: cookieOf(token), origin: test.origin });
    const staying = connect({ cookie: cookieOf(session), origin: test.origin });
    await Promise.all([connected(leaving), connected(staying)]);
    const leavingEvents: unknown[] = [];
    const stayingEvents: unknown[] = [];
    leaving.on('scan:progress', (p) => leavingEvents.push(p));
    staying.on('scan:progress', (p) => stayingEvents.push(p));
    const gone = new Promise<string>((resolve) => leaving.once('disconnect', resolve));

    const logout = await test.request({ method: 'POST', path: '/api/logout', session: token });
    expect(logout.status).toBe(204);
    // No scan runs: the event is emitted on the service's bus directly.
    const progress = { scanId: 'test', stage: 'discovery' as const, percent: 10, current: null };
    const received = new Promise<void>((resolve) => staying.once('scan:progress', () => resolve()));
    test.appliance.scans.events.emit('scan:progress', progress);
    await received;
    await new Promise((r) => setTimeout(r, 100));
    expect(stayingEvents).toEqual([progress]);
    expect(leavingEvents).toEqual([]);
    expect(await gone).toBe('io server disconnect');
  });
});
