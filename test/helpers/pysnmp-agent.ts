// The second SNMP agent implementation for the tests: pysnmp's agent engine (Debian
// python3-pysnmp4, see pysnmp-agent.py), SNMPv1/v2c only, on 127.0.0.1 and a free UDP port.
// Stopped by its PID.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { snmpGetSystem } from '../../backend/src/protocols/snmp.js';
import { requireBinary } from './daemon.js';
import { freePort } from './net.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'pysnmp-agent.py');

export interface PysnmpAgentOptions {
  readOnly?: string[];
  readWrite?: string[];
  sysDescr?: string;
  sysObjectID?: string;
  sysName?: string;
  /** Drop v2c too (only SNMPv1 answered). */
  v1Only?: boolean;
}

export interface PysnmpAgent {
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

async function udpListening(port: number): Promise<boolean> {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return (await readFile('/proc/net/udp', 'utf8')).split('\n').some((line) => line.trim().split(/\s+/)[1] === local);
}

export async function startPysnmpAgent(options: PysnmpAgentOptions): Promise<PysnmpAgent> {
  requireBinary(PYTHON, 'python3');
  if (!(await readFile('/usr/lib/python3/dist-packages/pysnmp/__init__.py').catch(() => null))) {
    throw new Error('pysnmp is missing: apt-get install -y python3-pysnmp4');
  }
  const port = await freePort();
  const args = [SCRIPT, String(port)];
  for (const c of options.readOnly ?? []) args.push('--ro', c);
  for (const c of options.readWrite ?? []) args.push('--rw', c);
  if (options.sysDescr) args.push('--descr', options.sysDescr);
  if (options.sysObjectID) args.push('--object-id', options.sysObjectID);
  if (options.sysName) args.push('--name', options.sysName);
  if (options.v1Only) args.push('--v1-only');
  const child = spawn('/usr/bin/env', ['-i', 'PATH=/usr/bin:/bin', PYTHON, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-2000); });
  child.stderr.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-2000); });
  const exited = once(child, 'exit');
  const pid = child.pid!;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(pid, 'SIGTERM');
    await Promise.race([exited, sleep(3000).then(() => child.exitCode === null && child.signalCode === null && process.kill(pid, 'SIGKILL'))]);
  };
  const community = options.readOnly?.[0] ?? options.readWrite?.[0];
  if (!community) throw new Error('a pysnmp agent needs at least one community');
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    if (await udpListening(port) && (await snmpGetSystem({ host: '127.0.0.1', port, timeoutMs: 500 }, community, options.v1Only ? 'v1' : 'v2c')).outcome === 'answered') {
      return { port, pid, stop };
    }
    await sleep(50);
  }
  await stop();
  throw new Error(`pysnmp agent did not answer on 127.0.0.1:${port}/udp: ${output}`);
}
