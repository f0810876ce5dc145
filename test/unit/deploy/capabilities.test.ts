// Reading our own privileges from /proc, and the messages that say which capability is missing
// and how to grant it. The processes with reduced privileges are real (setpriv), not fixtures.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  capabilityProblem, describePrivileges, explainListenError, parseProcStatus, readProcessPrivileges,
} from '../../../backend/src/core/capabilities.js';

const run = promisify(execFile);
const IS_ROOT = process.getuid?.() === 0;
const SETPRIV = '/usr/bin/setpriv';

/** /proc/self/status of a process started by setpriv with the given capability arguments, as nobody. */
async function statusAs(capArgs: string[]): Promise<string> {
  const { stdout } = await run(SETPRIV, ['--reuid=65534', '--regid=65534', '--clear-groups', ...capArgs, 'cat', '/proc/self/status']);
  return stdout;
}

describe('parseProcStatus', () => {
  it('reads this process: uid and effective capabilities as the kernel reports them', () => {
    const mine = readProcessPrivileges()!;
    expect(mine.uid).toBe(process.geteuid!());
    expect(mine.root).toBe(process.geteuid!() === 0);
    if (mine.root) expect(mine.effective).toContain('CAP_NET_RAW');
  });

  it('decodes CapEff bits to names (bit 13 is CAP_NET_RAW, bit 10 CAP_NET_BIND_SERVICE)', () => {
    const p = parseProcStatus('Name:\tnode\nUid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000002400\n');
    expect(p).toMatchObject({ uid: 1000, root: false, effective: ['CAP_NET_BIND_SERVICE', 'CAP_NET_RAW'] });
    expect(p.has('CAP_NET_RAW')).toBe(true);
    expect(parseProcStatus('Uid:\t0\t0\t0\t0\nCapEff:\t0000000000000000\n')).toMatchObject({ root: true, effective: [] });
    expect(parseProcStatus('Uid:\t5\t5\t5\t5\nCapEff:\t0000020000000000\n').effective).toEqual(['cap_41']);
    expect(() => parseProcStatus('Name:\tx\n')).toThrow(/not a \/proc/);
    expect(readProcessPrivileges('/nonexistent/status')).toBeNull();
  });

  it.skipIf(!IS_ROOT || !existsSync(SETPRIV))('a non-root process with only ambient CAP_NET_RAW is seen as exactly that (needs root to drop to nobody)', async () => {
    const withRaw = parseProcStatus(await statusAs(['--inh-caps=-all,+net_raw', '--ambient-caps=+net_raw', '--bounding-set=-all,+net_raw']));
    expect(withRaw).toMatchObject({ uid: 65534, root: false, effective: ['CAP_NET_RAW'] });
    const without = parseProcStatus(await statusAs(['--inh-caps=-all', '--bounding-set=-all']));
    expect(without).toMatchObject({ uid: 65534, root: false, effective: [] });
    expect(capabilityProblem(without, 'CAP_NET_RAW', 'raw ARP discovery')).toMatch(/^raw ARP discovery needs CAP_NET_RAW, which this process does not hold/);
    expect(capabilityProblem(withRaw, 'CAP_NET_RAW', 'raw ARP discovery')).toBeNull();
  });
});

describe('messages', () => {
  const nobody = parseProcStatus('Uid:\t65534\t65534\t65534\t65534\nCapEff:\t0000000000000000\n');
  const scanner = parseProcStatus('Uid:\t998\t998\t998\t998\nCapEff:\t0000000000002000\n');
  const root = parseProcStatus('Uid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n');

  it('at start: who we are; a missing CAP_NET_RAW is explained (works without it, how to grant)', () => {
    const lines = describePrivileges(nobody);
    expect(lines[0]).toEqual({ level: 'info', message: 'privileges: uid 65534, not root; effective capabilities: none' });
    expect(lines[1]!.message).toMatch(/CAP_NET_RAW not held: discovery works without it/);
    for (const way of ['AmbientCapabilities=CAP_NET_RAW', 'cap_add: [NET_RAW]', 'setcap cap_net_raw+ep']) expect(lines[1]!.message).toContain(way);
    expect(describePrivileges(scanner)).toEqual([{ level: 'info', message: 'privileges: uid 998, not root; effective capabilities: CAP_NET_RAW' }]);
  });

  it('root is a warning that says how not to be root', () => {
    const lines = describePrivileges(root);
    expect(lines.find((l) => l.level === 'warn')?.message).toMatch(/running as root: Mamori needs no root.*mamori user/);
  });

  it('a refused low port names CAP_NET_BIND_SERVICE and the simpler way out', () => {
    const eacces = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES' });
    const message = explainListenError(eacces, { host: '0.0.0.0', port: 80 }).message;
    expect(message).toMatch(/cannot listen on port 80: a port below 1024 needs CAP_NET_BIND_SERVICE.*AmbientCapabilities=CAP_NET_BIND_SERVICE.*8380/);
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    expect(explainListenError(inUse, { host: '127.0.0.1', port: 8380 }).message).toMatch(/already in use.*MAMORI_PORT/);
    expect(explainListenError(eacces, { socketPath: '/run/x.sock' }).message).toMatch(/cannot create the socket \/run\/x\.sock/);
    const other = new Error('something else');
    expect(explainListenError(other, { host: 'h', port: 1 })).toBe(other);
  });
});
