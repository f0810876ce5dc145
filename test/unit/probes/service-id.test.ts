import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../../backend/src/core/types.js';
import { probes } from '../../../backend/src/probes/index.js';
import { LATE_GREETING_MS, serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { loopbackDevice, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startMosquitto } from '../../helpers/mosquitto.js';
import { startHttpServer, startSilentServer, startTcpServer, timed, type RunningServer } from '../../helpers/net.js';
import { startBusyboxTelnetd, type Telnetd } from '../../helpers/telnetd.js';
import { selfSignedCert, startHttpsServer } from '../../helpers/tls.js';

const TUNING = { greetingMs: 300, exchangeTimeoutMs: 700 };

let protectedWeb: RunningServer;
let openWeb: RunningServer;
let telnetd: Telnetd;
let ssh: RunningServer;
let https: RunningServer;
let mosquitto: Daemon;
let silent: RunningServer;

beforeAll(async () => {
  const cert = await selfSignedCert();
  [protectedWeb, openWeb, telnetd, ssh, https, mosquitto, silent] = await Promise.all([
    startHttpServer((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"', Server: 'Boa/0.94.14rc21', 'Content-Type': 'text/html' });
      res.end('<html><title>401 Unauthorized</title></html>');
    }),
    startHttpServer((_req, res) => {
      res.writeHead(200, { Server: 'lighttpd/1.4.59', 'Content-Type': 'text/html' });
      res.end('<html><title>Smart Plug</title></html>');
    }),
    startBusyboxTelnetd(),
    startTcpServer((socket) => { socket.write('SSH-2.0-OpenSSH_9.2p1 Debian\r\n'); }),
    startHttpsServer(cert, (_req, res) => {
      res.writeHead(200, { Server: 'nginx', 'Content-Type': 'text/html' });
      res.end('<title>NAS</title>');
    }),
    startMosquitto(),
    startSilentServer(),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([protectedWeb, openWeb, ssh, https, silent].map((s) => s?.close()));
  await Promise.all([telnetd?.stop(), mosquitto?.stop()]);
});

async function identify(port: number, signal?: AbortSignal): Promise<Service> {
  const services = await serviceIdProbe.run(loopbackDevice([port]), testContext({ tuning: TUNING, signal }));
  expect(services).toHaveLength(1);
  return services[0]!;
}

describe('service-id probe on loopback servers', () => {
  it('runs after tcp-ports in the registry (it refines the ports that probe found)', () => {
    // UDP probes (udp-snmp, udp-coap) may follow; the TCP pair comes first, in this order.
    expect(probes.map((p) => p.id).slice(0, 2)).toEqual(['tcp-ports', 'service-id']);
  });

  it('HTTP on a random, non-standard port is http, with the auth scheme and realm', async () => {
    const service = await identify(protectedWeb.port);
    expect(service).toMatchObject({ port: protectedWeb.port, transport: 'tcp', service: 'http', encrypted: false, product: 'Boa/0.94.14rc21' });
    expect(service.http).toEqual({ status: 401, server: 'Boa/0.94.14rc21', title: '401 Unauthorized', authScheme: 'Basic', realm: 'x' });
  });

  it('HTTP without WWW-Authenticate has no auth scheme (negative control), but a title', async () => {
    const service = await identify(openWeb.port);
    expect(service.service).toBe('http');
    expect(service.http).toMatchObject({ status: 200, authScheme: null, realm: null, title: 'Smart Plug' });
    expect(service.banner).toBe('HTTP 200; Server: lighttpd/1.4.59; title: Smart Plug');
  });

  it('busybox telnetd is telnet (it negotiates options first)', async () => {
    const service = await identify(telnetd.port);
    expect(service.service).toBe('telnet');
    expect(service.encrypted).toBe(false);
  });

  it('an SSH greeting that comes after the first wait (a busy device) is still ssh, not unknown', async () => {
    const late = await startTcpServer((socket) => {
      const timer = setTimeout(() => { if (!socket.destroyed) socket.write('SSH-2.0-dropbear_2022.83\r\n'); }, TUNING.greetingMs! + 150);
      socket.on('close', () => clearTimeout(timer));
    });
    try {
      const service = await identify(late.port);
      expect(service).toMatchObject({ service: 'ssh', product: 'dropbear_2022.83' });
    } finally {
      await late.close();
    }
  });

  it('an SSH greeting is ssh, with the product from the banner', async () => {
    const service = await identify(ssh.port);
    expect(service).toMatchObject({ service: 'ssh', product: 'OpenSSH_9.2p1', banner: 'SSH-2.0-OpenSSH_9.2p1 Debian' });
  });

  it('a TLS server answering HTTP is https, encrypted', async () => {
    const service = await identify(https.port);
    expect(service).toMatchObject({ service: 'https', encrypted: true, product: 'nginx' });
    expect(service.http).toMatchObject({ status: 200, title: 'NAS' });
  });

  it('real mosquitto is mqtt', async () => {
    const service = await identify(mosquitto.port);
    expect(service).toMatchObject({ service: 'mqtt', banner: 'MQTT CONNACK', encrypted: false });
  });

  it('a silent server stays unknown, says what was tried, and costs the late-greeting wait (hellos run meanwhile)', async () => {
    const { value, ms } = await timed(() => identify(silent.port));
    expect(value).toMatchObject({ service: 'unknown', banner: null, product: null, encrypted: false });
    expect(value.unnamed).toEqual({ greetingWaitMs: LATE_GREETING_MS, hellos: ['http', 'tls', 'rtsp', 'mqtt'] });
    // Generous bound (CPU load): the hellos overlap the background wait instead of following it.
    expect(ms).toBeLessThan(LATE_GREETING_MS + 4 * TUNING.exchangeTimeoutMs);
  });

  it('a silent server gives up at once when the scan is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { value, ms } = await timed(() => identify(silent.port, controller.signal));
    expect(value.service).toBe('unknown');
    expect(ms).toBeLessThan(600);
  });

  it('names several ports of one device in one run, keeping their order', async () => {
    const ports = [protectedWeb.port, telnetd.port, ssh.port];
    const services = await serviceIdProbe.run(loopbackDevice(ports), testContext({ tuning: TUNING }));
    expect(services.map((s) => [s.port, s.service])).toEqual([[protectedWeb.port, 'http'], [telnetd.port, 'telnet'], [ssh.port, 'ssh']]);
  });
});
