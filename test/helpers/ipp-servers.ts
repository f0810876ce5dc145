// Two real, independent IPP servers on loopback, each stopped by its own PIDs:
// - CUPS's cupsd (cups-daemon) with its own configuration and state directories, one raw queue,
//   on 127.0.0.1 and a random port (cupsd accepts a loopback client only with Host: localhost or
//   127.0.0.1, its guard against DNS rebinding, so it cannot be given a 127.x.y.z address of its own);
// - CUPS's ippeveprinter (cups-ipp-utils), an IPP Everywhere printer. It refuses to start without a
//   DNS-SD stack, so it gets a private D-Bus bus (socket in a temporary directory) and an
//   avahi-daemon on it that runs in its own empty network namespace (`unshare -n`: not even
//   loopback is up there), so it registers the printer and can send no packet anywhere.
//   ippeveprinter listens on every address of the host's namespace: it is given a random high port.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireBinary } from './daemon.js';
import { waitListening } from './loopback-address.js';

export interface IppServer {
  readonly host: string;
  readonly port: number;
  output(): string;
  stop(): Promise<void>;
}

interface Child { process: ChildProcess; output: () => string; stop: () => Promise<void> }

function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Child {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const keep = (chunk: Buffer): void => { output = (output + chunk.toString()).slice(-4000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => keep(Buffer.from(String(error))));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, 2000);
    await exited;
    clearTimeout(timer);
  };
  return { process: child, output: () => output, stop };
}

const alive = (child: Child): boolean => child.process.exitCode === null && child.process.signalCode === null;

/** cupsd with one raw queue "office" (Info "Office laser"), on 127.0.0.1:port. */
export async function startCupsd(port: number): Promise<IppServer> {
  const host = '127.0.0.1';
  requireBinary('/usr/sbin/cupsd', 'cups-daemon');
  const dir = mkdtempSync(join(tmpdir(), 'mamori-cupsd-'));
  for (const sub of ['etc', 'spool', 'cache', 'state', 'log']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'etc', 'cupsd.conf'), [
    `Listen ${host}:${port}`, 'Browsing No', 'BrowseLocalProtocols none', 'LogLevel warn',
    '<Location />', '  Order allow,deny', '  Allow all', '</Location>', '',
  ].join('\n'));
  writeFileSync(join(dir, 'etc', 'cups-files.conf'), [
    `ServerRoot ${dir}/etc`, `RequestRoot ${dir}/spool`, `CacheDir ${dir}/cache`, `StateDir ${dir}/state`, `TempDir ${dir}/spool`,
    `ErrorLog ${dir}/log/error_log`, `AccessLog ${dir}/log/access_log`, `PageLog ${dir}/log/page_log`, 'FileDevice Yes', '',
  ].join('\n'));
  writeFileSync(join(dir, 'etc', 'printers.conf'), [
    '<DefaultPrinter office>', 'UUID urn:uuid:0a1b2c3d-0000-4000-8000-000000000001', 'Info Office laser',
    'DeviceURI file:///dev/null', 'State Idle', 'Accepting Yes', 'Shared Yes', '</DefaultPrinter>', '',
  ].join('\n'));
  const cupsd = start('/usr/sbin/cupsd', ['-f', '-c', join(dir, 'etc', 'cupsd.conf'), '-s', join(dir, 'etc', 'cups-files.conf')]);
  const stop = async (): Promise<void> => { await cupsd.stop(); rmSync(dir, { recursive: true, force: true }); };
  if (!(await waitListening(host, port, 10_000, () => alive(cupsd)))) {
    await stop();
    throw new Error(`cupsd did not listen on ${host}:${port}: ${cupsd.output()}`);
  }
  return { host, port, output: cupsd.output, stop };
}

/**
 * ippeveprinter "Brother HL-L2350DW series" on 127.0.0.1:port (it listens on every address). With
 * `attributes` (lines of its conf file, "ATTR text printer-firmware-string-version 1.76"), the
 * printer's attributes come from that file instead of -M/-m (ippeveprinter takes one or the other).
 */
export async function startIppeveprinter(port: number, attributes?: readonly string[]): Promise<IppServer> {
  requireBinary('/usr/sbin/ippeveprinter', 'cups-ipp-utils');
  requireBinary('/usr/bin/dbus-daemon', 'dbus-daemon');
  requireBinary('/usr/sbin/avahi-daemon', 'avahi-daemon');
  const dir = mkdtempSync(join(tmpdir(), 'mamori-ippe-'));
  chmodSync(dir, 0o755);
  for (const sub of ['avahi-run', 'services', 'spool']) mkdirSync(join(dir, sub));
  const uid = Number(execFileSync('id', ['-u', 'avahi']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'avahi']).toString().trim());
  chownSync(join(dir, 'avahi-run'), uid, gid);
  const bus = join(dir, 'bus');
  writeFileSync(join(dir, 'dbus.conf'), `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>system</type><listen>unix:path=${bus}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/></policy></busconfig>
`);
  writeFileSync(join(dir, 'avahi.conf'), [
    '[server]', 'host-name=mamori-test-ipp', 'domain-name=local', 'use-ipv4=yes', 'use-ipv6=no', 'enable-dbus=yes',
    '[wide-area]', 'enable-wide-area=no', '[publish]', 'publish-hinfo=no', 'publish-workstation=no', '',
  ].join('\n'));
  const children: Child[] = [];
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const env = { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${bus}` };
  try {
    children.push(start('/usr/bin/dbus-daemon', [`--config-file=${join(dir, 'dbus.conf')}`, '--nofork', '--nopidfile']));
    for (let i = 0; i < 250 && !existsSync(bus); i++) await sleep(20);
    if (!existsSync(bus)) throw new Error(`no D-Bus socket: ${children[0]!.output()}`);
    // The bind target must exist: a fresh machine has no /run/avahi-daemon (the lab makes it only
    // while it is up, and avahi's host units are masked). An empty directory on a tmpfs is harmless.
    mkdirSync('/run/avahi-daemon', { recursive: true });
    // exec: the PID stopped is avahi-daemon's own (unshare and sh exec into it).
    const avahi = start('/usr/bin/unshare', ['-n', '-m', 'sh', '-c',
      `mount --bind "$1" /run/avahi-daemon && mount --bind "$2" /etc/avahi/services && exec /usr/sbin/avahi-daemon -f "$3" --no-chroot --no-rlimits --no-proc-title`,
      'sh', join(dir, 'avahi-run'), join(dir, 'services'), join(dir, 'avahi.conf')], env);
    children.push(avahi);
    for (let i = 0; i < 250 && !avahi.output().includes('Server startup complete'); i++) {
      if (!alive(avahi)) break;
      await sleep(20);
    }
    if (!avahi.output().includes('Server startup complete')) throw new Error(`avahi-daemon did not start: ${avahi.output()}`);
    if (attributes) writeFileSync(join(dir, 'printer.conf'), `${attributes.join('\n')}\n`);
    const identity = attributes ? ['-a', join(dir, 'printer.conf')] : ['-M', 'Brother', '-m', 'HL-L2350DW series', '-l', 'Home office'];
    const printer = start('/usr/sbin/ippeveprinter', ['-p', String(port), ...identity, '-d', join(dir, 'spool'), 'Brother HL-L2350DW series'], env);
    children.push(printer);
    if (!(await waitListening('127.0.0.1', port, 10_000, () => alive(printer)))) throw new Error(`ippeveprinter did not listen: ${printer.output()}`);
    return { host: '127.0.0.1', port, output: printer.output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
