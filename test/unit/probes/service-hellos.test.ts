// Service identification of client-first protocols that ignore HTTP, each by its own hello on its
// own port, against a real server on a random 127.x.y.z address: RDP (FreeRDP's shadow server).
// ADB and SMB are covered in test/unit/checks/adb.test.ts and smb.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { connectionRequest, parseConnectionConfirm, rdpHello } from '../../../backend/src/protocols/rdp.js';
import { tcpService, testContext } from '../../helpers/context.js';
import { randomLoopbackAddress } from '../../helpers/loopback-address.js';
import { startTcpServer, type RunningServer } from '../../helpers/net.js';
import { startRdpServer, type RdpServer } from '../../helpers/rdp-server.js';

let rdp: RdpServer;
let silent: RunningServer;

beforeAll(async () => {
  [rdp, silent] = await Promise.all([startRdpServer(randomLoopbackAddress()), startTcpServer()]);
}, 30_000);
afterAll(async () => { await Promise.all([rdp?.stop(), silent?.close()]); });

describe('RDP', () => {
  it('the connection request is the 19-byte TPKT/X.224 CR with an RDP negotiation request', () => {
    // TPKT 3/19, X.224 CR (LI 14, 0xE0, refs 0, class 0), RDP_NEG_REQ: TLS | CredSSP | CredSSP-early.
    expect(connectionRequest().toString('hex')).toBe('030000130ee00000000000010008000b000000');
  });

  it('reads the security FreeRDP picked from its connection confirm', async () => {
    const confirm = await rdpHello({ host: rdp.host, port: rdp.port, timeoutMs: 5000 });
    expect(confirm).toEqual({ security: expect.stringMatching(/^(tls|credssp)$/), failureCode: null });
  });

  it('service identification names port 3389 "rdp"', async () => {
    const device = emptyDevice(rdp.host, null);
    device.services = [tcpService(3389)];
    const [service] = await serviceIdProbe.run(device, testContext({ tuning: { exchangeTimeoutMs: 5000 } }));
    expect(service).toMatchObject({ service: 'rdp', banner: expect.stringMatching(/^RDP X\.224 connection confirm: /) });
  });

  it('a negotiation failure and garbage are told apart', () => {
    const failure = Buffer.from('030000130ed00000123400030008000500000000'.slice(0, 38), 'hex'); // RDP_NEG_FAILURE, code 5
    expect(parseConnectionConfirm(failure)).toEqual({ security: null, failureCode: 5 });
    expect(parseConnectionConfirm(Buffer.from('HTTP/1.1 400 Bad'))).toBeNull();
  });
});
