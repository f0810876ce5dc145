// HTTP Digest against a second, independent implementation: Apache httpd's mod_auth_digest
// (the lab's camera runs lighttpd; the unit test of the check runs a node server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsHttp } from '../../../backend/src/checks/default-credentials-http.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { startApacheDigest } from '../../helpers/apache.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';

let factory: Daemon;
let secured: Daemon;

beforeAll(async () => {
  [factory, secured] = await Promise.all([
    startApacheDigest({ user: 'admin', password: 'admin', realm: 'Login to DVR' }),
    startApacheDigest({ user: 'admin', password: 'Kx7-unique-pass', realm: 'Login to DVR' }),
  ]);
}, 30_000);
afterAll(async () => { await Promise.all([factory?.stop(), secured?.stop()]); });

function target(port: number): { device: Device; service: Service } {
  const device = loopbackDevice([], '02:00:00:00:00:02');
  device.vendor = null;
  const service = tcpService(port, 'http');
  device.services = [service];
  return { device, service };
}

describe('default-credentials-http: HTTP Digest on Apache mod_auth_digest', () => {
  it('finds the factory pair and the random-password control is refused', async () => {
    const ctx = testContext();
    const results = await defaultCredentialsHttp.run(target(factory.port), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'HTTP Digest login accepted for a***n / a***n; a random wrong password was refused' }]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['accepted', 'rejected']);
  });

  it('a non-default password: nothing, every try refused', async () => {
    const ctx = testContext();
    expect(await defaultCredentialsHttp.run(target(secured.port), ctx)).toEqual([]);
    expect(ctx.attempts.length).toBeGreaterThan(3);
    expect(ctx.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
  });
});
