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

/** Runs `node backend/dist/cli.js …` inside the scanner namespace, bounded by a timeout. */
export function mamoriInLab(args: string[], timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', SCANNER_NS, process.execPath, join(ROOT, 'backend/dist/cli.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`mamori ${args.join(' ')} timed out`)); }, timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
  });
}

/** Packets sent by an interface inside a namespace (from the kernel's counters). */
export async function txPackets(namespace: string, device: string): Promise<number> {
  const { stdout } = await run('ip', ['-n', namespace, '-s', '-j', 'link', 'show', device]);
  const [link] = JSON.parse(stdout) as Array<{ stats64: { tx: { packets: number } } }>;
  return link!.stats64.tx.packets;
}

export async function labNamespaces(): Promise<string[]> {
  const { stdout } = await run('ip', ['-j', 'netns', 'list']).catch(() => ({ stdout: '[]' }));
  return (JSON.parse(stdout || '[]') as Array<{ name: string }>).map((n) => n.name).filter((n) => n.startsWith('mamori-'));
}
