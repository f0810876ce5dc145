// The Android debug bridge check against the test adbd (test/helpers/adbd.py — Debian ships no
// adbd), whose behaviour is first confirmed with Debian's real `adb` client; two protocol
// generations (current 0x01000001, legacy 0x01000000 with checksums), with negative controls
// (key authorisation required; TLS pairing required).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessAdb } from '../../../backend/src/checks/anonymous-access-adb.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device } from '../../../backend/src/core/types.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { adbConnect } from '../../../backend/src/protocols/adb.js';
import { realAdbClientSees, startAdbd, type Adbd } from '../../helpers/adbd.js';
import { tcpService, testContext } from '../../helpers/context.js';
import { randomLoopbackAddress } from '../../helpers/loopback-address.js';

type Server = Adbd & { host: string };
const servers: Record<string, Server> = {};
const isRoot = process.getuid?.() === 0;

beforeAll(async () => {
  const started = await Promise.all([
    startAdbd('open'), startAdbd('open', { legacy: true }), startAdbd('auth'), startAdbd('auth', { legacy: true }), startAdbd('tls'),
    startAdbd('open', { host: randomLoopbackAddress(), port: 5555 }),
  ]);
  ['open', 'legacyOpen', 'auth', 'legacyAuth', 'tls', 'onPort5555'].forEach((name, i) => { servers[name] = started[i]!; });
}, 30_000);
afterAll(async () => { await Promise.all(Object.values(servers).map((s) => s.stop())); });

function target(server: Server) {
  const device: Device = emptyDevice(server.host, null);
  const service = { ...tcpService(server.port, 'adb'), banner: 'ADB' };
  device.services = [service];
  return { device, service };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 3000 } });

describe('the test adbd, as the real adb client sees it', () => {
  it.skipIf(!isRoot)('is listed as a device when open, and as unauthorized when it wants a key', async () => {
    expect(await realAdbClientSees('open')).toMatch(/\sdevice product:mamori_tvbox model:Mamori_TV_Box/);
    expect(await realAdbClientSees('auth')).toMatch(/\sunauthorized/);
  }, 120_000);
});

describe('anonymous-access-adb', () => {
  it('is registered as a non-intrusive exposure check', () => {
    expect(checks).toContain(anonymousAccessAdb);
    expect(anonymousAccessAdb).toMatchObject({ intrusive: false, maxAttempts: 1 });
  });

  it.each(['open', 'legacyOpen'])('%s: finds the device that lets anyone in, from its banner alone, and sends nothing but CNXN', async (name) => {
    const server = servers[name]!;
    const results = await anonymousAccessAdb.run(target(server), ctx());
    expect(results).toEqual([{
      confidence: 'confirmed',
      evidence: 'the device answered CNXN without asking for key authorisation (ro.product.model="Mamori TV Box", ro.product.name="mamori_tvbox", ro.product.device="mamori_tvbox"); no command was sent',
    }]);
    expect(await server.received()).toEqual(['CNXN']);
  });

  it.each(['auth', 'legacyAuth', 'tls'])('negative control %s: a device that wants a key or TLS pairing stays clean', async (name) => {
    const server = servers[name]!;
    expect(await anonymousAccessAdb.run(target(server), ctx())).toEqual([]);
    expect(await server.received()).toEqual(['CNXN']);
  });

  it('the client reads the three answers apart', async () => {
    const options = (s: Server) => ({ host: s.host, port: s.port, timeoutMs: 3000 });
    expect(await adbConnect(options(servers['open']!))).toMatchObject({ kind: 'open', version: 0x01000001 });
    expect(await adbConnect(options(servers['legacyOpen']!))).toMatchObject({ kind: 'open', version: 0x01000000 });
    expect(await adbConnect(options(servers['auth']!))).toEqual({ kind: 'auth', version: null });
    expect(await adbConnect(options(servers['tls']!))).toMatchObject({ kind: 'tls' });
  });

  it('service identification names port 5555 "adb" from the CNXN answer, with the model', async () => {
    const server = servers['onPort5555']!;
    const device = emptyDevice(server.host, null);
    device.services = [tcpService(5555)];
    const [service] = await serviceIdProbe.run(device, testContext({ tuning: { exchangeTimeoutMs: 3000 } }));
    expect(service).toMatchObject({ service: 'adb', product: 'Mamori TV Box', banner: expect.stringMatching(/^ADB CNXN \(no key authorisation\)/) });
  });
});
