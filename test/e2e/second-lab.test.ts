// The second lab set (test/lab/second/, LAB_SET=second): the same roles as the first set played by
// other implementations, vendors, ports and factory pairs. Brings it up under its own LAB_NAME,
// scans it with the CLI from its scanner namespace and compares with test/lab/expected-second.json:
// every planted weakness found (factory logins confirmed by the refused wrong-password control),
// nothing else raised (the negative controls stay clean), vendor and type right, no password in
// clear. Takes the set down afterwards and checks that none of its namespaces is left.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../backend/src/core/types.js';
import { labNamespaces, mamoriInLab, ROOT, type CliRun } from './lab.js';

interface Weakness { family: string; service: string; port: number; transport: string; credentialVars?: Record<string, string> }
interface SecondDevice {
  name: string; short: string; ip: string; mac: string; vendor: string; type: string;
  tcpPorts: number[]; services: Record<string, string>; negativeControl?: string; weaknesses: Weakness[];
}
interface SecondLab { subnet: string; scanner: { short: string }; devices: SecondDevice[] }

const lab = JSON.parse(readFileSync(join(ROOT, 'test/lab/expected-second.json'), 'utf8')) as SecondLab;
/** Its own lab copy: never the first set's, never another engineer's (derived from LAB_NAME). */
const NAME = process.env['SECOND_LAB_NAME'] ?? (process.env['LAB_NAME'] ? `${process.env['LAB_NAME'].slice(0, 7)}2` : 'second');
const PREFIX = `mamori-${NAME}-`;
const env = { ...process.env, LAB_NAME: NAME, LAB_SET: 'second' };
const SCAN_TIMEOUT_MS = 300_000; // about 35 s on an idle 2-core machine; generous under load

const labSh = (...args: string[]): void => {
  execFileSync('bash', [join(ROOT, 'test/lab/lab.sh'), ...args], { env, stdio: 'inherit', timeout: 300_000 });
};

/** The planted values of test/lab/second/lab.env (its `: "${VAR:=value}"` defaults, or the environment). */
function plantedValue(variable: string): string {
  const fromEnv = process.env[variable];
  if (fromEnv !== undefined) return fromEnv;
  const text = readFileSync(join(ROOT, 'test/lab/second/lab.env'), 'utf8');
  const match = new RegExp(`\\$\\{${variable}:=([^}]*)\\}`).exec(text);
  if (!match) throw new Error(`${variable} is not in lab.env`);
  return match[1]!;
}

const scanInLab = (args: string[]): Promise<CliRun> => mamoriInLab(args, SCAN_TIMEOUT_MS, `${PREFIX}${lab.scanner.short}`);

let result: ScanResult;
let raw: string;
const byDevice = lab.devices.map((d) => [d.name, d] as const);
const found = (device: SecondDevice) => result.devices.find((d) => d.ip === device.ip);
const findingsOf = (device: SecondDevice) => result.findings.filter((f) => f.ip === device.ip);

describe('mamori scan on the second lab set (other implementations)', () => {
  beforeAll(async () => {
    labSh('up', '--ttl', '1800');
    const run = await scanInLab(['scan', '--cidr', lab.subnet, '--json', '-', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    raw = run.stdout;
    result = JSON.parse(raw) as ScanResult;
  }, SCAN_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    labSh('down');
    expect((await labNamespaces()).filter((n) => n.startsWith(PREFIX))).toEqual([]);
  }, 180_000);

  it('finds every device of the set by ARP, and nothing else', () => {
    expect(result.devices.map((d) => d.ip).sort()).toEqual(lab.devices.map((d) => d.ip).sort());
  });

  it.each(byDevice)('%s: MAC and IEEE vendor', (_name, want) => {
    expect(found(want)?.mac).toBe(want.mac);
    expect(found(want)?.vendor).toBe(want.vendor);
  });

  it.each(byDevice)('%s: exactly the open TCP ports, named by what they say', (_name, want) => {
    const tcp = found(want)!.services.filter((s) => s.transport === 'tcp');
    expect(tcp.map((s) => s.port).sort((a, b) => a - b)).toEqual([...want.tcpPorts].sort((a, b) => a - b));
    for (const [port, name] of Object.entries(want.services)) {
      expect(`${port}/${tcp.find((s) => String(s.port) === port)?.service}`).toBe(`${port}/${name}`);
    }
  });

  it.each(byDevice)('%s: device type', (_name, want) => {
    expect(found(want)?.type).toBe(want.type);
  });

  it.each(byDevice.filter(([, d]) => d.weaknesses.length > 0))('%s: every planted weakness is found; factory logins confirmed by a refused wrong password', (_name, want) => {
    const findings = findingsOf(want);
    for (const weakness of want.weaknesses) {
      const hit = findings.find((f) => f.family === weakness.family && f.service === weakness.service && f.port === weakness.port);
      expect(hit, `missed ${weakness.family}/${weakness.service} on ${want.ip}:${weakness.port}`).toBeDefined();
      if (weakness.family === 'default-credentials') expect(`${hit!.confidence}: ${hit!.evidence}`).toMatch(/^confirmed: .*(refused|random)/);
    }
  });

  it.each(byDevice)('%s: no finding that is not planted (negative controls stay clean)', (_name, want) => {
    const extra = findingsOf(want).filter((f) => !want.weaknesses.some((w) => w.family === f.family && w.service === f.service && w.port === f.port));
    expect(extra.map((f) => `${f.family}/${f.service}:${f.port} ${f.evidence}`)).toEqual([]);
  });

  it('never shows a planted password in clear', () => {
    const secrets = ['LAB2_WCAM_TELNET_PASS', 'LAB2_GOOD_PASS'].map(plantedValue);
    for (const secret of secrets) expect(raw.includes(secret), 'a planted password appears in the result').toBe(false);
  });
});
