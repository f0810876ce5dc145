// A certificate whose date cannot be read ("Bad time value", issue #21) must not hide the TLS
// service: the date is kept as the raw text, the service is still named, its TLS checks still run.
// Real node:https servers on loopback presenting an openssl-made certificate with notAfter's month 13.
import { createServer as createHttpsServer } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsWeaknessHttps } from '../../../backend/src/checks/tls-weakness-https.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { tlsHandshake } from '../../../backend/src/protocols/tls.js';
import { createCertAuthority, withUnreadableNotAfter, type CertAuthority } from '../../helpers/certs.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { LOOPBACK, track, type RunningServer } from '../../helpers/net.js';
import type { SelfSignedCert } from '../../helpers/tls.js';

let ca: CertAuthority;
let selfSignedBadDate: RunningServer;
let issuedBadDate: RunningServer;

function https(cert: SelfSignedCert): Promise<RunningServer> {
  const server = createHttpsServer({ key: cert.key, cert: cert.cert }, (_req, res) => res.end('<title>camera</title>'));
  server.on('tlsClientError', () => {});
  return track(server);
}

beforeAll(async () => {
  ca = await createCertAuthority();
  const [selfSigned, issued] = await Promise.all([
    ca.selfSigned({ commonName: 'ipcam', altNames: 'IP:127.0.0.1' }),
    ca.issue({ commonName: 'device.test', altNames: 'IP:127.0.0.1' }),
  ]);
  [selfSignedBadDate, issuedBadDate] = await Promise.all([https(withUnreadableNotAfter(selfSigned)), https(withUnreadableNotAfter(issued))]);
}, 60_000);

afterAll(async () => {
  await Promise.all([selfSignedBadDate?.close(), issuedBadDate?.close()]);
  await ca?.dispose();
});

const probeContext = () => testContext({ tuning: { greetingMs: 200, exchangeTimeoutMs: 1500 } });

describe('a certificate with an unreadable date', () => {
  it('the handshake keeps the raw text of the date it cannot read', async () => {
    const handshake = await tlsHandshake({ host: LOOPBACK, port: selfSignedBadDate.port, timeoutMs: 3000 });
    expect(handshake.certificate).toMatchObject({ validTo: 'Bad time value', selfSigned: true });
    expect(handshake.certificate!.validFrom).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('the service is still named https and the TLS check still reports the self-signed certificate', async () => {
    const device = loopbackDevice();
    device.services = [tcpService(selfSignedBadDate.port)];
    const [service] = await serviceIdProbe.run(device, probeContext());
    expect(service).toMatchObject({ service: 'https', encrypted: true, tls: { certificate: { validTo: 'Bad time value' } } });
    device.services = [service!];
    const results = await tlsWeaknessHttps.run({ device, service: service! }, probeContext());
    expect(results).toHaveLength(1);
    expect(results[0]!.evidence).toContain('self-signed');
  });

  it('negative control: a CA-issued certificate for this address, same unreadable date, raises nothing', async () => {
    const device = loopbackDevice();
    device.services = [tcpService(issuedBadDate.port)];
    const [service] = await serviceIdProbe.run(device, probeContext());
    expect(service).toMatchObject({ service: 'https', tls: { certificate: { validTo: 'Bad time value', selfSigned: false } } });
    device.services = [service!];
    expect(await tlsWeaknessHttps.run({ device, service: service! }, probeContext())).toEqual([]);
  });
});
