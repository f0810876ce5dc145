// The software-age checks end to end on loopback: service identification reads what a server
// announces, the inventory names it, the checks match the catalogue. Planted: tiny servers that
// answer with the exact strings old devices send (two HTTP implementations). Controls: Debian's
// own dropbear and lighttpd, and a back-ported OpenSSH greeting, stay clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import { knownVulnerabilitySoftware } from '../../../backend/src/checks/known-vulnerability-software.js';
import { outdatedSoftware } from '../../../backend/src/checks/outdated-software.js';
import type { Device, Finding } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { softwareInventory } from '../../../backend/src/identify/software.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import {
  startDropbear, startGreeter, startLighttpd, startNodeHttp, startPythonHttp, type BannerServer,
} from '../../helpers/banner-servers.js';
import { loopbackDevice, testContext } from '../../helpers/context.js';

const SERVERS = {
  dropbear2014: () => startGreeter('SSH-2.0-dropbear_2014.63\r\n'),
  vsftpdBackdoor: () => startGreeter('220 (vsFTPd 2.3.4)\r\n'),
  debianOpenssh: () => startGreeter('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'),
  boaNode: () => startNodeHttp('Boa/0.94.14rc21'),
  boaPython: () => startPythonHttp('Boa/0.94.14rc21'),
  romPagerNode: () => startNodeHttp('RomPager/4.07 UPnP/1.0'),
  apacheKevPython: () => startPythonHttp('Apache/2.4.49 (Unix)'),
  realDropbear: startDropbear,
  realLighttpd: startLighttpd,
} satisfies Record<string, () => Promise<BannerServer>>;

const running: Partial<Record<keyof typeof SERVERS, BannerServer>> = {};

beforeAll(async () => {
  const names = Object.keys(SERVERS) as Array<keyof typeof SERVERS>;
  const started = await Promise.allSettled(names.map((name) => SERVERS[name]()));
  started.forEach((result, i) => { if (result.status === 'fulfilled') running[names[i]!] = result.value; });
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}, 60_000);
afterAll(async () => { await Promise.all(Object.values(running).map((s) => s.stop())); });

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 4000, greetingMs: 1500 } });

/** Identification as the scan does it (real probe), then every registered check that applies. */
async function scan(name: keyof typeof SERVERS): Promise<{ device: Device; findings: Finding[] }> {
  const server = running[name]!;
  const device = loopbackDevice([server.port]);
  device.services = await serviceIdProbe.run(device, ctx());
  device.software = softwareInventory(device);
  const findings: Finding[] = [];
  for (const service of device.services) {
    for (const check of checks) {
      if (check.intrusive || !check.appliesTo({ device, service })) continue;
      if (check !== knownVulnerabilitySoftware && check !== outdatedSoftware) continue;
      for (const result of await check.run({ device, service }, ctx())) findings.push(buildFinding(check, { device, service }, result));
    }
  }
  return { device, findings };
}

describe('software age on loopback: planted old versions are reported with the right CVE and family', () => {
  it('dropbear 2014.63 greeting → known-vulnerability, CVE-2016-7406, critical, likely', async () => {
    const { device, findings } = await scan('dropbear2014');
    expect(device.software?.[0]).toMatchObject({ product: 'dropbear_ssh', version: '2014.63', source: 'ssh-banner', raw: 'SSH-2.0-dropbear_2014.63' });
    expect(device.software?.[0]?.cpe).toBe('cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:2014.63:*:*:*:*:*:*:*');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ family: 'known-vulnerability', service: 'software', confidence: 'likely', severity: 'critical', checkId: 'known-vulnerability-software' });
    expect(findings[0]!.evidence).toContain('CVE-2016-7406');
    expect(findings[0]!.evidence).toContain('"SSH-2.0-dropbear_2014.63"');
    expect(findings[0]!.evidence).toContain('nvd.nist.gov/vuln/detail/CVE-2016-7406');
  });

  it('vsftpd 2.3.4 greeting → CVE-2011-2523', async () => {
    const { findings } = await scan('vsftpdBackdoor');
    expect(findings.map((f) => f.family)).toEqual(['known-vulnerability']);
    expect(findings[0]!.evidence).toContain('CVE-2011-2523');
  });

  it.each(['boaNode', 'boaPython'] as const)('Server: Boa/0.94.14rc21 (%s) → outdated-software, end of life', async (name) => {
    const { device, findings } = await scan(name);
    expect(device.software?.map((s) => s.cpe)).toEqual(['cpe:2.3:a:boa:boa:0.94.14rc21:*:*:*:*:*:*:*']);
    expect(findings.map((f) => [f.family, f.severity, f.confidence])).toEqual([['outdated-software', 'medium', 'likely']]);
    expect(findings[0]!.evidence).toContain('boa-end-of-life');
    expect(findings[0]!.evidence).toContain('http://www.boa.org/news.html');
  });

  it('Server: RomPager/4.07 → Misfortune Cookie, CVE-2014-9222', async () => {
    const { findings } = await scan('romPagerNode');
    expect(findings.map((f) => f.family)).toEqual(['known-vulnerability']);
    expect(findings[0]!.evidence).toContain('CVE-2014-9222');
  });

  it('Server: Apache/2.4.49 (Unix) → both path traversal CVEs, raised to critical by CISA KEV', async () => {
    const { findings } = await scan('apacheKevPython');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('critical');
    expect(findings[0]!.evidence).toMatch(/CVE-2021-41773.*on CISA KEV/);
    expect(findings[0]!.evidence).toContain('CVE-2021-42013');
  });
});

describe('software age on loopback: well-kept servers stay clean (negative controls)', () => {
  it('Debian\'s own dropbear: in the inventory, no finding', async () => {
    const { device, findings } = await scan('realDropbear');
    expect(device.software?.[0]).toMatchObject({ product: 'dropbear_ssh', source: 'ssh-banner', distroBuild: null });
    expect(device.software?.[0]?.version).toMatch(/^20(2[2-9]|[3-9]\d)\.\d+$/);
    expect(findings).toEqual([]);
  });

  it('Debian\'s own lighttpd: in the inventory, no finding', async () => {
    const { device, findings } = await scan('realLighttpd');
    expect(device.software?.[0]).toMatchObject({ product: 'lighttpd', source: 'http-server' });
    expect(findings).toEqual([]);
  });

  it('a Debian OpenSSH 9.2p1 greeting (regreSSHion range, fix back-ported) is silent', async () => {
    const { device, findings } = await scan('debianOpenssh');
    expect(device.software?.[0]).toMatchObject({ product: 'openssh', version: '9.2p1', distroBuild: 'Debian' });
    expect(findings).toEqual([]);
  });
});
