// The systemd unit as shipped: `systemd-analyze verify` accepts it without a single warning (alone
// and with the --no-net-raw drop-in), its exposure score stays low, and it grants exactly what
// deploy/README.md says. verify needs the ExecStart binary and the targets the unit names, so the
// test builds a throw-away root holding both (the real node, hard-linked or copied).
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const UNIT = readFileSync(join(ROOT, 'deploy/systemd/mamori.service'), 'utf8');
const DROP_IN = readFileSync(join(ROOT, 'deploy/systemd/no-net-raw.conf'), 'utf8');
const LAN_ONLY = readFileSync(join(ROOT, 'deploy/systemd/lan-only.conf'), 'utf8');
const ANALYZE = '/usr/bin/systemd-analyze';
const HAVE_ANALYZE = existsSync(ANALYZE);
let fakeRoot: string;

function analyze(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(ANALYZE, args, { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
}

/** Installs a unit text (and optional drop-in) in the fake root and verifies it. */
async function verify(unit: string, dropIn?: string, name = 'no-net-raw.conf'): Promise<{ code: number; output: string }> {
  const dir = join(fakeRoot, 'etc/systemd/system');
  writeFileSync(join(dir, 'mamori.service'), unit);
  rmSync(join(dir, 'mamori.service.d'), { recursive: true, force: true });
  if (dropIn) {
    mkdirSync(join(dir, 'mamori.service.d'));
    writeFileSync(join(dir, `mamori.service.d/${name}`), dropIn);
  }
  return analyze(['verify', '--man=no', `--root=${fakeRoot}`, 'mamori.service']);
}

/** Every value of a key in the unit, in order. */
function values(text: string, key: string): string[] {
  return [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());
}

beforeAll(() => {
  if (!HAVE_ANALYZE) return;
  fakeRoot = mkdtempSync(join(tmpdir(), 'mamori-unit-'));
  mkdirSync(join(fakeRoot, 'opt/mamori/bin'), { recursive: true });
  mkdirSync(join(fakeRoot, 'etc/systemd/system'), { recursive: true });
  mkdirSync(join(fakeRoot, 'usr/lib/systemd'), { recursive: true });
  cpSync('/usr/lib/systemd/system', join(fakeRoot, 'usr/lib/systemd/system'), { recursive: true, verbatimSymlinks: true });
  const node = join(fakeRoot, 'opt/mamori/bin/node');
  try { linkSync(process.execPath, node); } catch { copyFileSync(process.execPath, node); }
});

afterAll(() => { if (fakeRoot) rmSync(fakeRoot, { recursive: true, force: true }); });

describe.skipIf(!HAVE_ANALYZE)('systemd-analyze (package systemd; .ci installs it)', () => {
  it('verify: the unit as shipped, no error and no warning', async () => {
    expect(await verify(UNIT)).toEqual({ code: 0, output: '' });
  });

  it('verify: with the --no-net-raw drop-in too', async () => {
    expect(await verify(UNIT, DROP_IN)).toEqual({ code: 0, output: '' });
  });

  it('verify: with the --lan-only drop-in too', async () => {
    expect(await verify(UNIT, LAN_ONLY, 'lan-only.conf')).toEqual({ code: 0, output: '' });
  });

  it('verify reports what is wrong (so a clean result means something)', async () => {
    const typo = await verify(UNIT.replace('ProtectSystem=strict', 'ProtectSystm=strict'));
    expect(typo.output).toMatch(/Unknown key 'ProtectSystm'/);
    const family = await verify(UNIT.replace(/^RestrictAddressFamilies=.*$/m, 'RestrictAddressFamilies=AF_INET AF_BOGUS'));
    expect(family.output).toMatch(/AF_BOGUS/);
    const missing = await verify(UNIT.replace('/opt/mamori/bin/node', '/opt/mamori/bin/nodejs'));
    expect(missing.code).not.toBe(0);
    expect(missing.output).toMatch(/not executable/);
  });

  it('security: overall exposure at most 2.0 ("OK")', async () => {
    await verify(UNIT);
    const report = await analyze(['security', '--offline=yes', `--root=${fakeRoot}`, '--threshold=20', 'mamori.service']);
    expect(report.output).toMatch(/Overall exposure level for mamori\.service: [0-2]\.\d OK/);
    expect(report.code).toBe(0);
  });
});

describe('what the unit grants (read from the file)', () => {
  it('a dedicated user, never root, and CAP_NET_RAW as the only capability', () => {
    expect(values(UNIT, 'User')).toEqual(['mamori']);
    expect(values(UNIT, 'Group')).toEqual(['mamori']);
    expect(values(UNIT, 'CapabilityBoundingSet')).toEqual(['CAP_NET_RAW']);
    expect(values(UNIT, 'AmbientCapabilities')).toEqual(['CAP_NET_RAW']);
    expect(values(UNIT, 'NoNewPrivileges')).toEqual(['yes']);
    expect(values(DROP_IN, 'CapabilityBoundingSet')).toEqual(['']);
    expect(values(DROP_IN, 'AmbientCapabilities')).toEqual(['']);
    expect(values(DROP_IN, 'RestrictAddressFamilies').at(-1)).not.toMatch(/AF_PACKET/);
  });

  it('the hardening the issue asks for, data in the state directory, logs in the journal', () => {
    const want: Record<string, string> = {
      ProtectSystem: 'strict', ProtectHome: 'yes', PrivateTmp: 'yes', StateDirectory: 'mamori', Restart: 'on-failure',
      EnvironmentFile: '-/etc/mamori/mamori.env', StandardOutput: 'journal', ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes', ProtectControlGroups: 'yes', RestrictSUIDSGID: 'yes', MemoryMax: '512M',
      RestrictAddressFamilies: 'AF_UNIX AF_INET AF_INET6 AF_NETLINK AF_PACKET',
    };
    for (const [key, value] of Object.entries(want)) expect(values(UNIT, key), key).toEqual([value]);
    expect(values(UNIT, 'SystemCallFilter')).toEqual(['@system-service', '~@privileged @resources']);
    expect(values(UNIT, 'Environment')).toContain('MAMORI_DATA_DIR=/var/lib/mamori');
    // Would break node (JIT) or CAP_NET_RAW (user namespace), or hide /proc/net/arp: see the comments.
    for (const absent of ['MemoryDenyWriteExecute', 'PrivateUsers', 'ProcSubset', 'PrivateNetwork']) expect(values(UNIT, absent), absent).toEqual([]);
  });

  it('outbound alerts may reach the public servers the owner configured: no IP allow-list in the unit itself', () => {
    // IPAddressDeny filters the remote address in both directions: with only private ranges allowed,
    // ntfy.sh (the settings' own example), a public SMTP server or webhook could never be reached.
    for (const key of ['IPAddressDeny', 'IPAddressAllow', 'IPEgressFilterPath', 'PrivateNetwork']) expect(values(UNIT, key), key).toEqual([]);
    // Inbound stays LAN-only in the application (api/lan-only.ts), which the unit's comment names.
    expect(UNIT).toMatch(/lan-only\.ts/);
    expect(existsSync(join(ROOT, 'backend/src/api/lan-only.ts'))).toBe(true);
  });

  it('the --lan-only drop-in puts the kernel allow-list back, for owners whose alerts stay on the LAN', () => {
    expect(values(LAN_ONLY, 'IPAddressDeny')).toEqual(['any']);
    expect(values(LAN_ONLY, 'IPAddressAllow')).toEqual(['localhost link-local multicast 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7']);
  });
});
