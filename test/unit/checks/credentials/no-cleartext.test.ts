// No clear-text password anywhere: run the credential checks against real loopback daemons with
// planted factory passwords, then search the findings, the audit trail and every log line
// (debug level) for those passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../../../backend/src/checks/index.js';
import { createLogger } from '../../../../backend/src/core/logger.js';
import type { Device, Service } from '../../../../backend/src/core/types.js';
import { buildFinding } from '../../../../backend/src/findings/build.js';
import { loopbackDevice, tcpService, testContext } from '../../../helpers/context.js';
import { countingLoginScript } from '../../../helpers/login-scripts.js';
import { startSnmpd, type Snmpd } from '../../../helpers/snmpd.js';
import { startBusyboxTelnetd, type Telnetd } from '../../../helpers/telnetd.js';
import { startBasicServer, startFormServer, type LoginServer } from '../../../helpers/web-logins.js';

// Factory passwords the data knows, none equal to a user name or a word of the knowledge texts.
const PLANTED = { telnet: 'hiklinux', http: '12345', snmp: 'cisco' };
let telnetd: Telnetd;
let basic: LoginServer;
let form: LoginServer;
let agent: Snmpd;

beforeAll(async () => {
  [telnetd, basic, form, agent] = await Promise.all([
    startBusyboxTelnetd({ script: countingLoginScript('root', PLANTED.telnet) }),
    startBasicServer({ user: 'admin', password: PLANTED.http }),
    startFormServer('openwrt-luci', { user: 'root', password: 'Long-unique-Pa55' }),
    startSnmpd(PLANTED.snmp),
  ]);
});
afterAll(async () => { await Promise.all([telnetd?.stop(), basic?.close(), form?.close(), agent?.stop()]); });

describe('credential checks never reveal a password', () => {
  it('findings, attempts and debug logs hold masked secrets only', async () => {
    const lines: string[] = [];
    const ctx = { ...testContext(), log: createLogger({ level: 'debug', write: (line) => { lines.push(line); } }) };
    const device: Device = loopbackDevice([], 'a4:14:37:00:00:11');
    device.vendor = 'Hangzhou Hikvision Digital Technology Co.,Ltd.';
    const services: Service[] = [
      tcpService(telnetd.port, 'telnet'),
      { ...tcpService(basic.port, 'http'), http: { status: 401, server: null, title: null, authScheme: 'Basic', realm: 'x' } },
      { ...tcpService(form.port, 'http'), http: { status: 200, server: null, title: 'OpenWrt - LuCI', authScheme: null, realm: null } },
      { port: agent.port, transport: 'udp', service: 'snmp', encrypted: false, banner: null, product: null },
    ];
    device.services = services;
    // The SNMP agent sits on a second device, a Cisco router (its vendor community is "cisco").
    const router: Device = loopbackDevice([], '00:1d:7e:00:00:32');
    router.vendor = 'Cisco Systems, Inc';
    router.services = [services.pop()!];
    const findings = [];
    for (const target of [...services.map((service) => ({ device, service })), { device: router, service: router.services[0]! }]) {
      for (const check of checks.filter((c) => c.tags.includes('credentials') && c.appliesTo(target))) {
        for (const result of await check.run(target, ctx)) findings.push(buildFinding(check, target, result));
      }
    }
    // The planted weaknesses were found (so the search below is not vacuous)…
    expect(findings.filter((f) => f.family === 'default-credentials').map((f) => f.service).sort()).toEqual(['http', 'snmp', 'telnet']);
    expect(lines.some((l) => l.includes('credential attempt'))).toBe(true);
    // …and no planted password appears as a word anywhere.
    const everything = [JSON.stringify(findings), JSON.stringify(ctx.attempts), ...lines].join('\n');
    for (const secret of Object.values(PLANTED)) {
      expect(new RegExp(`(^|[^A-Za-z0-9_])${secret}([^A-Za-z0-9_]|$)`).test(everything), secret).toBe(false);
    }
  });
});
