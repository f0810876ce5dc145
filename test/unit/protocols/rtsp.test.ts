import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtspDescribe, rtspLogin } from '../../../backend/src/protocols/rtsp.js';
import type { Daemon } from '../../helpers/daemon.js';
import { LOOPBACK, startSilentServer, timed, type RunningServer } from '../../helpers/net.js';
import { startRtspServer } from '../../helpers/rtsp-server.js';

// The lab's real GStreamer RTSP server (gst-rtsp-server), on loopback.
let protectedServer: Daemon;
let openServer: Daemon;
let silent: RunningServer;

beforeAll(async () => {
  [protectedServer, openServer, silent] = await Promise.all([
    startRtspServer({ paths: ['/Streaming/Channels/101'], digest: { user: 'admin', password: 'Str3am-pass' } }),
    startRtspServer({ paths: ['/live'] }),
    startSilentServer(),
  ]);
});
afterAll(async () => { await Promise.all([protectedServer?.stop(), openServer?.stop(), silent?.close()]); });

const at = (port: number, timeoutMs = 3000) => ({ host: LOOPBACK, port, timeoutMs });

describe('rtsp client against gst-rtsp-server on loopback', () => {
  it('DESCRIBE without credentials gets 401 with a Digest challenge', async () => {
    const answer = await rtspDescribe(at(protectedServer.port), '/Streaming/Channels/101');
    expect(answer.status).toBe(401);
    expect(answer.challenges.find((c) => c.scheme === 'digest')?.params['nonce']).toBeTruthy();
  });

  it('Digest with the right pair gets 200; a wrong password gets 401 (negative control)', async () => {
    const ok = await rtspLogin(at(protectedServer.port), '/Streaming/Channels/101', 'admin', 'Str3am-pass');
    expect(ok).toMatchObject({ outcome: 'accepted', scheme: 'digest', statuses: [401, 200] });
    const wrong = await rtspLogin(at(protectedServer.port), '/Streaming/Channels/101', 'admin', '12345');
    expect(wrong).toMatchObject({ outcome: 'rejected', statuses: [401, 401] });
  });

  it('an open stream is "open", not a login', async () => {
    expect((await rtspLogin(at(openServer.port), '/live', 'admin', 'x')).outcome).toBe('open');
  });

  it('a silent server fails within the timeout', async () => {
    const { ms } = await timed(() => rtspLogin(at(silent.port, 400), '/live', 'admin', 'x').catch((e: Error) => e));
    expect(ms).toBeLessThan(400 + 1000);
    await expect(rtspLogin(at(silent.port, 300), '/live', 'admin', 'x')).rejects.toThrow(/no RTSP answer/);
  });
});
