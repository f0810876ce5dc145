// Two independent real web servers serving plain HTML login forms on loopback, for the generic
// form engine: lighttpd + the router CGI (CSRF token, session cookie, the status page on success)
// and busybox httpd + the camera CGI (302 to the live view on success, to ?error=1 on failure).
// The CGIs live in test/lab/files/ and play the same roles in the second lab set.
import { chmod, chown, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary, startDaemon, withPortRetry, type Daemon } from './daemon.js';
import { freePort } from './net.js';

const FILES = join(import.meta.dirname, '../lab/files');

export interface WebFormOptions {
  user: string;
  password: string;
  /** 'never': a login page that accepts no pair at all; 'any' (camera): any password for the user. */
  mode?: 'normal' | 'never' | 'any';
  /** Router only: the form's action (e.g. another host or port, which must never be followed). */
  action?: string;
  /** Router only: failures in 60 s after which every answer is 429. */
  lockAfter?: number;
}

export interface WebFormServer extends Daemon {
  /** Login tries the server saw (one line per POST, written by the CGI). */
  tries(): Promise<number>;
}

async function countTries(state: string): Promise<number> {
  const text = await readFile(join(state, 'tries'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).length;
}

function cgiEnv(state: string, options: WebFormOptions): Record<string, string> {
  return {
    WEBFORM_STATE: state, WEBFORM_USER: options.user, WEBFORM_PASS: options.password,
    WEBFORM_MODE: options.mode ?? 'normal', WEBFORM_LOCK_AFTER: String(options.lockAfter ?? 8),
    ...(options.action ? { WEBFORM_ACTION: options.action } : {}),
  };
}

const quote = (s: string): string => JSON.stringify(s);

/** lighttpd 1.4 + webform-router.cgi; runs as www-data when started as root. */
export async function startRouterForm(options: WebFormOptions): Promise<WebFormServer> {
  requireBinary('/usr/sbin/lighttpd', 'lighttpd');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-webform-router-'));
  const state = join(dir, 'state');
  await mkdir(join(dir, 'www/cgi-bin'), { recursive: true });
  await mkdir(state);
  await copyFile(join(FILES, 'webform-router.cgi'), join(dir, 'www/cgi-bin/router.cgi'));
  await chmod(join(dir, 'www/cgi-bin/router.cgi'), 0o755);
  await chmod(dir, 0o755);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chown(state, 33, 33); // www-data writes sessions and tries
  const env = Object.entries(cgiEnv(state, options)).map(([k, v]) => `${quote(k)} => ${quote(v)}`).join(', ');
  try {
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      await writeFile(join(dir, 'lighttpd.conf'), [
        'server.modules = ("mod_rewrite", "mod_setenv", "mod_cgi")',
        `server.document-root = ${quote(join(dir, 'www'))}`,
        'server.bind = "127.0.0.1"',
        `server.port = ${port}`,
        ...(asRoot ? ['server.username = "www-data"', 'server.groupname = "www-data"'] : []),
        'server.tag = "lighttpd"',
        'url.rewrite-once = ("^.*$" => "/cgi-bin/router.cgi")',
        'cgi.assign = (".cgi" => "")',
        `setenv.set-environment = (${env})`,
      ].join('\n'));
      return startDaemon('/usr/sbin/lighttpd', ['-D', '-f', join(dir, 'lighttpd.conf')], port);
    });
    return { ...daemon, tries: () => countTries(state), stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** busybox httpd + webform-camera.cgi (login.cgi and main.cgi) + a static index.html form. */
export async function startCameraForm(options: WebFormOptions): Promise<WebFormServer> {
  requireBinary('/usr/bin/busybox', 'busybox-static');
  const dir = await mkdtemp(join(tmpdir(), 'mamori-webform-camera-'));
  const state = join(dir, 'state');
  const www = join(dir, 'www');
  await mkdir(join(www, 'cgi-bin'), { recursive: true });
  await mkdir(state);
  for (const name of ['login.cgi', 'main.cgi']) {
    await copyFile(join(FILES, 'webform-camera.cgi'), join(www, 'cgi-bin', name));
    await chmod(join(www, 'cgi-bin', name), 0o755);
  }
  await copyFile(join(FILES, 'webform-camera.html'), join(www, 'index.html'));
  await chmod(dir, 0o755);
  try {
    const daemon = await withPortRetry(async () => {
      const port = await freePort();
      // env execs busybox (same PID); -f keeps it in the foreground; the CGI inherits the settings.
      const settings = Object.entries(cgiEnv(state, options)).map(([k, v]) => `${k}=${v}`);
      return startDaemon('/usr/bin/env', [...settings, '/usr/bin/busybox', 'httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', www], port);
    });
    return { ...daemon, tries: () => countTries(state), stop: async () => { await daemon.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
