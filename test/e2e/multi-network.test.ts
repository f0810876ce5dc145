// One box, several networks (issue 19): the lab with its optional second segment (LAB_SEGMENT=1,
// test/lab/segment.sh: a second bridge on the scanner's eth1, 10.78.0.0/24, and behind its router
// a routed 10.79.0.0/24; ground truth test/lab/expected-segment.json). One CLI scan of the three
// ranges finds the devices of all, each with its network and interface (the routed ones by IP only,
// saying so), and the planted weaknesses; a range no interface or route reaches is refused before
// any packet. Brings up its own lab copy (derived from LAB_NAME)
// and takes it down afterwards, checking that none of its namespaces is left.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../backend/src/core/types.js';
import { expected, labNamespaces, mamoriInLab, ROOT, sentPackets, type CliRun } from './lab.js';

interface Weakness { family: string; service: string; port: number }
interface SegmentDevice { name: string; ip: string; mac: string; vendor: string; type: string; tcpPorts: number[]; services: Record<string, string>; weaknesses: Weakness[] }
interface RoutedDevice extends Omit<SegmentDevice, 'mac' | 'vendor'> { mac: null; vendor: null; foundBy: 'tcp-connect' | 'icmp' }
interface Segment {
  subnet: string; scanner: { interface: string; ip: string }; devices: SegmentDevice[];
  routed: { subnet: string; via: string; interface: string; devices: RoutedDevice[] };
}

const main = expected();
const segment = JSON.parse(readFileSync(join(ROOT, 'test/lab/expected-segment.json'), 'utf8')) as Segment;
/** Its own lab copy, never another engineer's: LAB_NAME plus "m". */
const NAME = process.env['SEGMENT_LAB_NAME'] ?? `${(process.env['LAB_NAME'] ?? '').slice(0, 7)}m`;
const PREFIX = `mamori-${NAME}-`;
const SCANNER_NS = `${PREFIX}scan`;
const routed = segment.routed;
const env = { ...process.env, LAB_NAME: NAME, LAB_SEGMENT: '1' };
const SCAN_TIMEOUT_MS = 300_000; // about 10 s on an idle 2-core machine; generous under load

const labSh = (...args: string[]): void => {
  execFileSync('bash', [join(ROOT, 'test/lab/lab.sh'), ...args], { env, stdio: 'inherit', timeout: 300_000 });
};

const scanInLab = (args: string[]): Promise<CliRun> => mamoriInLab(args, SCAN_TIMEOUT_MS, SCANNER_NS);

let result: ScanResult;
let raw: string;
const found = (ip: string) => result.devices.find((d) => d.ip === ip);

describe('one scan over three networks: eth0 (the lab), eth1 (the second segment) and a routed one behind its router', () => {
  beforeAll(async () => {
    labSh('up', '--ttl', '1800');
    const run = await scanInLab(['scan', '--cidr', main.subnet, '--cidr', segment.subnet, '--cidr', routed.subnet, '--json', '-', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    raw = run.stdout;
    result = JSON.parse(raw) as ScanResult;
  }, SCAN_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    labSh('down');
    expect((await labNamespaces()).filter((n) => n.startsWith(PREFIX))).toEqual([]);
  }, 180_000);

  it('writes JSON that matches the schema, listing each network with its interface', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'backend/schema/scan-result.schema.json'), 'utf8')));
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.scan.interface).toBe(main.scanner.interface);
    expect(result.scan.interfaces).toEqual([
      { name: main.scanner.interface, address: main.scanner.ip, targets: [main.subnet] },
      { name: segment.scanner.interface, address: segment.scanner.ip, targets: [segment.subnet] },
      { name: routed.interface, address: segment.scanner.ip, targets: [routed.subnet], via: routed.via },
    ]);
  });

  it('finds every device of the three networks, and nothing else', () => {
    const want = [...main.devices, ...segment.devices, ...routed.devices].map((d) => d.ip).sort();
    expect(result.devices.map((d) => d.ip).sort()).toEqual(want);
  });

  it('says for each device which network and interface it is on', () => {
    for (const device of main.devices) {
      expect(`${device.ip} ${found(device.ip)?.network} ${found(device.ip)?.interface}`).toBe(`${device.ip} ${main.subnet} ${main.scanner.interface}`);
    }
    for (const device of segment.devices) {
      expect(`${device.ip} ${found(device.ip)?.network} ${found(device.ip)?.interface}`).toBe(`${device.ip} ${segment.subnet} ${segment.scanner.interface}`);
    }
    for (const device of routed.devices) {
      expect(`${device.ip} ${found(device.ip)?.network} ${found(device.ip)?.interface} via ${found(device.ip)?.via}`)
        .toBe(`${device.ip} ${routed.subnet} ${routed.interface} via ${routed.via}`);
    }
  });

  it.each(routed.devices.map((d) => [d.name, d] as const))('routed %s: found by IP only (no MAC, no maker), and its record says so', (_name, want) => {
    const device = found(want.ip)!;
    expect([device.mac, device.vendor]).toEqual([null, null]);
    // A host that drops every TCP segment (quiet-pinger) is found by the ICMP echo alone.
    expect(device.discoveredBy).toEqual([want.foundBy]);
    expect(device.evidence.map((e) => e.detail)).toContainEqual(expect.stringMatching(new RegExp(`Behind the router ${routed.via.replace(/\./g, '\\.')}: found by its IP address only`)));
  });

  it.each(segment.devices.map((d) => [d.name, d] as const))('segment %s: MAC, vendor, type and open TCP ports', (_name, want) => {
    const device = found(want.ip)!;
    expect([device.mac, device.vendor, device.type]).toEqual([want.mac, want.vendor, want.type]);
    const tcp = device.services.filter((s) => s.transport === 'tcp');
    expect(tcp.map((s) => `${s.port}/${s.service}`).sort()).toEqual(Object.entries(want.services).map(([port, name]) => `${port}/${name}`).sort());
    expect(tcp.map((s) => s.port).sort((a, b) => a - b)).toEqual(want.tcpPorts);
  });

  it.each([...segment.devices, ...routed.devices].map((d) => [d.name, d] as const))('%s: exactly its planted weaknesses, factory logins confirmed', (_name, want) => {
    const findings = result.findings.filter((f) => f.ip === want.ip);
    expect(findings.map((f) => `${f.family}/${f.service}:${f.port}`).sort()).toEqual(want.weaknesses.map((w) => `${w.family}/${w.service}:${w.port}`).sort());
    for (const finding of findings.filter((f) => f.family === 'default-credentials')) expect(finding.confidence).toBe('confirmed');
  });

  it('still finds the planted weaknesses of the first network (the camera\'s telnet login)', () => {
    const camera = main.devices.find((d) => d.name === 'ip-camera')!;
    expect(result.findings.some((f) => f.ip === camera.ip && f.family === 'default-credentials' && f.service === 'telnet')).toBe(true);
  });

  it('never shows the planted telnet password in clear', () => {
    const pass = process.env['LAB_CAM_TELNET_PASS'] ?? /LAB_CAM_TELNET_PASS:=([^}]*)\}/.exec(readFileSync(join(ROOT, 'test/lab/lab.env'), 'utf8'))![1]!;
    expect(raw.includes(`"${pass}"`)).toBe(false);
  });

  it('refuses a range no interface is on and no route leads to, beside three that are reached, with exit status 2 and no packet sent', async () => {
    const before = await sentPackets(SCANNER_NS);
    const run = await scanInLab(['scan', '--cidr', main.subnet, '--cidr', segment.subnet, '--cidr', routed.subnet, '--cidr', '10.80.0.0/24', '--json', '-']);
    const after = await sentPackets(SCANNER_NS);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/refused: no local interface is on 10\.80\.0\.0\/24 .*no route leads to it/);
    expect(after - before).toBe(0);
  });

  it('refuses --interface eth0 for the range on eth1 (it would come back empty), with no packet sent', async () => {
    const before = await sentPackets(SCANNER_NS);
    const run = await scanInLab(['scan', '--cidr', main.subnet, '--cidr', segment.subnet, '--interface', main.scanner.interface, '--json', '-']);
    const after = await sentPackets(SCANNER_NS);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/10\.78\.0\.0\/24 is on interface eth1, not on eth0/);
    expect(after - before).toBe(0);
  });

  it('keeps --interface for a single range on its interface', async () => {
    const run = await scanInLab(['scan', '--cidr', segment.subnet, '--interface', segment.scanner.interface, '--discover-only', '--json', '-', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const only = JSON.parse(run.stdout) as ScanResult;
    expect(only.scan.interface).toBe(segment.scanner.interface);
    expect(only.devices.map((d) => d.ip).sort()).toEqual(segment.devices.map((d) => d.ip).sort());
  });
});
