import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTelnet, telnetGreeting, telnetLogin } from '../../../backend/src/protocols/telnet.js';
import { LOOPBACK, startHttpServer, startSilentServer, timed, type RunningServer } from '../../helpers/net.js';
import {
  NO_PROMPT_SCRIPT, startBusyboxTelnetd, TELNET_PASSWORD, TELNET_USER, type Telnetd,
} from '../../helpers/telnetd.js';

const IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240;
const ECHO = 1, SGA = 3, TTYPE = 24, NAWS = 31;

describe('parseTelnet', () => {
  it('refuses DO with WONT and WILL with DONT, and counts each negotiation', () => {
    const parsed = parseTelnet(Buffer.from([IAC, DO, ECHO, IAC, WILL, SGA, ...Buffer.from('login: ')]));
    expect(parsed.text).toBe('login: ');
    expect(parsed.negotiations).toBe(2);
    expect([...parsed.reply]).toEqual([IAC, WONT, ECHO, IAC, DONT, SGA]);
  });

  it('does not answer DONT or WONT (no reply loop), but still counts them', () => {
    const parsed = parseTelnet(Buffer.from([IAC, DONT, ECHO, IAC, WONT, SGA]));
    expect(parsed.negotiations).toBe(2);
    expect(parsed.reply.length).toBe(0);
    expect(parsed.text).toBe('');
  });

  it('turns IAC IAC into one 0xff data byte', () => {
    const parsed = parseTelnet(Buffer.from([0x41, IAC, IAC, 0x42]));
    expect([...Buffer.from(parsed.text, 'latin1')]).toEqual([0x41, 0xff, 0x42]);
    expect(parsed.negotiations).toBe(0);
  });

  it('skips a subnegotiation up to IAC SE', () => {
    const parsed = parseTelnet(Buffer.from([IAC, SB, TTYPE, 1, IAC, SE, ...Buffer.from('ok')]));
    expect(parsed.text).toBe('ok');
    expect(parsed.negotiations).toBe(1);
  });

  it('does not end a subnegotiation at a bare 240 data byte (NAWS width 240) or at an escaped IAC', () => {
    const naws = parseTelnet(Buffer.from([IAC, SB, NAWS, 0, SE, 0, 24, IAC, SE, ...Buffer.from('ok')]));
    expect(naws.text).toBe('ok');
    expect(naws.negotiations).toBe(1);
    const escaped = parseTelnet(Buffer.from([IAC, SB, NAWS, IAC, IAC, SE, 0, 24, IAC, SE, ...Buffer.from('ok')]));
    expect(escaped.text).toBe('ok');
  });

  it('treats plain text as text, with no negotiations', () => {
    const parsed = parseTelnet(Buffer.from('SSH-2.0-OpenSSH_9.2p1\r\n'));
    expect(parsed).toMatchObject({ text: 'SSH-2.0-OpenSSH_9.2p1\r\n', negotiations: 0 });
    expect(parsed.reply.length).toBe(0);
  });

  it('drops a command cut off at the end of the buffer without inventing text', () => {
    expect(parseTelnet(Buffer.from([0x41, IAC])).text).toBe('A');
    expect(parseTelnet(Buffer.from([0x41, IAC, DO])).text).toBe('A');
  });
});

describe('telnet client against real busybox telnetd on loopback', () => {
  let telnetd: Telnetd;
  let noPrompt: Telnetd;
  let silent: RunningServer;
  let web: RunningServer;

  beforeAll(async () => {
    [telnetd, noPrompt, silent, web] = await Promise.all([
      startBusyboxTelnetd(),
      startBusyboxTelnetd({ script: NO_PROMPT_SCRIPT }),
      startSilentServer(),
      startHttpServer((_req, res) => res.end('hi')),
    ]);
  });

  afterAll(async () => {
    await Promise.all([telnetd?.stop(), noPrompt?.stop(), silent?.close(), web?.close()]);
  });

  const at = (port: number, timeoutMs = 2000) => ({ host: LOOPBACK, port, timeoutMs });

  it('telnetGreeting answers the negotiation and sees the login prompt', async () => {
    const greeting = await telnetGreeting(at(telnetd.port));
    expect(greeting.negotiations).toBeGreaterThan(0);
    expect(greeting.loginPrompt).toBe(true);
    expect(greeting.text).toContain('Mamori test camera');
  });

  it('telnetGreeting on telnetd without a prompt: negotiations but no login prompt', async () => {
    const greeting = await telnetGreeting(at(noPrompt.port, 600));
    expect(greeting.negotiations).toBeGreaterThan(0);
    expect(greeting.loginPrompt).toBe(false);
  });

  it('telnetGreeting on a silent server: nothing, within the timeout', async () => {
    const { value, ms } = await timed(() => telnetGreeting(at(silent.port, 400)));
    expect(value).toEqual({ text: '', negotiations: 0, loginPrompt: false });
    expect(ms).toBeLessThan(400 + 500);
  });

  it('telnetLogin: the right pair is accepted (a "# " prompt follows)', async () => {
    const outcome = await telnetLogin(at(telnetd.port), TELNET_USER, TELNET_PASSWORD);
    expect(outcome.result).toBe('accepted');
    expect(outcome.transcript).toMatch(/# $/);
  });

  it('telnetLogin: a wrong password is rejected (negative control)', async () => {
    const outcome = await telnetLogin(at(telnetd.port), TELNET_USER, 'admin');
    expect(outcome.result).toBe('rejected');
    expect(outcome.transcript).toContain('Login incorrect');
  });

  it('telnetLogin: a wrong user with the right password is rejected too', async () => {
    expect((await telnetLogin(at(telnetd.port), 'admin', TELNET_PASSWORD)).result).toBe('rejected');
  });

  it('telnetLogin: a telnetd that never prompts gives no-login-prompt within the timeout', async () => {
    const { value, ms } = await timed(() => telnetLogin(at(noPrompt.port, 500), TELNET_USER, TELNET_PASSWORD));
    expect(value.result).toBe('no-login-prompt');
    expect(ms).toBeGreaterThanOrEqual(480);
    expect(ms).toBeLessThan(500 + 700);
  });

  it('telnetLogin: a silent server gives no-login-prompt within the timeout', async () => {
    const { value, ms } = await timed(() => telnetLogin(at(silent.port, 400), TELNET_USER, TELNET_PASSWORD));
    expect(value.result).toBe('no-login-prompt');
    expect(ms).toBeLessThan(400 + 700);
  });

  it('telnetLogin: an HTTP server (mute until asked) is no-login-prompt', async () => {
    const outcome = await telnetLogin(at(web.port, 400), TELNET_USER, TELNET_PASSWORD);
    expect(outcome.result).toBe('no-login-prompt');
  });

  it('telnetLogin honours an abort signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { value, ms } = await timed(() => telnetLogin({ ...at(noPrompt.port, 5000), signal: controller.signal }, TELNET_USER, TELNET_PASSWORD));
    expect(value.result).toBe('no-login-prompt');
    expect(ms).toBeLessThan(1000);
  });
});
