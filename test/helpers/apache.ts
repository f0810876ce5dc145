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

/** One Apache site in a temp dir: its pages, one password file, modules and the directives after DocumentRoot. */
interface ApacheSite {
  prefix: string;
  pages: Record<string, string>;
  passwordFile: { name: string; content: string };
  modules: readonly string[];
  /** The configuration's own lines; `dir` is the site's directory. */
  config(dir: string): string[];
}

async function startApache(site: ApacheSite): Promise<Daemon> {
  requireBinary('/usr/sbin/apache2', 'apache2-bin');
  const dir = await mkdtemp(join(tmpdir(), site.prefix));
  await mkdir(join(dir, 'www'));
  for (const [name, html] of Object.entries(site.pages)) await writeFile(join(dir, 'www', name), html);
  await writeFile(join(dir, site.passwordFile.name), site.passwordFile.content);
  await chmod(dir, 0o755);
  await chmod(join(dir, site.passwordFile.name), 0o644);
  const asRoot = process.getuid?.() === 0;
  try {
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      await writeFile(join(dir, 'httpd.conf'), [
        `ServerRoot ${dir}`,
        ...site.modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
        `Listen 127.0.0.1:${port}`,
        'ServerName localhost',
        `PidFile ${dir}/httpd.pid`,
        `ErrorLog ${dir}/error.log`,
        ...(asRoot ? ['User www-data', 'Group www-data'] : []),
        `DocumentRoot ${dir}/www`,
        'DirectoryIndex index.html',
        ...site.config(dir),
      ].join('\n'));
      return startDaemon('/usr/sbin/apache2', ['-X', '-f', join(dir, 'httpd.conf')], port);
    });
    return { ...daemon, stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function startApacheDigest(options: ApacheDigestOptions): Promise<Daemon> {
  return startApache({
    prefix: 'mamori-apache-',
    pages: { 'index.html': '<html><head><title>NVR</title></head><body>Live view</body></html>' },
    passwordFile: { name: 'htdigest', content: htdigestLine(options.user, options.realm, options.password) },
    modules: ['mpm_prefork', 'authn_core', 'authz_core', 'authn_file', 'authz_user', 'auth_digest', 'dir'],
    config: (dir) => [
      '<Location "/">',
      '  AuthType Digest',
      `  AuthName "${options.realm}"`,
      '  AuthDigestProvider file',
      `  AuthUserFile ${dir}/htdigest`,
      '  Require valid-user',
      '</Location>',
    ],
  });
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
  const auth = (dir: string): string[] => [
    '  AuthType form', '  AuthName "NAS"', '  AuthFormProvider file', `  AuthUserFile ${dir}/htpasswd`,
    '  Session On', '  SessionCookieName session path=/', '  AuthFormLoginRequiredLocation "/login.html"',
  ];
  return startApache({
    prefix: 'mamori-apache-form-',
    pages: {
      'index.html': '<html><head><title>NAS</title></head><body><h1>Storage</h1><p>2 disks, healthy</p></body></html>',
      'login.html': [
        '<html><head><title>NAS login</title></head><body>',
        '<form method="POST" action="/dologin">',
        'Username: <input type="text" name="httpd_username" value="">',
        'Password: <input type="password" name="httpd_password" value="">',
        '<input type="submit" name="login" value="Login">',
        '</form></body></html>',
      ].join('\n'),
    },
    passwordFile: { name: 'htpasswd', content: htpasswdLine(options.user, options.password) },
    modules: ['mpm_prefork', 'authn_core', 'authz_core', 'authn_file', 'authz_user', 'auth_form', 'session', 'session_cookie', 'request', 'dir'],
    config: (dir) => [
      '<Location "/">', ...auth(dir), '  Require valid-user', '</Location>',
      '<Location "/login.html">', '  Require all granted', '</Location>',
      '<Location "/dologin">', '  SetHandler form-login-handler', ...auth(dir),
      '  AuthFormLoginSuccessLocation "/index.html"', '  AuthFormLoginRequiredLocation "/login.html?failed"', '  Require all granted', '</Location>',
    ],
  });
}
