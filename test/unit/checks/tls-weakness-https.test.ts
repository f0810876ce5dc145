import { createServer as createHttpsServer } from 'node:https';
import type { SecureVersion } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import { certificateFitsDevice, certificateProblems } from '../../../backend/src/checks/tls/assess.js';
import { tlsWeaknessHttps } from '../../../backend/src/checks/tls-weakness-https.js';
import type { Device, Service, TlsCertificateInfo } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { caDate, createCertAuthority, type CertAuthority } from '../../helpers/certs.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { track, type RunningServer } from '../../helpers/net.js';
import type { SelfSignedCert } from '../../helpers/tls.js';

let ca: CertAuthority;
const servers: Record<string, RunningServer> = {};

function https(cert: SelfSignedCert, minVersion: SecureVersion = 'TLSv1.2'): Promise<RunningServer> {
  const server = createHttpsServer({
    key: cert.key, cert: cert.cert, minVersion,
    // An old device: TLS 1.0 and its ciphers need OpenSSL's lowest security level.
    ...(minVersion === 'TLSv1' ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
  }, (_req, res) => res.end('<title>device</title>'));
  server.on('tlsClientError', () => {});
  return track(server);
}

beforeAll(async () => {
  ca = await createCertAuthority();
  const here = 'IP:127.0.0.1';
  const [clean, selfSigned, expired, future, mismatch] = await Promise.all([
    ca.issue({ commonName: 'device.test', altNames: here }),
    ca.selfSigned({ commonName: 'device.test', altNames: here }),
    ca.selfSigned({ commonName: 'old-nvr', altNames: here, startDate: '20150101000000Z', endDate: '20200101000000Z' }),
    ca.issue({ commonName: 'device.test', altNames: here, startDate: caDate(3650), endDate: caDate(3700) }),
    ca.issue({ commonName: 'other.example', altNames: 'DNS:other.example' }),
  ]);
  Object.assign(servers, Object.fromEntries(await Promise.all(Object.entries({
    clean: https(clean), selfSigned: https(selfSigned), expired: https(expired), future: https(future),
    mismatch: https(mismatch), legacy: https(clean, 'TLSv1'),
  }).map(async ([name, started]) => [name, await started]))));
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
  await ca?.dispose();
});

function target(port: number): { device: Device; service: Service } {
  const service = { ...tcpService(port, 'https'), encrypted: true };
  const device = loopbackDevice();
  device.services = [service];
  return { device, service };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 1500 } });
const run = (name: string) => tlsWeaknessHttps.run(target(servers[name]!.port), ctx());

describe('tls-weakness-https', () => {
  it('is registered, non-intrusive, for https services', () => {
    expect(checks).toContain(tlsWeaknessHttps);
    expect(tlsWeaknessHttps).toMatchObject({ intrusive: false, finding: { family: 'tls-weakness', service: 'https' } });
    expect(tlsWeaknessHttps.appliesTo(target(443))).toBe(true);
    expect(tlsWeaknessHttps.appliesTo({ ...target(80), service: tcpService(80, 'http') })).toBe(false);
  });

  it('reports nothing for a CA-issued, current certificate naming the device, TLS 1.2+ only (negative control)', async () => {
    expect(await run('clean')).toEqual([]);
  });

  it('reports a self-signed certificate alone, at low severity', async () => {
    const results = await run('selfSigned');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ confidence: 'confirmed', severity: 'low' });
    expect(results[0]!.evidence).toMatch(/^port \d+: self-signed certificate \("device\.test"\)[^;]*; best protocol offered: TLSv1\.3$/);
  });

  it('names each problem of an expired self-signed certificate, at medium severity', async () => {
    const results = await run('expired');
    expect(results[0]).toMatchObject({ severity: 'medium' });
    expect(results[0]!.evidence).toContain('self-signed certificate ("old-nvr")');
    expect(results[0]!.evidence).toContain('certificate expired on 2020-01-01');
  });

  it('reports a certificate that is not valid yet', async () => {
    const results = await run('future');
    expect(results[0]!.evidence).toMatch(/certificate is not valid before \d{4}-\d\d-\d\d/);
    expect(results[0]!.evidence).not.toContain('self-signed');
  });

  it('reports a certificate issued for another name', async () => {
    const results = await run('mismatch');
    expect(results[0]!.evidence).toContain('certificate is issued for other.example, not for this device (127.0.0.1)');
    expect(results[0]!.severity).toBe('low');
  });

  it('reports TLS 1.0 and 1.1 offered by an old server (and only that), at medium severity', async () => {
    const results = await run('legacy');
    expect(results).toHaveLength(1);
    expect(results[0]!.severity).toBe('medium');
    expect(results[0]!.evidence).toMatch(/^port \d+: offers TLS 1\.0 \(handshake completed with [A-Z0-9-]+\); offers TLS 1\.1 \(/);
    expect(buildFinding(tlsWeaknessHttps, target(servers.legacy!.port), results[0]!)).toMatchObject({ family: 'tls-weakness', service: 'https', severity: 'medium' });
  });

  it('uses the handshake service-id kept on the service (Service.tls)', async () => {
    const device = loopbackDevice([servers.expired!.port]);
    const [service] = await serviceIdProbe.run(device, testContext({ tuning: { greetingMs: 200, exchangeTimeoutMs: 1000 } }));
    expect(service).toMatchObject({ service: 'https', encrypted: true });
    expect(service!.tls).toMatchObject({ protocol: 'TLSv1.3', certificate: { selfSigned: true, validTo: '2020-01-01T00:00:00.000Z', altNames: ['IP Address:127.0.0.1'] } });
    device.services = [service!];
    const results = await tlsWeaknessHttps.run({ device, service: service! }, ctx());
    expect(results[0]!.evidence).toContain('certificate expired on 2020-01-01');
  });
});

describe('certificate names', () => {
  const cert = (altNames: string[], subject = 'CN=x'): TlsCertificateInfo => ({
    subject, issuer: subject, selfSigned: false, validFrom: '2020-01-01T00:00:00.000Z', validTo: '2999-01-01T00:00:00.000Z', altNames, fingerprint256: '',
  });

  it('matches the IP, a known host name, a one-label wildcard, and the CN only without SANs', () => {
    expect(certificateFitsDevice(cert(['IP Address:10.0.0.5']), '10.0.0.5', [])).toBe(true);
    expect(certificateFitsDevice(cert(['DNS:hub.local']), '10.0.0.5', ['HUB.local'])).toBe(true);
    expect(certificateFitsDevice(cert(['DNS:*.home.arpa']), '10.0.0.5', ['nas.home.arpa'])).toBe(true);
    expect(certificateFitsDevice(cert(['DNS:*.home.arpa']), '10.0.0.5', ['a.b.home.arpa'])).toBe(false);
    expect(certificateFitsDevice(cert([], 'CN=10.0.0.5, O=x'), '10.0.0.5', [])).toBe(true);
    expect(certificateFitsDevice(cert(['DNS:other'], 'CN=10.0.0.5'), '10.0.0.5', [])).toBe(false);
  });

  it('lists no problem for a good certificate on the day it is checked', () => {
    expect(certificateProblems(cert(['IP Address:10.0.0.5']), '10.0.0.5', [], new Date('2025-06-01'))).toEqual([]);
  });
});
