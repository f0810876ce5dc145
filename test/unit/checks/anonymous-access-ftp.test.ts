import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessFtp } from '../../../backend/src/checks/anonymous-access-ftp.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { parseFtpReply } from '../../../backend/src/protocols/ftp.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startSilentServer, startTcpServer, timed, type RunningServer } from '../../helpers/net.js';
import { startVsftpd } from '../../helpers/vsftpd.js';
import { startAll } from '../../helpers/start-all.js';

let open: Daemon;
let closed: Daemon;
let silent: RunningServer;
let flood: RunningServer;

beforeAll(async () => {
  [open, closed, silent, flood] = await startAll(
    startVsftpd({ anonymous: true, local: false }),
    startVsftpd({ anonymous: false, local: true }),
    startSilentServer(),
    // A hostile "FTP" server: a multi-line 220 that never ends, 1 MB of it.
    startTcpServer((socket) => { socket.write(`220-${'A'.repeat(1024 * 1024)}`); }),
  );
}, 30_000);

afterAll(async () => {
  await Promise.all([open?.stop(), closed?.stop(), silent?.close(), flood?.close()]);
});

function target(port: number): { device: Device; service: Service } {
  const service = tcpService(port, 'ftp');
  const device = loopbackDevice();
  device.services = [service];
  return { device, service };
}

// PAM's failure delay makes vsftpd answer a refused login after about 2 s.
const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 3000 } });

describe('anonymous-access-ftp', () => {
  it('is registered, non-intrusive (no credential) and bounded', () => {
    expect(checks).toContain(anonymousAccessFtp);
    expect(anonymousAccessFtp).toMatchObject({ intrusive: false, maxAttempts: 2, finding: { family: 'anonymous-access', service: 'ftp' } });
    expect(anonymousAccessFtp.appliesTo(target(21))).toBe(true);
    expect(anonymousAccessFtp.appliesTo({ ...target(21), service: tcpService(21, 'telnet') })).toBe(false);
  });

  it('confirms anonymous login on real vsftpd with anonymous_enable=YES, with the 230 reply as evidence', async () => {
    const t = target(open.port);
    const results = await anonymousAccessFtp.run(t, ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.confidence).toBe('confirmed');
    expect(results[0]!.evidence).toMatch(/anonymous login as "anonymous" accepted: the server answered 230 "Login successful\."/);
    const finding = buildFinding(anonymousAccessFtp, t, results[0]!);
    expect(finding).toMatchObject({ family: 'anonymous-access', service: 'ftp', port: open.port, checkId: 'anonymous-access-ftp' });
  });

  it('reports nothing on real vsftpd with anonymous_enable=NO (negative control)', async () => {
    expect(await anonymousAccessFtp.run(target(closed.port), ctx())).toEqual([]);
  });

  it('reports nothing on a silent server, within the exchange timeout', async () => {
    const { value, ms } = await timed(() => anonymousAccessFtp.run(target(silent.port), testContext({ tuning: { exchangeTimeoutMs: 600 } })));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(600 + 500);
  });

  it('gives up on an endless banner at the byte cap, quickly', async () => {
    const { value, ms } = await timed(() => anonymousAccessFtp.run(target(flood.port), testContext({ tuning: { exchangeTimeoutMs: 1500 } })));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });
});

describe('FTP reply parser', () => {
  it('reads single-line and multi-line replies, and waits for the end of a multi-line one', () => {
    expect(parseFtpReply('230 Login successful.\r\n')).toEqual({ reply: { code: 230, text: 'Login successful.' }, used: 23 });
    const multi = '211-Features:\r\n AUTH TLS\r\n PBSZ\r\n211 End\r\n331 next';
    expect(parseFtpReply(multi)?.reply).toEqual({ code: 211, text: 'Features:\n AUTH TLS\n PBSZ\nEnd' });
    expect(parseFtpReply('211-Features:\r\n AUTH TLS\r\n')).toBeNull();
    expect(parseFtpReply('hello\r\n')).toBeNull();
  });
});
