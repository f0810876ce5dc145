// Real vsftpd on loopback with a test-owned config (listen_address=127.0.0.1, a free port,
// background=NO), stopped by its PID. Never a data connection: the tests only use the control port.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';
import type { SelfSignedCert } from './tls.js';

const VSFTPD = '/usr/sbin/vsftpd';

export interface VsftpdOptions {
  /** anonymous_enable (with a password asked for: no_anon_password=NO). */
  anonymous: boolean;
  /** local_enable: named (system) users may log in. */
  local: boolean;
  /** ssl_enable with logins forced onto TLS (force_local_logins_ssl, force_anon_logins_ssl). */
  requireTls?: SelfSignedCert;
}

export async function startVsftpd(options: VsftpdOptions): Promise<Daemon> {
  requireBinary(VSFTPD, 'vsftpd');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-vsftpd-'));
  try {
    await mkdir(join(dir, 'anon'), { mode: 0o755 });
    await mkdir(join(dir, 'empty'), { mode: 0o755 });
    const tls = options.requireTls;
    if (tls) {
      await writeFile(join(dir, 'cert.pem'), tls.cert);
      await writeFile(join(dir, 'key.pem'), tls.key, { mode: 0o600 });
    }
    const asRoot = process.getuid?.() === 0;
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      const conf = join(dir, 'vsftpd.conf');
      await writeFile(conf, [
        'listen=YES', 'listen_ipv6=NO', 'listen_address=127.0.0.1', `listen_port=${port}`, 'background=NO',
        `anonymous_enable=${options.anonymous ? 'YES' : 'NO'}`, 'no_anon_password=NO', `anon_root=${join(dir, 'anon')}`,
        `local_enable=${options.local ? 'YES' : 'NO'}`, 'write_enable=NO', 'pasv_enable=NO', 'port_enable=NO',
        'connect_from_port_20=NO', `secure_chroot_dir=${join(dir, 'empty')}`, 'seccomp_sandbox=NO', 'xferlog_enable=NO',
        'delay_failed_login=0', 'max_clients=20', 'idle_session_timeout=30', 'ftpd_banner=Mamori test FTP',
        // Not root (a developer's unit run): vsftpd can only stay the launching user, without chroot.
        ...(asRoot ? [] : ['run_as_launching_user=YES']),
        ...(tls ? ['ssl_enable=YES', `rsa_cert_file=${join(dir, 'cert.pem')}`, `rsa_private_key_file=${join(dir, 'key.pem')}`,
          'force_local_logins_ssl=YES', 'force_local_data_ssl=YES', 'force_anon_logins_ssl=YES', 'allow_anon_ssl=YES'] : []),
        '',
      ].join('\n'));
      return startDaemon(VSFTPD, [conf], port);
    });
    return { ...daemon, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
