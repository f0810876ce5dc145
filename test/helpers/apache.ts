// Apache httpd 2.4 (Debian apache2-bin) on loopback with mod_auth_digest: the second, independent
// implementation of HTTP Digest beside lighttpd's mod_auth. Foreground single process (-X), so the
// recorded PID is apache's own; runs as www-data when started as root.
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

const MODULES = '/usr/lib/apache2/modules';

export interface ApacheDigestOptions {
  user: string;
  password: string;
  realm: string;
}

/** The lines of an htdigest file: user:realm:MD5(user:realm:password). */
export function htdigestLine(user: string, realm: string, password: string): string {
  return `${user}:${realm}:${createHash('md5').update(`${user}:${realm}:${password}`).digest('hex')}\n`;
}

export async function startApacheDigest(options: ApacheDigestOptions): Promise<Daemon> {
  requireBinary('/usr/sbin/apache2', 'apache2-bin');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-apache-'));
  await mkdir(join(dir, 'www'));
  await writeFile(join(dir, 'www/index.html'), '<html><head><title>NVR</title></head><body>Live view</body></html>');
  await writeFile(join(dir, 'htdigest'), htdigestLine(options.user, options.realm, options.password));
  await chmod(dir, 0o755);
  await chmod(join(dir, 'htdigest'), 0o644);
  const asRoot = process.getuid?.() === 0;
  try {
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      const modules = ['mpm_prefork', 'authn_core', 'authz_core', 'authn_file', 'authz_user', 'auth_digest', 'dir'];
      await writeFile(join(dir, 'httpd.conf'), [
        `ServerRoot ${dir}`,
        ...modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
        `Listen 127.0.0.1:${port}`,
        'ServerName localhost',
        `PidFile ${dir}/httpd.pid`,
        `ErrorLog ${dir}/error.log`,
        ...(asRoot ? ['User www-data', 'Group www-data'] : []),
        `DocumentRoot ${dir}/www`,
        'DirectoryIndex index.html',
        '<Location "/">',
        '  AuthType Digest',
        `  AuthName "${options.realm}"`,
        '  AuthDigestProvider file',
        `  AuthUserFile ${dir}/htdigest`,
        '  Require valid-user',
        '</Location>',
      ].join('\n'));
      return startDaemon('/usr/sbin/apache2', ['-X', '-f', join(dir, 'httpd.conf')], port);
    });
    return { ...daemon, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** An htpasswd line in Apache's {SHA} format (accepted by mod_authn_file everywhere). */
export function htpasswdLine(user: string, password: string): string {
  return `${user}:{SHA}${createHash('sha1').update(password).digest('base64')}\n`;
}

/**
 * Apache httpd with mod_auth_form + mod_session_cookie: Apache's own HTML form login, a third
 * implementation for the generic form engine. / and every page need a session; without one Apache
 * redirects to /login.html (a static form posting httpd_username / httpd_password to /dologin);
 * the right pair gets 302 to /index.html with a session cookie, a wrong one 302 to /login.html?failed.
 */
export async function startApacheForm(options: { user: string; password: string }): Promise<Daemon> {
  requireBinary('/usr/sbin/apache2', 'apache2-bin');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-apache-form-'));
  await mkdir(join(dir, 'www'));
  await writeFile(join(dir, 'www/index.html'), '<html><head><title>NAS</title></head><body><h1>Storage</h1><p>2 disks, healthy</p></body></html>');
  await writeFile(join(dir, 'www/login.html'), [
    '<html><head><title>NAS login</title></head><body>',
    '<form method="POST" action="/dologin">',
    'Username: <input type="text" name="httpd_username" value="">',
    'Password: <input type="password" name="httpd_password" value="">',
    '<input type="submit" name="login" value="Login">',
    '</form></body></html>',
  ].join('\n'));
  await writeFile(join(dir, 'htpasswd'), htpasswdLine(options.user, options.password));
  await chmod(dir, 0o755);
  await chmod(join(dir, 'htpasswd'), 0o644);
  const asRoot = process.getuid?.() === 0;
  const auth = [
    '  AuthType form', '  AuthName "NAS"', '  AuthFormProvider file', `  AuthUserFile ${dir}/htpasswd`,
    '  Session On', '  SessionCookieName session path=/', '  AuthFormLoginRequiredLocation "/login.html"',
  ];
  try {
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      const modules = ['mpm_prefork', 'authn_core', 'authz_core', 'authn_file', 'authz_user', 'auth_form', 'session', 'session_cookie', 'request', 'dir'];
      await writeFile(join(dir, 'httpd.conf'), [
        `ServerRoot ${dir}`,
        ...modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
        `Listen 127.0.0.1:${port}`,
        'ServerName localhost',
        `PidFile ${dir}/httpd.pid`,
        `ErrorLog ${dir}/error.log`,
        ...(asRoot ? ['User www-data', 'Group www-data'] : []),
        `DocumentRoot ${dir}/www`,
        'DirectoryIndex index.html',
        '<Location "/">', ...auth, '  Require valid-user', '</Location>',
        '<Location "/login.html">', '  Require all granted', '</Location>',
        '<Location "/dologin">', '  SetHandler form-login-handler', ...auth,
        '  AuthFormLoginSuccessLocation "/index.html"', '  AuthFormLoginRequiredLocation "/login.html?failed"', '  Require all granted', '</Location>',
      ].join('\n'));
      return startDaemon('/usr/sbin/apache2', ['-X', '-f', join(dir, 'httpd.conf')], port);
    });
    return { ...daemon, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
