// RTSP logins where Digest is not there or not usable: gst-rtsp-server configured with
// RTSPAuthMethod.BASIC (Basic only), and a camera firmware that offers RFC 7616 SHA-256 Digest
// (which we do not speak) next to Basic: the client falls back to Basic instead of failing.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtspDescribe, rtspLogin } from '../../../backend/src/protocols/rtsp.js';
import type { Daemon } from '../../helpers/daemon.js';
import { LOOPBACK, startTcpServer, type RunningServer } from '../../helpers/net.js';
import { startRtspServer } from '../../helpers/rtsp-server.js';

let basicOnly: Daemon;
let sha256Firmware: RunningServer;

/**
 * An RTSP/1.0 responder like cameras that moved to RFC 7616: every DESCRIBE without the Basic
 * credential admin:Cam-b4sic gets 401 with a SHA-256 Digest challenge and a Basic one.
 */
function sha256DigestCamera(socket: Socket): void {
  let buffered = '';
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
      const request = buffered.slice(0, end);
      buffered = buffered.slice(end + 4);
      const cseq = /\r\nCSeq: (\d+)/i.exec(request)?.[1] ?? '0';
      const ok = request.includes(`\r\nAuthorization: Basic ${Buffer.from('admin:Cam-b4sic').toString('base64')}`);
      socket.write(ok
        ? `RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\nContent-Type: application/sdp\r\nContent-Length: 4\r\n\r\nv=0\n`
        : `RTSP/1.0 401 Unauthorized\r\nCSeq: ${cseq}\r\nWWW-Authenticate: Digest realm="IPCAM", nonce="6d6f7265", algorithm=SHA-256, qop="auth"\r\nWWW-Authenticate: Basic realm="IPCAM"\r\nContent-Length: 0\r\n\r\n`);
    }
  });
}

beforeAll(async () => {
  [basicOnly, sha256Firmware] = await Promise.all([
    startRtspServer({ paths: ['/stream1'], basic: { user: 'admin', password: 'Cam-b4sic' } }),
    startTcpServer(sha256DigestCamera),
  ]);
});
afterAll(async () => { await Promise.all([basicOnly?.stop(), sha256Firmware?.close()]); });

const at = (port: number) => ({ host: LOOPBACK, port, timeoutMs: 3000 });

describe('rtsp client against a Basic-only gst-rtsp-server', () => {
  it('the server challenges with Basic and nothing else', async () => {
    const answer = await rtspDescribe(at(basicOnly.port), '/stream1');
    expect(answer.status).toBe(401);
    expect(answer.challenges.map((c) => c.scheme)).toEqual(['basic']);
  });

  it('Basic with the right pair gets 200; a wrong password gets 401 (negative control)', async () => {
    expect(await rtspLogin(at(basicOnly.port), '/stream1', 'admin', 'Cam-b4sic')).toMatchObject({ outcome: 'accepted', scheme: 'basic', statuses: [401, 200] });
    expect(await rtspLogin(at(basicOnly.port), '/stream1', 'admin', 'admin')).toMatchObject({ outcome: 'rejected', scheme: 'basic', statuses: [401, 401] });
  });
});

describe('rtsp client when the Digest offered is one it cannot answer (SHA-256)', () => {
  it('falls back to the Basic challenge: the right pair is accepted, a wrong one refused', async () => {
    expect(await rtspLogin(at(sha256Firmware.port), '/stream1', 'admin', 'Cam-b4sic')).toMatchObject({ outcome: 'accepted', scheme: 'basic', realm: 'IPCAM', statuses: [401, 200] });
    expect(await rtspLogin(at(sha256Firmware.port), '/stream1', 'admin', '12345')).toMatchObject({ outcome: 'rejected', scheme: 'basic', statuses: [401, 401] });
  });
});
