import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleartextServiceRtsp } from '../../../backend/src/checks/cleartext-service-rtsp.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startHttpServer, startSilentServer, type RunningServer } from '../../helpers/net.js';
import { startRtspServer } from '../../helpers/rtsp-server.js';
import { startAll } from '../../helpers/start-all.js';

let rtsp: Daemon;
let web: RunningServer;
let silent: RunningServer;

beforeAll(async () => {
  [rtsp, web, silent] = await startAll(
    startRtspServer({ paths: ['/stream1'], digest: { user: 'admin', password: 'Long-unguessable-7' } }),
    startHttpServer((_req, res) => res.end('hello')),
    startSilentServer(),
  );
}, 30_000);

afterAll(async () => {
  await Promise.all([rtsp?.stop(), web?.close(), silent?.close()]);
});

function target(port: number, encrypted = false): { device: Device; service: Service } {
  const service = { ...tcpService(port, 'rtsp'), encrypted };
  const device = loopbackDevice();
  device.services = [service];
  return { device, service };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 1500 } });

describe('cleartext-service-rtsp', () => {
  it('is registered, non-intrusive, one request, plain RTSP only', () => {
    expect(checks).toContain(cleartextServiceRtsp);
    expect(cleartextServiceRtsp).toMatchObject({ intrusive: false, maxAttempts: 1, finding: { family: 'cleartext-service', service: 'rtsp' } });
    expect(cleartextServiceRtsp.appliesTo(target(554))).toBe(true);
    expect(cleartextServiceRtsp.appliesTo(target(322, true))).toBe(false);
  });

  it('confirms real gst-rtsp-server answering OPTIONS on a plain connection (even with Digest on its streams)', async () => {
    const t = target(rtsp.port);
    const results = await cleartextServiceRtsp.run(t, ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.confidence).toBe('confirmed');
    expect(results[0]!.evidence).toMatch(new RegExp(`^port ${rtsp.port} answered OPTIONS with RTSP/1\\.0 200`));
    expect(buildFinding(cleartextServiceRtsp, t, results[0]!)).toMatchObject({ family: 'cleartext-service', service: 'rtsp' });
  });

  it('reports nothing on HTTP or a silent port (negative controls)', async () => {
    expect(await cleartextServiceRtsp.run(target(web.port), ctx())).toEqual([]);
    expect(await cleartextServiceRtsp.run(target(silent.port), testContext({ tuning: { exchangeTimeoutMs: 500 } }))).toEqual([]);
  });
});
