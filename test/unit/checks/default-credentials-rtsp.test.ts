import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsRtsp } from '../../../backend/src/checks/default-credentials-rtsp.js';
import { checks } from '../../../backend/src/checks/index.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startRtspServer } from '../../helpers/rtsp-server.js';

// The lab's real GStreamer RTSP server on loopback (the e2e test covers the lab camera itself).
let hikvision: Daemon;
let secure: Daemon;
let open: Daemon;

beforeAll(async () => {
  [hikvision, secure, open] = await Promise.all([
    startRtspServer({ paths: ['/Streaming/Channels/101'], digest: { user: 'admin', password: '12345' } }),
    startRtspServer({ paths: ['/stream1'], digest: { user: 'admin', password: 'Long-unique-Pa55' } }),
    startRtspServer({ paths: ['/live', '/stream1'] }),
  ]);
});
afterAll(async () => { await Promise.all([hikvision?.stop(), secure?.stop(), open?.stop()]); });

function target(port: number, vendor: string | null) {
  const device = loopbackDevice([], 'a4:14:37:00:00:11');
  device.vendor = vendor;
  const service = { ...tcpService(port, 'rtsp'), product: 'GStreamer RTSP server' };
  device.services = [service];
  return { device, service };
}

describe('default-credentials-rtsp against gst-rtsp-server (Digest) on loopback', () => {
  it('is registered with the credential metadata', () => {
    expect(checks).toContain(defaultCredentialsRtsp);
    expect(defaultCredentialsRtsp).toMatchObject({ intrusive: true, tags: ['credentials'], maxAttempts: 10 });
  });

  it('finds the Hikvision pair on the Hikvision stream path, with the control', async () => {
    const ctx = testContext({ tuning: { exchangeTimeoutMs: 2000 } });
    const results = await defaultCredentialsRtsp.run(target(hikvision.port, 'Hangzhou Hikvision Digital Technology Co.,Ltd.'), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'RTSP DESCRIBE /Streaming/Channels/101 accepted for a***n / 1***5; a random wrong password was refused' }]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['accepted', 'rejected']);
  });

  it('secured stream: nothing reported, within maxAttempts', async () => {
    const ctx = testContext({ tuning: { exchangeTimeoutMs: 2000 } });
    expect(await defaultCredentialsRtsp.run(target(secure.port, null), ctx)).toEqual([]);
    expect(ctx.attempts.length).toBeGreaterThan(0);
    expect(ctx.attempts.length).toBeLessThanOrEqual(9);
    expect(ctx.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
  });

  it('an open stream is left to anonymous-access: no login tried', async () => {
    const ctx = testContext({ tuning: { exchangeTimeoutMs: 2000 } });
    expect(await defaultCredentialsRtsp.run(target(open.port, null), ctx)).toEqual([]);
    expect(ctx.attempts).toEqual([]);
  });
});
