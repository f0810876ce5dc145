import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleartextServiceMqtt } from '../../../backend/src/checks/cleartext-service-mqtt.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startMosquittoVariant } from '../../helpers/mosquitto-variants.js';
import { startHttpServer, type RunningServer } from '../../helpers/net.js';
import { selfSignedCert } from '../../helpers/tls.js';
import { startAll } from '../../helpers/start-all.js';

let passwordPlain: Daemon;
let anonymousPlain: Daemon;
let passwordTls: Daemon;
let web: RunningServer;

beforeAll(async () => {
  const cert = await selfSignedCert('broker.test');
  const user = { name: 'owner', password: 'Xk3-long-unguessable' };
  [passwordPlain, anonymousPlain, passwordTls, web] = await startAll(
    startMosquittoVariant({ anonymous: false, user }),
    startMosquittoVariant({ anonymous: true }),
    startMosquittoVariant({ anonymous: false, user, tls: cert }),
    startHttpServer((_req, res) => res.end('hello')),
  );
}, 30_000);

afterAll(async () => {
  await Promise.all([passwordPlain?.stop(), anonymousPlain?.stop(), passwordTls?.stop(), web?.close()]);
});

function target(port: number, service = 'mqtt', encrypted = false): { device: Device; service: Service } {
  const svc = { ...tcpService(port, service), encrypted };
  const device = loopbackDevice();
  device.services = [svc];
  return { device, service: svc };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 1500 } });

describe('cleartext-service-mqtt', () => {
  it('is registered, non-intrusive, and applies to plain MQTT only (never to mqtts)', () => {
    expect(checks).toContain(cleartextServiceMqtt);
    expect(cleartextServiceMqtt).toMatchObject({ intrusive: false, maxAttempts: 1, finding: { family: 'cleartext-service', service: 'mqtt' } });
    expect(cleartextServiceMqtt.appliesTo(target(1883))).toBe(true);
    expect(cleartextServiceMqtt.appliesTo(target(8883, 'mqtts', true))).toBe(false);
  });

  it('confirms real mosquitto that takes logins on a plain port (CONNACK 5 to an anonymous CONNECT)', async () => {
    const t = target(passwordPlain.port);
    const results = await cleartextServiceMqtt.run(t, ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.confidence).toBe('confirmed');
    expect(results[0]!.evidence).toContain('answered with CONNACK 5 (not authorised)');
    expect(buildFinding(cleartextServiceMqtt, t, results[0]!)).toMatchObject({ family: 'cleartext-service', service: 'mqtt', port: passwordPlain.port });
  });

  it('confirms an anonymous plain broker too (CONNACK 0)', async () => {
    const results = await cleartextServiceMqtt.run(target(anonymousPlain.port), ctx());
    expect(results[0]!.evidence).toContain('was accepted (CONNACK 0)');
  });

  it('reports nothing when the port only speaks MQTT inside TLS (negative control), nor on HTTP', async () => {
    expect(await cleartextServiceMqtt.run(target(passwordTls.port), ctx())).toEqual([]);
    expect(await cleartextServiceMqtt.run(target(web.port), ctx())).toEqual([]);
  });
});
