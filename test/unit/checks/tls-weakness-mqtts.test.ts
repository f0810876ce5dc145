import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import { tlsWeaknessMqtts } from '../../../backend/src/checks/tls-weakness-mqtts.js';
import { tlsWeaknessTls } from '../../../backend/src/checks/tls-weakness-tls.js';
import type { Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { createCertAuthority, type CertAuthority } from '../../helpers/certs.js';
import { loopbackDevice, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startMosquittoVariant } from '../../helpers/mosquitto-variants.js';
import { track, type RunningServer } from '../../helpers/net.js';
import { startAll } from '../../helpers/start-all.js';

let ca: CertAuthority;
let expiredBroker: Daemon;
let cleanBroker: Daemon;
let otherTls: RunningServer;

beforeAll(async () => {
  ca = await createCertAuthority();
  const expired = await ca.selfSigned({ commonName: 'hub', altNames: 'IP:127.0.0.1', startDate: '20180101000000Z', endDate: '20210101000000Z' });
  const clean = await ca.issue({ commonName: 'hub', altNames: 'IP:127.0.0.1' });
  const selfSigned = await ca.selfSigned({ commonName: 'printer.test' });
  const user = { name: 'owner', password: 'Xk3-long-unguessable' };
  // A TLS service that is neither HTTP nor MQTT: it completes the handshake and then says nothing.
  const tlsServer = createTlsServer({ key: selfSigned.key, cert: selfSigned.cert }, () => {});
  tlsServer.on('tlsClientError', () => {});
  [expiredBroker, cleanBroker, otherTls] = await startAll(
    startMosquittoVariant({ anonymous: false, user, tls: expired }),
    startMosquittoVariant({ anonymous: false, user, tls: clean }),
    track(tlsServer),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all([expiredBroker?.stop(), cleanBroker?.stop(), otherTls?.close()]);
  await ca?.dispose();
});

/** What service-id makes of the port (on a random port number: identified by what it says). */
async function identified(port: number): Promise<Service> {
  const services = await serviceIdProbe.run(loopbackDevice([port]), testContext({ tuning: { greetingMs: 200, exchangeTimeoutMs: 800 } }));
  return services[0]!;
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 1500 } });

describe('tls-weakness-mqtts', () => {
  it('is registered, with tls-weakness-tls for other TLS services', () => {
    expect(checks).toContain(tlsWeaknessMqtts);
    expect(checks).toContain(tlsWeaknessTls);
    expect(tlsWeaknessMqtts.finding).toEqual({ family: 'tls-weakness', service: 'mqtts' });
    expect(tlsWeaknessTls.finding).toEqual({ family: 'tls-weakness', service: 'tls' });
  });

  it('service-id names real mosquitto behind TLS "mqtts" on any port, keeping the handshake', async () => {
    const service = await identified(expiredBroker.port);
    expect(service).toMatchObject({ service: 'mqtts', encrypted: true, banner: 'MQTT CONNACK over TLS' });
    expect(service.tls?.certificate?.selfSigned).toBe(true);
    expect(tlsWeaknessMqtts.appliesTo({ device: loopbackDevice(), service })).toBe(true);
  });

  it('reports the expired self-signed certificate of real mosquitto', async () => {
    const service = await identified(expiredBroker.port);
    const device = loopbackDevice();
    device.services = [service];
    const results = await tlsWeaknessMqtts.run({ device, service }, ctx());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ confidence: 'confirmed', severity: 'medium' });
    expect(results[0]!.evidence).toContain('self-signed certificate ("hub")');
    expect(results[0]!.evidence).toContain('certificate expired on 2021-01-01');
    expect(buildFinding(tlsWeaknessMqtts, { device, service }, results[0]!)).toMatchObject({ family: 'tls-weakness', service: 'mqtts' });
  });

  it('reports nothing for mosquitto with a current CA-issued certificate on TLS 1.2+ (negative control)', async () => {
    const service = await identified(cleanBroker.port);
    expect(service.service).toBe('mqtts');
    expect(await tlsWeaknessMqtts.run({ device: loopbackDevice(), service }, ctx())).toEqual([]);
  });

  it('tls-weakness-tls covers a TLS service that is neither HTTPS nor MQTT', async () => {
    const service = await identified(otherTls.port);
    expect(service.service).toBe('tls');
    expect(tlsWeaknessTls.appliesTo({ device: loopbackDevice(), service })).toBe(true);
    const results = await tlsWeaknessTls.run({ device: loopbackDevice(), service }, ctx());
    expect(results[0]!.evidence).toContain('self-signed certificate ("printer.test")');
    expect(results[0]!.evidence).toContain('certificate is issued for printer.test, not for this device (127.0.0.1)');
  });
});
