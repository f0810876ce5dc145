import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../frontend/src/api/client';
import type { LiveEvent, TypedSocket } from '../../frontend/src/api/client';
import { snapshot } from './fixtures';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('REST', () => {
  it('GETs the session', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { authenticated: false, needsSetup: true }));
    const client = createApiClient({ fetch });
    await expect(client.getSession()).resolves.toEqual({ authenticated: false, needsSetup: true });
    expect(fetch).toHaveBeenCalledWith('/api/session', expect.objectContaining({ credentials: 'same-origin' }));
  });

  it.each([
    ['setup', '/api/setup', { token: 'tok', password: 'correct horse' }],
    ['login', '/api/login', { password: 'correct horse' }],
    ['logout', '/api/logout', {}],
  ] as const)('%s POSTs JSON with the CSRF header', async (method, path, body) => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(null, { status: 204 }));
    const client = createApiClient({ fetch });
    await (client[method] as (b: unknown) => Promise<void>)(body);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(path);
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json', 'x-mamori': '1' });
    expect(JSON.parse(String(init?.body))).toEqual(body);
  });

  it('turns {error} answers into ApiError with the status', async () => {
    const client = createApiClient({ fetch: async () => jsonResponse(401, { error: 'wrong password' }) });
    const error = await client.login({ password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, message: 'wrong password', tooManyAttempts: false });
  });

  it('marks 429 as too many attempts, even without a JSON body', async () => {
    const client = createApiClient({ fetch: async () => new Response('slow down', { status: 429 }) });
    const error = await client.login({ password: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, tooManyAttempts: true });
  });

  it('reports an unreachable appliance as status 0', async () => {
    const client = createApiClient({ fetch: async () => { throw new TypeError('Failed to fetch'); } });
    await expect(client.getSession()).rejects.toMatchObject({ status: 0 });
  });
});

/** Just enough of a socket.io client socket to drive the wrapper. */
class FakeSocket {
  recovered = false;
  active = true;
  listeners = new Map<string, ((...args: never[]) => void)[]>();
  acks = new Map<string, unknown>();
  emitted: [string, unknown][] = [];
  disconnected = false;
  on(event: string, fn: (...args: never[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }
  timeout() { return this; }
  async emitWithAck(event: string, request: unknown) {
    this.emitted.push([event, request]);
    return this.acks.get(event) ?? { ok: false, error: 'no ack' };
  }
  removeAllListeners() { this.listeners.clear(); return this; }
  disconnect() { this.disconnected = true; return this; }
}

function live() {
  const socket = new FakeSocket();
  const events: LiveEvent[] = [];
  const statuses: string[] = [];
  const client = createApiClient({ socket: () => socket as unknown as TypedSocket });
  const connection = client.connect({ event: (e) => events.push(e), status: (s) => statuses.push(s) });
  return { socket, events, statuses, connection };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('live connection', () => {
  it('forwards server events as typed data', () => {
    const { socket, events } = live();
    const s = snapshot();
    socket.fire('snapshot', s);
    socket.fire('scan:progress', { scanId: 'a', stage: 'checks', percent: 50, current: null });
    expect(events).toEqual([
      { type: 'snapshot', payload: s },
      { type: 'scan:progress', payload: { scanId: 'a', stage: 'checks', percent: 50, current: null } },
    ]);
  });

  it('resyncs with state:get after a reconnect that was not recovered', async () => {
    const { socket, events, statuses } = live();
    const fresh = snapshot({ settings: { targets: ['192.168.1.0/24'], loginChecks: false } });
    socket.acks.set('state:get', { ok: true, data: fresh });

    socket.fire('connect'); // first connection: the server sends the snapshot itself
    await flush();
    expect(socket.emitted).toEqual([]);

    socket.fire('disconnect', 'transport close');
    socket.recovered = true;
    socket.fire('connect'); // recovered: missed events are replayed, nothing to do
    await flush();
    expect(socket.emitted).toEqual([]);

    socket.recovered = false;
    socket.fire('connect');
    await flush();
    expect(socket.emitted).toEqual([['state:get', {}]]);
    expect(events).toEqual([{ type: 'snapshot', payload: fresh }]);
    expect(statuses).toEqual(['connecting', 'connected', 'disconnected', 'connected', 'connected']);
  });

  it('sends scan:start / scan:cancel and unwraps the ack', async () => {
    const { socket, connection } = live();
    socket.acks.set('scan:start', { ok: true, data: { scanId: 'scan-9' } });
    await expect(connection.startScan()).resolves.toEqual({ scanId: 'scan-9' });
    socket.acks.set('scan:cancel', { ok: false, error: 'no scan running' });
    await expect(connection.cancelScan()).rejects.toThrow('no scan running');
    expect(socket.emitted).toEqual([['scan:start', {}], ['scan:cancel', {}]]);
  });

  it('reports a refused connection as unauthorized, a network error as disconnected', () => {
    const { socket, statuses } = live();
    socket.fire('connect_error', new Error('xhr poll error'));
    socket.active = false;
    socket.fire('connect_error', new Error('unauthorized'));
    expect(statuses).toEqual(['connecting', 'disconnected', 'unauthorized']);
  });

  it('close() stops listening and disconnects', () => {
    const { socket, connection, events } = live();
    connection.close();
    socket.fire('snapshot', snapshot());
    expect(events).toEqual([]);
    expect(socket.disconnected).toBe(true);
  });
});
