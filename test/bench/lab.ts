// The bench's lab copy (LAB_NAME, default "bench") and its ground truth.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = join(import.meta.dirname, '../..');

export interface ExpectedWeakness { family: string; service: string; port: number; transport: string }
export interface ExpectedDevice {
  name: string; ip: string; mac: string; vendor: string | null; tcpPorts: number[];
  weaknesses: ExpectedWeakness[];
}
export interface Expected {
  subnet: string;
  scanner: { ip: string; interface: string };
  portList: number[];
  devices: ExpectedDevice[];
}

export function expected(): Expected {
  return JSON.parse(readFileSync(join(ROOT, 'test/lab/expected.json'), 'utf8')) as Expected;
}

export function labName(): string {
  return process.env['LAB_NAME'] || 'bench';
}

export function scannerNamespace(): string {
  return `mamori-${labName()}-scan`;
}

export async function lab(command: 'up' | 'down', extra: string[] = []): Promise<void> {
  await run('bash', [join(ROOT, 'test/lab/lab.sh'), command, ...extra], {
    env: { ...process.env, LAB_NAME: labName() }, timeout: 600_000, maxBuffer: 16 << 20,
  });
}

/**
 * Forgets what the scanner namespace learnt by ARP, so every tool starts cold: otherwise the
 * second tool in a round finds the first one's answers already in the table. No packet is sent.
 */
export async function flushNeighbours(namespace: string): Promise<void> {
  await run('ip', ['-n', namespace, 'neigh', 'flush', 'all']);
}
