import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleartextServiceTelnet } from '../../../backend/src/checks/cleartext-service-telnet.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { startHttpServer, startSilentServer, timed, type RunningServer } from '../../helpers/net.js';
import { NO_PROMPT_SCRIPT, startBusyboxTelnetd, type Telnetd } from '../../helpers/telnetd.js';

let telnetd: Telnetd;
let noPrompt: Telnetd;
let web: RunningServer;
let silent: RunningServer;

beforeAll(async () => {
  [telnetd, noPrompt, web, silent] = await Promise.all([
    startBusyboxTelnetd(),
    startBusyboxTelnetd({ script: NO_PROMPT_SCRIPT }),
    startHttpServer((_req, res) => res.end('<title>Admin</title>')),
    startSilentServer(),
  ]);
});

afterAll(async () => {
  await Promise.all([telnetd?.stop(), noPrompt?.stop(), web?.close(), silent?.close()]);
});

function target(port: number, service = 'telnet'): { device: Device; service: Service } {
  const svc = tcpService(port, service);
  const device = loopbackDevice();
  device.services = [svc];
  return { device, service: svc };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 600 } });

describe('cleartext-service-telnet', () => {
  it('is registered, non-intrusive and bounded to one attempt', () => {
    expect(checks).toContain(cleartextServiceTelnet);
    expect(cleartextServiceTelnet).toMatchObject({ intrusive: false, maxAttempts: 1, finding: { family: 'cleartext-service', service: 'telnet' } });
  });

  it('applies to a TCP service named telnet, whatever the port, and to nothing else', () => {
    expect(cleartextServiceTelnet.appliesTo(target(2323))).toBe(true);
    expect(cleartextServiceTelnet.appliesTo(target(23, 'http'))).toBe(false);
    expect(cleartextServiceTelnet.appliesTo(target(23, 'unknown'))).toBe(false);
    const udp = target(23);
    expect(cleartextServiceTelnet.appliesTo({ device: udp.device, service: { ...udp.service, transport: 'udp' } })).toBe(false);
  });

  it('raises one confirmed result against real busybox telnetd, and it builds a finding', async () => {
    const t = target(telnetd.port);
    const results = await cleartextServiceTelnet.run(t, ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.confidence).toBe('confirmed');
    expect(results[0]!.evidence).toContain(`port ${telnetd.port} speaks telnet`);
    expect(results[0]!.evidence).toContain('offered a login prompt');
    const finding = buildFinding(cleartextServiceTelnet, t, results[0]!);
    expect(finding).toMatchObject({ family: 'cleartext-service', service: 'telnet', port: telnetd.port, severity: 'high', checkId: 'cleartext-service-telnet' });
    expect(finding.fix.length).toBeGreaterThan(0);
  });

  it('still reports telnet that negotiates without a login prompt', async () => {
    const results = await cleartextServiceTelnet.run(target(noPrompt.port), ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.evidence).toContain('negotiated telnet options');
  });

  it('raises nothing against a loopback HTTP server', async () => {
    expect(await cleartextServiceTelnet.run(target(web.port), ctx())).toEqual([]);
  });

  it('raises nothing against a silent server, within the exchange timeout', async () => {
    const { value, ms } = await timed(() => cleartextServiceTelnet.run(target(silent.port), ctx()));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(600 + 600);
  });
});
