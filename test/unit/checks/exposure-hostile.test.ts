// Every exposure check against hostile loopback servers — a tarpit, a 10 MB banner, a server that
// resets, one that trickles a byte every 100 ms and never closes, a web server that answers and then
// trickles its body: no result, and each run bounded
// by about one exchange timeout (the lab's hostile host does the same end to end).
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessFtp } from '../../../backend/src/checks/anonymous-access-ftp.js';
import { anonymousAccessHttp } from '../../../backend/src/checks/anonymous-access-http.js';
import { anonymousAccessMqtt } from '../../../backend/src/checks/anonymous-access-mqtt.js';
import { anonymousAccessRtsp } from '../../../backend/src/checks/anonymous-access-rtsp.js';
import { cleartextServiceFtp } from '../../../backend/src/checks/cleartext-service-ftp.js';
import { cleartextServiceHttp } from '../../../backend/src/checks/cleartext-service-http.js';
import { cleartextServiceMqtt } from '../../../backend/src/checks/cleartext-service-mqtt.js';
import { cleartextServiceRtsp } from '../../../backend/src/checks/cleartext-service-rtsp.js';
import { tlsWeaknessHttps } from '../../../backend/src/checks/tls-weakness-https.js';
import { tlsWeaknessMqtts } from '../../../backend/src/checks/tls-weakness-mqtts.js';
import type { Check } from '../../../backend/src/core/plugins.js';
import { probePort } from '../../../backend/src/protocols/tcp.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { LOOPBACK, startSilentServer, startTcpServer, timed, type RunningServer } from '../../helpers/net.js';

const TIMEOUT = 500;
const BANNER = 10 * 1024 * 1024;

function flood(socket: Socket, prefix: string): void {
  const block = Buffer.alloc(64 * 1024, 'HOSTILE ');
  let sent = 0;
  const pump = (): void => {
    if (socket.write(sent === 0 ? Buffer.concat([Buffer.from(prefix), block]) : block)) sent += block.length;
    else { socket.once('drain', pump); return; }
    if (sent < BANNER && !socket.destroyed) setImmediate(pump);
  };
  pump();
}

function trickle(socket: Socket): void {
  const text = 'Loading firmware, please wait' + '.'.repeat(1000);
  let i = 0;
  const timer = setInterval(() => { if (socket.destroyed) clearInterval(timer); else socket.write(text[i++ % text.length]!); }, 100);
  socket.on('close', () => clearInterval(timer));
}

/** Answers like a web server, then sends its promised megabyte one byte every 100 ms. */
function slowHttp(socket: Socket): void {
  socket.once('data', () => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n<html><title>Admin</title>');
    trickle(socket);
  });
}

let hostile: Record<string, RunningServer>;

beforeAll(async () => {
  const [tarpit, banner, ftpBanner, reset, trickler, slow] = await Promise.all([
    startSilentServer(),
    startTcpServer((s) => flood(s, '')),
    startTcpServer((s) => flood(s, '220-')),
    startTcpServer((s) => s.resetAndDestroy()),
    startTcpServer(trickle),
    startTcpServer(slowHttp),
  ]);
  hostile = { tarpit, banner, ftpBanner, reset, trickler, slow };
});

afterAll(async () => {
  await Promise.all(Object.values(hostile ?? {}).map((s) => s.close()));
});

const CASES: Array<[Check, string]> = [
  [anonymousAccessFtp, 'ftp'], [cleartextServiceFtp, 'ftp'], [anonymousAccessMqtt, 'mqtt'], [cleartextServiceMqtt, 'mqtt'],
  [anonymousAccessRtsp, 'rtsp'], [cleartextServiceRtsp, 'rtsp'], [anonymousAccessHttp, 'http'], [cleartextServiceHttp, 'http'],
  [tlsWeaknessHttps, 'https'], [tlsWeaknessMqtts, 'mqtts'],
];

describe.each(CASES.map(([check, service]) => [check.id, check, service] as const))('%s against hostile servers', (_id, check, service) => {
  it.each(['tarpit', 'banner', 'ftpBanner', 'reset', 'trickler', 'slow'])('%s: no result, within its budget (at most two exchange timeouts)', async (name) => {
    const svc = { ...tcpService(hostile[name]!.port, service), encrypted: service.endsWith('s') };
    const device = loopbackDevice();
    device.services = [svc];
    const { value, ms } = await timed(() => check.run({ device, service: svc }, testContext({ tuning: { exchangeTimeoutMs: TIMEOUT } })).catch(() => []));
    expect(value).toEqual([]);
    // A check may spend its budget of two exchange timeouts (HTTP, RTSP), never more.
    expect(ms).toBeLessThan(2 * TIMEOUT + 600);
  });
});

describe('connect scan of a server that accepts, then resets', () => {
  it('says open (a closed port answers ECONNREFUSED, never ECONNRESET)', async () => {
    const states = await Promise.all(Array.from({ length: 20 }, () => probePort({ host: LOOPBACK, port: hostile.reset!.port, timeoutMs: 1000 })));
    expect(new Set(states)).toEqual(new Set(['open']));
  });
});
