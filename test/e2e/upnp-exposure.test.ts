// UPnP port mappings end to end on the lab: the home gateway (hgw) runs Debian's miniupnpd, and the
// DVR asked it at lab-up to forward external TCP 8080 to its web page (test/lab/devices/hgw.sh).
// A CLI scan without login consent reports that mapping on the DVR (family internet-exposure), the
// open port-mapping control on the gateway, and nothing of the family anywhere else; a
// --discover-only scan sends the gateway no SOAP request (miniupnpd's own log is the witness).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../backend/src/core/types.js';
import { expected, mamoriInLab } from './lab.js';

const lab = expected();
const STATE = process.env['LAB_NAME'] ? `/run/mamori-lab-${process.env['LAB_NAME']}` : '/run/mamori-lab';
const dvr = lab.devices.find((d) => d.name === 'dvr')!;
const hgw = lab.devices.find((d) => d.name === 'home-gateway-isp')!;
const secure = lab.devices.find((d) => d.name === 'secure-hub')!;
const mapping = (hgw as unknown as { upnpMappings: Array<{ externalPort: number; internalPort: number; internalClient: string; description: string; externalIp: string }> }).upnpMappings[0]!;
const scanner = lab.scanner.ip;

/** SOAP requests the scanner sent to miniupnpd so far, from its log ("POST /ctl/… from [::ffff:IP]"). */
function soapFromScanner(): number {
  const log = readFileSync(`${STATE}/logs/hgw-upnp.log`, 'utf8');
  return log.split('\n').filter((l) => l.includes(`HTTP REQUEST from [::ffff:${scanner}]`) && l.includes(': POST ')).length;
}

let result: ScanResult;
let soapBefore: number;
let soapAfterDiscovery: number;
let soapAfterScan: number;

describe('internet exposure through UPnP on the lab', () => {
  beforeAll(async () => {
    soapBefore = soapFromScanner();
    const discover = await mamoriInLab(['scan', '--cidr', lab.subnet, '--json', '-', '--quiet', '--discover-only'], 120_000);
    expect(discover.code, discover.stderr).toBe(0);
    const found = JSON.parse(discover.stdout) as ScanResult;
    expect(found.devices.find((d) => d.ip === hgw.ip)?.upnp.map((u) => u.location)).toContain(`http://${hgw.ip}:2869/rootDesc.xml`);
    soapAfterDiscovery = soapFromScanner();
    const run = await mamoriInLab(['scan', '--cidr', lab.subnet, '--json', '-', '--quiet', '--no-login-checks'], 120_000);
    expect(run.code, run.stderr).toBe(0);
    result = JSON.parse(run.stdout) as ScanResult;
    soapAfterScan = soapFromScanner();
  }, 300_000);

  it('the lab planted one mapping: external TCP 8080 to the DVR\'s port 80', () => {
    expect(mapping).toMatchObject({ externalPort: 8080, internalClient: dvr.ip, internalPort: 80 });
    expect(dvr.weaknesses).toContainEqual(expect.objectContaining({ family: 'internet-exposure', service: 'upnp', port: 80 }));
  });

  it('reports the mapping on the DVR, high, with the external port, address and description, without login consent', () => {
    expect(result.scan.loginChecks).toBe(false);
    const findings = result.findings.filter((f) => f.family === 'internet-exposure' && f.service === 'upnp');
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding).toMatchObject({ ip: dvr.ip, mac: dvr.mac, port: 80, transport: 'tcp', severity: 'high', confidence: 'confirmed', checkId: 'internet-exposure-upnp' });
    expect(finding.evidence).toContain(`TCP ${mapping.externalIp}:${mapping.externalPort}`);
    expect(finding.evidence).toContain(`"${mapping.description}"`);
    expect(finding.risk?.factors).toContain('exposure.internet.mapping');
    expect(finding.fix.length).toBeGreaterThan(2);
  });

  it('raises the risk of the DVR\'s other weakness on the forwarded port, not on its telnet', () => {
    const web = result.findings.find((f) => f.ip === dvr.ip && f.port === 80 && f.family === 'cleartext-service');
    const telnet = result.findings.find((f) => f.ip === dvr.ip && f.port === 23 && f.family === 'cleartext-service');
    expect(web?.risk?.factors).toContain('exposure.internet');
    expect(telnet?.risk?.factors).toContain('exposure.lan');
  });

  it('reports the open port-mapping control on the gateway, low', () => {
    const finding = result.findings.find((f) => f.family === 'internet-exposure' && f.service === 'upnp-igd');
    expect(finding).toMatchObject({ ip: hgw.ip, mac: hgw.mac, port: 2869, severity: 'low', confidence: 'confirmed' });
    expect(finding!.vendorFix?.vendor).toBe('nec-aterm');
  });

  it('reports internet exposure nowhere else: not on the secure device, not on any unmapped device', () => {
    const elsewhere = result.findings.filter((f) => f.family === 'internet-exposure' && f.ip !== dvr.ip && f.ip !== hgw.ip);
    expect(elsewhere).toEqual([]);
    expect(result.findings.filter((f) => f.ip === secure.ip && f.family === 'internet-exposure')).toEqual([]);
  });

  it('--discover-only sends the gateway no SOAP request; the full scan does (control)', () => {
    expect(soapAfterDiscovery).toBe(soapBefore);
    // One list entry, the 713 end and the external address: 3 requests, read once per scan.
    expect(soapAfterScan - soapAfterDiscovery).toBe(3);
  });
});
