// Real servers delay a failed login (busybox login 3 s, pam_faildelay 2–3 s, FTP servers 1–5 s).
// Each credential check must decide on what the server says, however late it says it: the factory
// pair is found and the random wrong password (the control) is refused — `confirmed`, never
// `likely` — and a server with a password of its own stays clean. The tests never depend on how
// long anything takes: the deadlines are the product's defaults (DEFAULT_TUNING.loginAnswerMs).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentialsFtp } from '../../../../backend/src/checks/default-credentials-ftp.js';
import { defaultCredentialsHttp } from '../../../../backend/src/checks/default-credentials-http.js';
import { defaultCredentialsSsh } from '../../../../backend/src/checks/default-credentials-ssh.js';
import { defaultCredentialsTelnet } from '../../../../backend/src/checks/default-credentials-telnet.js';
import { DEFAULT_TUNING } from '../../../../backend/src/config/tuning.js';
import { telnetLogin } from '../../../../backend/src/protocols/telnet.js';
import type { Check } from '../../../../backend/src/core/plugins.js';
import type { Device, Service } from '../../../../backend/src/core/types.js';
import { canRunBusyboxLogin, startBusyboxLogin } from '../../../helpers/busybox-login.js';
import { loopbackDevice, tcpService, testContext } from '../../../helpers/context.js';
import type { Daemon } from '../../../helpers/daemon.js';
import { startFtpd, type Ftpd } from '../../../helpers/ftpd.js';
import { countingLoginScript } from '../../../helpers/login-scripts.js';
import { startSshServer, type SshServer } from '../../../helpers/ssh-server.js';
import { startBusyboxTelnetd, type Telnetd } from '../../../helpers/telnetd.js';
import { startBasicServer, startDigestServer, type LoginServer } from '../../../helpers/web-logins.js';

const OWN = 'Long-unique-Pa55';
// The product's own deadlines, not shortened for the tests.
const ctx = () => testContext({ tuning: { exchangeTimeoutMs: DEFAULT_TUNING.exchangeTimeoutMs, loginAnswerMs: DEFAULT_TUNING.loginAnswerMs } });
const CONFIRMED = /; a random wrong password was refused$/;

function target(port: number, service: string, banner: string | null = null): { device: Device; service: Service } {
  const device = loopbackDevice([], '02:00:00:00:00:01'); // locally administered: no maker to go by
  const svc: Service = { ...tcpService(port, service), banner };
  device.services = [svc];
  return { device, service: svc };
}

async function expectFound(check: Check, t: { device: Device; service: Service }): Promise<void> {
  const context = ctx();
  const results = await check.run(t, context);
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ confidence: 'confirmed' });
  expect(results[0]!.evidence).toMatch(CONFIRMED);
  // The last try is the control, and the server's (late) answer decided it.
  expect(context.attempts.at(-1)?.outcome).toBe('rejected');
  expect(context.attempts.at(-2)?.outcome).toBe('accepted');
}

async function expectClean(check: Check, t: { device: Device; service: Service }): Promise<void> {
  const context = ctx();
  expect(await check.run(t, context)).toEqual([]);
  expect(context.attempts.length).toBeGreaterThan(2); // the search went on past the first late "no"
  expect(context.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
}

const scriptTries = async (d: Telnetd): Promise<string[]> => (await readFile(join(d.dir, 'tries'), 'utf8').catch(() => '')).split('\n').filter(Boolean);

const started: Array<{ stop?: () => Promise<void>; close?: () => Promise<void> }> = [];
afterAll(async () => { await Promise.all(started.map((s) => (s.stop ? s.stop() : s.close?.()))); });

describe.concurrent('credential checks decide on servers that delay a failed login', () => {
  describe('telnet', () => {
    let slow1: Telnetd, slow5: Telnetd, secure5: Telnetd;
    beforeAll(async () => {
      [slow1, slow5, secure5] = await Promise.all([
        startBusyboxTelnetd({ script: countingLoginScript('root', 'xc3511', 0, 1) }),
        startBusyboxTelnetd({ script: countingLoginScript('root', 'xc3511', 0, 5) }),
        startBusyboxTelnetd({ script: countingLoginScript('root', OWN, 0, 5) }),
      ]);
      started.push(slow1, slow5, secure5);
    });

    it('1 s and 5 s failure delays (busybox telnetd, scripted login): found and confirmed; 5 s with its own password stays clean', { timeout: 150_000 }, async () => {
      await Promise.all([
        expectFound(defaultCredentialsTelnet, target(slow1.port, 'telnet')),
        expectFound(defaultCredentialsTelnet, target(slow5.port, 'telnet')),
        expectClean(defaultCredentialsTelnet, target(secure5.port, 'telnet')),
      ]);
      expect((await scriptTries(slow5)).slice(-2)).toEqual(['ok', 'fail']);
      expect((await scriptTries(secure5)).every((t) => t === 'fail')).toBe(true);
    });

    it('a server that echoes the password is judged by its answer, not by our own words echoed back', { timeout: 60_000 }, async () => {
      // The scripted login leaves the terminal's echo on: "Wrong-pass#" comes back before the verdict.
      const echoing = await startBusyboxTelnetd({ script: countingLoginScript('root', 'Wrong-pass#', 0, 1) });
      started.push(echoing);
      const options = { host: '127.0.0.1', port: echoing.port, timeoutMs: DEFAULT_TUNING.exchangeTimeoutMs, answerTimeoutMs: DEFAULT_TUNING.loginAnswerMs };
      expect((await telnetLogin(options, 'root', 'Wrong-pass#')).result).toBe('accepted');
      expect((await telnetLogin(options, 'root', 'root#')).result).toBe('rejected');
      expect(await scriptTries(echoing)).toEqual(['ok', 'fail']);
    });
  });

  describe.runIf(canRunBusyboxLogin())('real busybox login (3 s delay, "(none) login:" prompt)', () => {
    let factory: Daemon, secure: Daemon;
    beforeAll(async () => {
      [factory, secure] = await Promise.all([
        startBusyboxLogin({ user: 'root', password: 'xc3511' }),
        startBusyboxLogin({ user: 'root', password: OWN }),
      ]);
      started.push(factory, secure);
    });

    it('finds root/xc3511 confirmed; a board with its own password stays clean', { timeout: 150_000 }, async () => {
      await Promise.all([
        expectFound(defaultCredentialsTelnet, target(factory.port, 'telnet', '(none) login: ')),
        expectClean(defaultCredentialsTelnet, target(secure.port, 'telnet', '(none) login: ')),
      ]);
    });
  });

  describe('ftp (pyftpdlib, failure delay 1, 3 and 5 s)', () => {
    let ftpd: Record<string, Ftpd> = {};
    beforeAll(async () => {
      const [d1, d3, d5, s5] = await Promise.all([
        startFtpd('admin', 'admin', { failDelaySeconds: 1 }),
        startFtpd('admin', 'admin', { failDelaySeconds: 3 }),
        startFtpd('admin', 'admin', { failDelaySeconds: 5 }),
        startFtpd('admin', OWN, { failDelaySeconds: 5 }),
      ]);
      ftpd = { d1: d1!, d3: d3!, d5: d5!, s5: s5! };
      started.push(...Object.values(ftpd));
    });

    it('finds admin/admin confirmed at every delay; its own password at 5 s stays clean', { timeout: 150_000 }, async () => {
      await Promise.all([
        expectFound(defaultCredentialsFtp, target(ftpd['d1']!.port, 'ftp')),
        expectFound(defaultCredentialsFtp, target(ftpd['d3']!.port, 'ftp')),
        expectFound(defaultCredentialsFtp, target(ftpd['d5']!.port, 'ftp')),
        expectClean(defaultCredentialsFtp, target(ftpd['s5']!.port, 'ftp')),
      ]);
      expect(await ftpd['d5']!.tries(2)).toEqual(['ok', 'fail']);
    });
  });

  describe('ssh (ssh2 server, failure delay 3 s)', () => {
    let factory: SshServer, secure: SshServer;
    beforeAll(async () => {
      [factory, secure] = await Promise.all([
        startSshServer({ user: 'root', password: 'root', failDelayMs: 3000 }),
        startSshServer({ user: 'root', password: OWN, failDelayMs: 3000 }),
      ]);
      started.push(factory, secure);
    });

    it('finds root/root confirmed; its own password stays clean', { timeout: 150_000 }, async () => {
      await Promise.all([
        expectFound(defaultCredentialsSsh, target(factory.port, 'ssh', 'SSH-2.0-dropbear_2019.78')),
        expectClean(defaultCredentialsSsh, target(secure.port, 'ssh', 'SSH-2.0-dropbear_2019.78')),
      ]);
      expect(factory.passwordTries).toEqual(['ok', 'fail']);
    });
  });

  describe('http Basic (401 delayed 1 and 5 s) and Digest (3 s)', () => {
    let slow1: LoginServer, slow5: LoginServer, secure5: LoginServer, digest3: LoginServer;
    beforeAll(async () => {
      [slow1, slow5, secure5, digest3] = await Promise.all([
        startBasicServer({ user: 'admin', password: 'admin', failDelayMs: 1000 }, 'index.html'),
        startBasicServer({ user: 'admin', password: 'admin', failDelayMs: 5000 }, 'index.html'),
        startBasicServer({ user: 'admin', password: OWN, failDelayMs: 5000 }, 'index.html'),
        startDigestServer({ user: 'admin', password: 'admin', failDelayMs: 3000 }, 'index.html'),
      ]);
      started.push(slow1, slow5, secure5, digest3);
    });

    it('finds admin/admin confirmed; its own password stays clean', { timeout: 150_000 }, async () => {
      await Promise.all([
        expectFound(defaultCredentialsHttp, target(slow1.port, 'http')),
        expectFound(defaultCredentialsHttp, target(slow5.port, 'http')),
        expectFound(defaultCredentialsHttp, target(digest3.port, 'http')),
        expectClean(defaultCredentialsHttp, target(secure5.port, 'http')),
      ]);
      expect(slow5.tries).toEqual(['ok', 'fail']);
    });
  });
});
