// The quick start leaves no lab daemon on the host: every host service of a package it installs is
// disabled and masked (test/lab/host-units.sh), in the CI's and the lab's install paths alike. Run
// against the real dpkg database of this machine and a throw-away root for /etc/systemd/system.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const SCRIPT = join(ROOT, 'test/lab/host-units.sh');
const roots: string[] = [];
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

const sh = (args: string[], env: Record<string, string> = {}) => run('bash', [SCRIPT, ...args], { env: { ...process.env, ...env } })
  .then((r) => ({ code: 0, out: r.stdout + r.stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }));
const installed = async (pkg: string) => (await run('dpkg-query', ['-W', '-f=${db:Status-Status}', pkg]).catch(() => ({ stdout: '' }))).stdout === 'installed';

/** Daemons the lab installs, with a unit each (Debian 12). */
const DAEMONS: Record<string, string[]> = {
  vsftpd: ['vsftpd.service'], snmpd: ['snmpd.service'], mosquitto: ['mosquitto.service'],
  'openssh-server': ['ssh.service', 'ssh.socket'], samba: ['smbd.service', 'nmbd.service', 'samba-ad-dc.service'],
  lighttpd: ['lighttpd.service'], 'avahi-daemon': ['avahi-daemon.service', 'avahi-daemon.socket'], minissdpd: ['minissdpd.service'],
  p910nd: ['p910nd.service'],
};

describe('host-units.sh', () => {
  it('lists the host services each lab package ships (systemd units and SysV scripts)', async () => {
    for (const [pkg, units] of Object.entries(DAEMONS)) {
      if (!(await installed(pkg))) continue;
      const { out } = await sh(['units', pkg]);
      expect(out.trim().split('\n'), pkg).toEqual(expect.arrayContaining(units));
    }
  });

  it('masks and disables every unit of the packages installed since the snapshot, never the host\'s own', async () => {
    const present: string[] = [];
    for (const pkg of [...Object.keys(DAEMONS), 'nftables']) if (await installed(pkg)) present.push(pkg);
    expect(present.length).toBeGreaterThan(3);
    const root = mkdtempSync(join(tmpdir(), 'mamori-units-'));
    roots.push(root);
    const before = join(root, 'before.txt');
    await sh(['snapshot', before]);
    // As if this run had installed them: the snapshot without them.
    const lines = readFileSync(before, 'utf8').split('\n').filter((name) => name && !present.includes(name));
    writeFileSync(before, lines.join('\n') + '\n');
    const wants = join(root, 'etc/systemd/system/multi-user.target.wants');
    mkdirSync(wants, { recursive: true });
    symlinkSync('/lib/systemd/system/vsftpd.service', join(wants, 'vsftpd.service'));
    const env = { HOST_ROOT: root };
    const result = await sh(['mask-new', before, ...present], env);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/disabled and masked/);
    for (const pkg of present.filter((p) => p !== 'nftables')) {
      for (const unit of DAEMONS[pkg]!) expect(readlinkSync(join(root, 'etc/systemd/system', unit)), unit).toBe('/dev/null');
    }
    expect(existsSync(join(wants, 'vsftpd.service'))).toBe(false);
    // The firewall loader is the host's, not a lab daemon: never masked.
    expect(existsSync(join(root, 'etc/systemd/system/nftables.service'))).toBe(false);
    expect((await sh(['check', ...present], env)).code).toBe(0);
    expect(readFileSync(join(root, 'var/lib/mamori-lab/masked-units'), 'utf8')).toMatch(/^vsftpd\.service$/m);
  });

  it('check names a lab service left enabled; packages that were there before are only named, not touched', async () => {
    if (!(await installed('vsftpd'))) return;
    const root = mkdtempSync(join(tmpdir(), 'mamori-units-'));
    roots.push(root);
    const check = await sh(['check', 'vsftpd'], { HOST_ROOT: root });
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/not masked: vsftpd:vsftpd\.service/);
    const before = join(root, 'before.txt');
    await sh(['snapshot', before]);
    const wants = join(root, 'etc/systemd/system/multi-user.target.wants');
    mkdirSync(wants, { recursive: true });
    symlinkSync('/lib/systemd/system/vsftpd.service', join(wants, 'vsftpd.service'));
    const note = await sh(['mask-new', before, 'vsftpd'], { HOST_ROOT: root });
    expect(note.out).toMatch(/installed before and are enabled.*vsftpd\.service/);
    expect(existsSync(join(root, 'etc/systemd/system/vsftpd.service'))).toBe(false);
  });

  it('the quick start installs through the masking path and checks for Node.js 24 first', () => {
    const demo = readFileSync(join(ROOT, 'test/lab/demo.sh'), 'utf8');
    expect(demo).toMatch(/bash "\$ROOT\/\.ci\/install-debian-packages\.sh"/);
    expect(demo).not.toMatch(/apt-get install/);
    expect(demo.indexOf('node_ok')).toBeLessThan(demo.indexOf('install-debian-packages.sh'));
    expect(demo).toMatch(/a > 24 \|\| \(a === 24 && b >= 11\)/);
    expect(demo).toMatch(/npm install --prefix "\$NODE24" --no-audit --no-fund node@24/);
  });

  it('both install paths mask what they installed before policy-rc.d is removed', () => {
    const ci = readFileSync(join(ROOT, '.ci/install-debian-packages.sh'), 'utf8');
    const lab = readFileSync(join(ROOT, 'test/lab/lib.sh'), 'utf8');
    for (const [name, text] of [['ci', ci], ['lab', lab]] as const) {
      const snapshot = text.indexOf('snapshot "$before"');
      const install = text.indexOf('apt-get install', snapshot);
      const mask = text.indexOf('mask-new "$before"');
      const policy = text.indexOf('rm -f /usr/sbin/policy-rc.d', mask);
      expect([snapshot, install, mask, policy].every((i) => i > 0), name).toBe(true);
      expect(snapshot < install && install < mask && mask < policy, name).toBe(true);
    }
  });
});
