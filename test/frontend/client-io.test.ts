import { describe, expect, it, vi } from 'vitest';

// The real socket factory: check the options the appliance relies on (cookie auth, same origin).
const io = vi.hoisted(() => vi.fn(() => ({
  on() { return this; }, removeAllListeners() { return this; }, disconnect() { return this; },
})));
vi.mock('socket.io-client', () => ({ io }));

const { createApiClient } = await import('../../frontend/src/api/client');

describe('socket factory', () => {
  it('connects same-origin with credentials, websocket first', () => {
    createApiClient({ fetch: vi.fn() }).connect({ event: () => {}, status: () => {} }).close();
    expect(io).toHaveBeenCalledWith({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
  });
});
