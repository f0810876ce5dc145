// Real Debian snmpd on 127.0.0.1 and a free UDP port with a test-owned config (one read-only
// community, no other config read, no persistent state outside a temp dir); stopped by its PID.
// Counts the wrong communities it dropped from its own snmpInBadCommunityNames counter.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { snmpGet, snmpGetSystem } from '../../backend/src/protocols/snmp.js';
import { valueText } from '../../backend/src/protocols/snmp-ber.js';
import { requireBinary } from './daemon.js';
import { freePort } from './net.js';

const SNMPD = '/usr/sbin/snmpd';

export interface Snmpd {
  readonly port: number;
  /** snmpInBadCommunityNames: how many requests with a wrong community the agent dropped. */
  badCommunities(): Promise<number>;
  stop(): Promise<void>;
}

async function udpListening(port: number): Promise<boolean> {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return (await readFile('/proc/net/udp', 'utf8')).split('\n').some((line) => line.trim().split(/\s+/)[1] === local);
}

async function getCounter(port: number, community: string): Promise<number> {
  const answer = await snmpGet({ host: '127.0.0.1', port, timeoutMs: 1000 }, community, ['1.3.6.1.2.1.11.4.0'], 'v2c');
  const value = answer.varbinds[0] ? valueText(answer.varbinds[0].value) : null;
  if (answer.outcome !== 'answered' || value === null) throw new Error(`snmpd counter: ${answer.detail}`);
  return Number(value);
}

/** One community, read-only unless `readWrite` (the agent then also lets it SET: the tests never do). */
export async function startSnmpd(community: string, { readWrite = false, sysDescr = '' } = {}): Promise<Snmpd> {
  requireBinary(SNMPD, 'snmpd');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-snmpd-'));
  const port = await freePort(); // a free TCP port number; the UDP one is checked below
  await writeFile(join(dir, 'snmpd.conf'), [
    `agentaddress udp:127.0.0.1:${port}`, `${readWrite ? 'rwcommunity' : 'rocommunity'} ${community} 127.0.0.1`, 'sysName test-agent',
    'sysObjectID .1.3.6.1.4.1.8072.3.2.10', ...(sysDescr ? [`sysDescr ${sysDescr}`] : []), '',
  ].join('\n'));
  const child = spawn(SNMPD, ['-f', '-Lo', '-C', '-I', '-smux', '-c', join(dir, 'snmpd.conf'), '-p', join(dir, 'pid')], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin', SNMP_PERSISTENT_DIR: dir, MIBS: '' },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-2000); });
  child.stderr.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-2000); });
  const exited = once(child, 'exit');
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM');
      await Promise.race([exited, sleep(3000).then(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'))]);
    }
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    if (await udpListening(port) && (await snmpGetSystem({ host: '127.0.0.1', port, timeoutMs: 500 }, community, 'v2c')).outcome === 'answered') {
      return { port, badCommunities: () => getCounter(port, community), stop };
    }
    await sleep(50);
  }
  await stop();
  throw new Error(`snmpd did not answer on 127.0.0.1:${port}/udp: ${output}`);
}
