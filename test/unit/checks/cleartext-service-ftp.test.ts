import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleartextServiceFtp } from '../../../backend/src/checks/cleartext-service-ftp.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startHttpServer, type RunningServer } from '../../helpers/net.js';
import { selfSignedCert } from '../../helpers/tls.js';
import { startVsftpd } from '../../helpers/vsftpd.js';
import { startAll } from '../../helpers/start-all.js';

let namedLogins: Daemon;
let anonymousOnly: Daemon;
let tlsRequired: Daemon;
let web: RunningServer;

beforeAll(async () => {
  const cert = await selfSignedCert('ftp.test');
  [namedLogins, anonymousOnly, tlsRequired, web] = await startAll(
    startVsftpd({ anonymous: false, local: true }),
    startVsftpd({ anonymous: true, local: false }),
    startVsftpd({ anonymous: true, local: true, requireTls: cert }),
    startHttpServer((_req, res) => res.end('<title>not ftp</title>')),
  );
}, 30_000);

afterAll(async () => {
  await Promise.all([namedLogins?.stop(), anonymousOnly?.stop(), tlsRequired?.stop(), web?.close()]);
});

function target(port: number, encrypted = false): { device: Device; service: Service } {
  const service = { ...tcpService(port, 'ftp'), encrypted };
  const device = loopbackDevice();
  device.services = [service];
  return { device, service };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 1500 } });

describe('cleartext-service-ftp', () => {
  it('is registered, non-intrusive and applies to plain FTP only', () => {
    expect(checks).toContain(cleartextServiceFtp);
    expect(cleartextServiceFtp).toMatchObject({ intrusive: false, finding: { family: 'cleartext-service', service: 'ftp' } });
    expect(cleartextServiceFtp.appliesTo(target(21))).toBe(true);
    expect(cleartextServiceFtp.appliesTo(target(990, true))).toBe(false);
  });

  it('confirms real vsftpd that asks for a password over plain FTP (no AUTH TLS offered)', async () => {
    const t = target(namedLogins.port);
    const results = await cleartextServiceFtp.run(t, ctx());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ confidence: 'confirmed' });
    expect(results[0]!.severity).toBeUndefined();
    expect(results[0]!.evidence).toMatch(/answered USER with 331 "Please specify the password\."/);
    expect(results[0]!.evidence).toContain('does not offer AUTH TLS');
    expect(buildFinding(cleartextServiceFtp, t, results[0]!)).toMatchObject({ family: 'cleartext-service', service: 'ftp', port: namedLogins.port });
  });

  it('reports an anonymous-only server as cleartext sessions, at low severity', async () => {
    const results = await cleartextServiceFtp.run(target(anonymousOnly.port), ctx());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ confidence: 'confirmed', severity: 'low' });
    expect(results[0]!.evidence).toMatch(/named logins are refused \(530 "This FTP server is anonymous only\."\)/);
  });

  it('reports nothing when vsftpd forces logins onto TLS (negative control)', async () => {
    expect(await cleartextServiceFtp.run(target(tlsRequired.port), ctx())).toEqual([]);
  });

  it('reports nothing against an HTTP server', async () => {
    expect(await cleartextServiceFtp.run(target(web.port), ctx())).toEqual([]);
  });
});
