// The walking skeleton end to end: the CLI scans the lab from its scanner namespace and the
// result matches the lab's ground truth (test/lab/expected.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../backend/src/core/types.js';
import { expected, mamoriInLab, ROOT, SCANNER_NS, sentPackets } from './lab.js';

const lab = expected();
let result: ScanResult;
let stderr: string;

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'backend/schema/scan-result.schema.json'), 'utf8')));
}

describe('mamori scan on the lab', () => {
  beforeAll(async () => {
    const run = await mamoriInLab(['scan', '--cidr', lab.subnet, '--json', '-']);
    stderr = run.stderr;
    expect(run.code, run.stderr).toBe(0);
    result = JSON.parse(run.stdout) as ScanResult;
  });

  it('writes JSON that matches the schema kept in the repo', () => {
    const validate = validator();
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.scan.targets).toEqual([lab.subnet]);
    expect(result.scan.interface).toBe(lab.scanner.interface);
    expect(result.scan.stats.addressesProbed).toBe(254);
    expect(result.scan.stats.devicesFound).toBe(result.devices.length);
  });

  it('shows progress on standard error and keeps standard output pure JSON', () => {
    expect(stderr).toMatch(/discovery/);
    expect(stderr).toMatch(/found 10\.77\.0\.11/);
  });

  it('finds every lab host, and nothing else, by ARP — the firewalled one too', () => {
    const found = result.devices.map((d) => d.ip).sort();
    expect(found).toEqual(lab.devices.map((d) => d.ip).sort());
    for (const device of result.devices) expect(device.discoveredBy).toContain('arp');
  });

  it.each(lab.devices.map((d) => [d.name, d] as const))('%s: right MAC and IEEE vendor', (_name, want) => {
    const device = result.devices.find((d) => d.ip === want.ip)!;
    expect(device.mac).toBe(want.mac);
    expect(device.randomizedMac).toBe(want.randomizedMac);
    expect(device.vendor).toBe(want.randomizedMac ? null : want.vendor);
  });

  it.each(lab.devices.map((d) => [d.name, d] as const))('%s: exactly the open TCP ports, named by what they say', (_name, want) => {
    const device = result.devices.find((d) => d.ip === want.ip)!;
    const tcp = device.services.filter((s) => s.transport === 'tcp');
    expect(tcp.map((s) => s.port).sort((a, b) => a - b)).toEqual([...want.tcpPorts].sort((a, b) => a - b));
    for (const service of tcp) {
      const named = want.services[String(service.port)];
      if (named) expect(`${service.port}/${service.service}`).toBe(`${service.port}/${named}`);
    }
  });

  it('raises the telnet cleartext finding on the camera, confirmed', () => {
    const camera = lab.devices.find((d) => d.weaknesses.some((w) => w.family === 'cleartext-service' && w.service === 'telnet'))!;
    const finding = result.findings.find((f) => f.ip === camera.ip && f.family === 'cleartext-service' && f.service === 'telnet');
    expect(finding).toBeDefined();
    expect(finding!.confidence).toBe('confirmed');
    expect(finding!.mac).toBe(camera.mac);
    expect(finding!.fix.length).toBeGreaterThan(0);
  });

  it('inventories the open broker\'s own $SYS/broker/version, marked so that no catalogue row fires (#16)', () => {
    const hub = lab.devices.find((d) => d.weaknesses.some((w) => w.family === 'anonymous-access' && w.service === 'mqtt'))!;
    const device = result.devices.find((d) => d.ip === hub.ip)!;
    const item = (device.software ?? []).find((i) => i.source === 'mqtt-sys-version');
    expect(item).toMatchObject({ product: 'mosquitto', raw: expect.stringMatching(/^mosquitto version \d+\.\d+/), distroBuild: 'possibly Debian/Ubuntu' });
    expect(device.services.find((s) => s.port === item!.port)!.mqtt).toEqual({ version: item!.raw });
  });

  it('raises nothing that is not planted, and nothing but TLS on the well-configured device', () => {
    for (const finding of result.findings) {
      const device = lab.devices.find((d) => d.ip === finding.ip)!;
      const planted = device.weaknesses.some((w) => w.family === finding.family && w.service === finding.service && w.port === finding.port);
      expect(planted, `unexpected ${finding.family}/${finding.service} on ${finding.ip}:${finding.port}`).toBe(true);
    }
    const secure = lab.devices.find((d) => d.weaknesses.every((w) => w.family === 'tls-weakness') && d.tcpPorts.includes(22))!;
    expect(result.findings.filter((f) => f.ip === secure.ip && f.family !== 'tls-weakness')).toEqual([]);
  });

  it('gives the same finding keys on a rescan', async () => {
    const again = await mamoriInLab(['scan', '--cidr', lab.subnet, '--json', '-', '--quiet']);
    expect(again.code).toBe(0);
    const keys = (r: ScanResult) => r.findings.map((f) => f.key).sort();
    expect(keys(JSON.parse(again.stdout) as ScanResult)).toEqual(keys(result));
  });
});

describe('scope refusal', () => {
  it('counts the packets of an accepted scan (control for the zero below)', async () => {
    const before = await sentPackets(SCANNER_NS);
    const run = await mamoriInLab(['scan', '--cidr', lab.subnet, '--ports', '23', '--json', '-', '--quiet']);
    expect(run.code).toBe(0);
    expect(await sentPackets(SCANNER_NS) - before).toBeGreaterThan(250);
  });

  it.each([
    ['a public range', ['--cidr', '8.8.8.0/24']],
    ['a range larger than a /22', ['--cidr', '10.0.0.0/16']],
    ['a public range next to the lab', ['--cidr', lab.subnet, '--cidr', '1.1.1.0/24']],
    ['no range at all', []],
  ])('refuses %s with exit status 2 before sending a packet', async (_what, args) => {
    const before = await sentPackets(SCANNER_NS);
    const run = await mamoriInLab(['scan', ...args, '--json', '-']);
    const after = await sentPackets(SCANNER_NS);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/refused|required/);
    expect(after - before).toBe(0);
  });
});
