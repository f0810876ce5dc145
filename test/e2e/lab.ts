// Helpers for end-to-end tests: run commands inside the lab's scanner namespace.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '../..');
/** The scanner namespace of the lab copy in use (LAB_NAME, see test/lab/lib.sh). */
export const SCANNER_NS = process.env['LAB_NAME'] ? `mamori-${process.env['LAB_NAME']}-scan` : 'mamori-scan';
const run = promisify(execFile);

export interface ExpectedDevice {
  name: string;
  namespace: string;
  ip: string;
  mac: string;
  vendor: string | null;
  randomizedMac: boolean;
  hostname: string;
  type: string;
  tcpPorts: number[];
  services: Record<string, string>;
  weaknesses: Array<{ family: string; service: string; port: number }>;
}

export interface Expected {
  subnet: string;
  scanner: { namespace: string; ip: string; interface: string; mac: string };
  portList: number[];
  devices: ExpectedDevice[];
}

export function expected(): Expected {
  return JSON.parse(readFileSync(join(ROOT, 'test/lab/expected.json'), 'utf8')) as Expected;
}

export interface CliRun { code: number; stdout: string; stderr: string }

/** Runs `node backend/dist/cli.js …` inside a scanner namespace (this lab copy's by default), bounded by a timeout. */
export function mamoriInLab(args: string[], timeoutMs = 60_000, namespace = SCANNER_NS): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, join(ROOT, 'backend/dist/cli.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`mamori ${args.join(' ')} timed out`)); }, timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
  });
}

/**
 * Counts every packet the scanner namespace sends, except IPv6 neighbour/router discovery which
 * the kernel sends on its own (router solicitations keep coming for minutes after link-up).
 * An nftables counter on the output hook, created on first use, sees each datagram and segment
 * before ARP: a scan that sends nothing leaves it unchanged.
 */
export async function sentPackets(namespace: string): Promise<number> {
  const nft = (...args: string[]) => run('ip', ['netns', 'exec', namespace, 'nft', ...args]);
  const listed = await nft('-j', 'list', 'table', 'inet', 'mamori_test').catch(() => null);
  if (!listed) {
    await nft('add', 'table', 'inet', 'mamori_test');
    await nft('add', 'chain', 'inet', 'mamori_test', 'out', '{ type filter hook output priority 0 ; policy accept ; }');
    await nft('add', 'rule', 'inet', 'mamori_test', 'out', 'meta', 'l4proto', '!=', 'ipv6-icmp', 'counter');
  }
  const { stdout } = await nft('-j', 'list', 'table', 'inet', 'mamori_test');
  const items = (JSON.parse(stdout) as { nftables: Array<{ rule?: { expr: Array<{ counter?: { packets: number } }> } }> }).nftables;
  const counter = items.flatMap((i) => i.rule?.expr ?? []).find((e) => e.counter)?.counter;
  if (!counter) throw new Error('nftables counter missing');
  return counter.packets;
}

export async function labNamespaces(): Promise<string[]> {
  const { stdout } = await run('ip', ['-j', 'netns', 'list']).catch(() => ({ stdout: '[]' }));
  return (JSON.parse(stdout || '[]') as Array<{ name: string }>).map((n) => n.name).filter((n) => n.startsWith('mamori-'));
}
