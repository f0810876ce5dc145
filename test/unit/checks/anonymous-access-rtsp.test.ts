import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessRtsp, rtspPathsFor } from '../../../backend/src/checks/anonymous-access-rtsp.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startHttpServer, startSilentServer, timed, type RunningServer } from '../../helpers/net.js';
import { startRtspServer } from '../../helpers/rtsp-server.js';
import { startAll } from '../../helpers/start-all.js';

let open: Daemon;
let protectedCam: Daemon;
let silent: RunningServer;
let web: RunningServer;

beforeAll(async () => {
  [open, protectedCam, silent, web] = await startAll(
    startRtspServer({ paths: ['/cam/realmonitor'] }),
    startRtspServer({ paths: ['/stream1', '/Streaming/Channels/101', '/live'], digest: { user: 'admin', password: 'Long-unguessable-7' } }),
    startSilentServer(),
    // Answers 200 to everything, but with HTML, not a stream description.
    startHttpServer((_req, res) => res.end('<html>ok</html>')),
  );
}, 30_000);

afterAll(async () => {
  await Promise.all([open?.stop(), protectedCam?.stop(), silent?.close(), web?.close()]);
});

function target(port: number, vendor: string | null = null): { device: Device; service: Service } {
  const service = tcpService(port, 'rtsp');
  const device = { ...loopbackDevice(), vendor };
  device.services = [service];
  return { device, service };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 2000 } });

describe('anonymous-access-rtsp', () => {
  it('is registered, non-intrusive, and tries at most 10 paths, the vendor\'s first', () => {
    expect(checks).toContain(anonymousAccessRtsp);
    expect(anonymousAccessRtsp).toMatchObject({ intrusive: false, maxAttempts: 10, finding: { family: 'anonymous-access', service: 'rtsp' } });
    const dahua = rtspPathsFor({ vendor: 'Zhejiang Dahua Technology Co., Ltd.' });
    expect(dahua[0]).toBe('/cam/realmonitor?channel=1&subtype=0');
    expect(dahua.length).toBeLessThanOrEqual(10);
    expect(new Set(dahua).size).toBe(dahua.length);
    expect(rtspPathsFor({ vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.' })[0]).toBe('/Streaming/Channels/101');
    expect(rtspPathsFor({ vendor: null })[0]).toBe('/live/ch00_0');
  });

  it('confirms a stream real gst-rtsp-server serves without credentials (Dahua path, found first for a Dahua device)', async () => {
    const t = target(open.port, 'Zhejiang Dahua Technology Co., Ltd.');
    const results = await anonymousAccessRtsp.run(t, ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.confidence).toBe('confirmed');
    expect(results[0]!.evidence).toMatch(new RegExp(`DESCRIBE rtsp://127\\.0\\.0\\.1:${open.port}/cam/realmonitor\\?channel=1&subtype=0 was answered 200 with a stream description \\(video JPEG\\) without any credential$`));
    expect(buildFinding(anonymousAccessRtsp, t, results[0]!)).toMatchObject({ family: 'anonymous-access', service: 'rtsp', port: open.port });
  });

  it('finds the open stream from the generic list when the vendor is unknown', async () => {
    const results = await anonymousAccessRtsp.run(target(open.port), ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.evidence).toContain('/cam/realmonitor?channel=1&subtype=0 was answered 200');
    expect(results[0]!.evidence).toContain('before it: /live/ch00_0 → 404');
  });

  it('reports nothing when every stream needs Digest (401), as on the lab camera (negative control)', async () => {
    expect(await anonymousAccessRtsp.run(target(protectedCam.port, 'Hangzhou Hikvision Digital Technology Co.,Ltd.'), ctx())).toEqual([]);
  });

  it('reports nothing on a tarpit (one timeout, not ten) nor on a web server answering 200 with HTML', async () => {
    const { value, ms } = await timed(() => anonymousAccessRtsp.run(target(silent.port), testContext({ tuning: { exchangeTimeoutMs: 600 } })));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(600 + 500);
    expect(await anonymousAccessRtsp.run(target(web.port), ctx())).toEqual([]);
  });
});
