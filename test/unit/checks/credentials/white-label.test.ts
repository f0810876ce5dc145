// A white-label camera board: real busybox telnetd + busybox login, host name unset ("(none)
// login:"), factory password root/xmhdipc (XiongMai-based boards; not in the common list), on a
// MAC whose IEEE vendor is a Wi-Fi module maker. The service scan names the port from its greeting,
// and the telnet check picks the board family's pairs from that banner. The same board with its
// own password stays clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairsFor } from '../../../../backend/src/checks/credentials/select.js';
import { defaultCredentialsTelnet } from '../../../../backend/src/checks/default-credentials-telnet.js';
import { DEFAULT_TUNING } from '../../../../backend/src/config/tuning.js';
import type { Device } from '../../../../backend/src/core/types.js';
import { serviceIdProbe } from '../../../../backend/src/probes/service-id.js';
import { canRunBusyboxLogin, startBusyboxLogin } from '../../../helpers/busybox-login.js';
import { loopbackDevice, testContext } from '../../../helpers/context.js';
import type { Daemon } from '../../../helpers/daemon.js';

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: DEFAULT_TUNING.exchangeTimeoutMs, loginAnswerMs: DEFAULT_TUNING.loginAnswerMs } });

let board: Daemon;
let secured: Daemon;

beforeAll(async () => {
  if (!canRunBusyboxLogin()) return;
  [board, secured] = await Promise.all([
    startBusyboxLogin({ user: 'root', password: 'xmhdipc' }),
    startBusyboxLogin({ user: 'root', password: 'Long-unique-Pa55' }),
  ]);
});
afterAll(async () => { await Promise.all([board?.stop(), secured?.stop()]); });

/** The device as the scan sees it: a module maker's MAC, the telnet service named by service-id. */
async function scanned(port: number): Promise<Device> {
  const device = loopbackDevice([port], '2c:c3:e6:00:00:42');
  device.vendor = 'Shenzhen Bilian Electronic Co.,Ltd';
  device.services = await serviceIdProbe.run(device, testContext({ tuning: { greetingMs: 1500, exchangeTimeoutMs: 2000 } }));
  return device;
}

describe.runIf(canRunBusyboxLogin())('white-label board found from its "(none) login:" prompt', () => {
  it('the factory pair is not in the common list: without the banner it would not be tried', () => {
    const plain = loopbackDevice([]);
    plain.vendor = 'Shenzhen Bilian Electronic Co.,Ltd';
    expect(pairsFor('telnet', plain).slice(0, 9).some((p) => p.password === 'xmhdipc')).toBe(false);
  });

  it('finds root/xmhdipc, confirmed by the refused control', { timeout: 120_000 }, async () => {
    const device = await scanned(board.port);
    const service = device.services[0]!;
    expect(service).toMatchObject({ service: 'telnet' });
    expect(service.banner).toMatch(/\(none\) login:/);
    const context = ctx();
    const results = await defaultCredentialsTelnet.run({ device, service }, context);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'login accepted for r**t / x*****c; a random wrong password was refused' }]);
    expect(context.attempts.map((a) => a.outcome).slice(-2)).toEqual(['accepted', 'rejected']);
  });

  it('the same board with its own password stays clean', { timeout: 120_000 }, async () => {
    const device = await scanned(secured.port);
    const context = ctx();
    expect(await defaultCredentialsTelnet.run({ device, service: device.services[0]! }, context)).toEqual([]);
    expect(context.attempts.length).toBe(9);
    expect(context.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
  });
});
