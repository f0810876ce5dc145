import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mqttConnect } from '../../../backend/src/protocols/mqtt-session.js';
import { startAuthMosquitto, type AuthBroker } from '../../helpers/mosquitto-auth.js';
import { startMosquitto } from '../../helpers/mosquitto.js';
import type { Daemon } from '../../helpers/daemon.js';
import { LOOPBACK, startSilentServer, timed, type RunningServer } from '../../helpers/net.js';

let secured: AuthBroker;
let open: Daemon;
let silent: RunningServer;

beforeAll(async () => {
  [secured, open, silent] = await Promise.all([startAuthMosquitto('hub', 'Br0ker-pass'), startMosquitto(), startSilentServer()]);
});
afterAll(async () => { await Promise.all([secured?.stop(), open?.stop(), silent?.close()]); });

const at = (port: number, protocolVersion: 4 | 5 = 4, timeoutMs = 2000) => ({ host: LOOPBACK, port, timeoutMs, protocolVersion });

describe('mqtt client against real mosquitto on loopback', () => {
  it('v3.1.1: anonymous refused (5), right pair accepted (0), wrong pair refused', async () => {
    expect(await mqttConnect(at(secured.port), null)).toMatchObject({ outcome: 'rejected', code: 5 });
    expect(await mqttConnect(at(secured.port), { username: 'hub', password: 'Br0ker-pass' })).toMatchObject({ outcome: 'accepted', code: 0 });
    const wrong = await mqttConnect(at(secured.port), { username: 'hub', password: 'admin' });
    expect(wrong.outcome).toBe('rejected');
    expect([4, 5]).toContain(wrong.code);
  });

  it('v5: the reason codes 134/135 read as rejected', async () => {
    const anonymous = await mqttConnect(at(secured.port, 5), null);
    expect(anonymous.outcome).toBe('rejected');
    expect([134, 135]).toContain(anonymous.code);
    expect((await mqttConnect(at(secured.port, 5), { username: 'hub', password: 'Br0ker-pass' })).outcome).toBe('accepted');
  });

  it('an anonymous broker accepts a CONNECT without credentials', async () => {
    expect((await mqttConnect(at(open.port), null)).outcome).toBe('accepted');
  });

  it('a silent server is an error within the timeout, and nothing reconnects', async () => {
    const { value, ms } = await timed(() => mqttConnect(at(silent.port, 4, 400), null));
    expect(value.outcome).toBe('error');
    expect(ms).toBeLessThan(400 + 1500);
    const before = silent.connections();
    await new Promise((r) => setTimeout(r, 300));
    expect(silent.connections()).toBe(before);
  });

  it('the broker saw one connection per call', async () => {
    // Counted from the broker's log, which may trail the calls on a loaded machine.
    await expect.poll(() => secured.connections(), { timeout: 5_000 }).toBe(5);
  });
});
