// Alerts delivered to REAL receivers on 127.0.0.1: webhook (JSON POST with a bearer token), ntfy
// (JSON publish, topic from the URL), e-mail (SMTP with AUTH); one message per scan; the per-key
// and hourly limits; failures reported without the URL path or a secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredDevice, StoredFinding } from '../../../backend/src/api/contract.js';
import { EventBus, type ChangeEvents } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { AlertService } from '../../../backend/src/alerts/service.js';
import type { AlertMessage } from '../../../backend/src/alerts/message.js';
import { SettingsSchema, type Settings } from '../../../backend/src/storage/settings.js';
import { httpReceiver, smtpReceiver } from './receivers.js';

const TOKEN = 'tok-SECRET-4821';
const SMTP = { user: 'mamori', password: 'smtp-PASS-9931' };
let hook: Awaited<ReturnType<typeof httpReceiver>>;
let ntfy: Awaited<ReturnType<typeof httpReceiver>>;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;

beforeAll(async () => {
  [hook, ntfy, smtp] = await Promise.all([httpReceiver(), httpReceiver(), smtpReceiver(SMTP)]);
});
afterAll(async () => {
  await Promise.all([hook.close(), ntfy.close(), smtp.close()]);
});

const device = (n: number): StoredDevice => ({
  id: `mac-a4143777001${n}`, ip: `10.77.0.1${n}`, mac: `a4:14:37:77:00:1${n}`, vendor: 'Hikvision', hostnames: [], services: [],
  firstSeen: '2026-11-24T00:00:00.000Z', lastSeen: '2026-11-24T00:00:00.000Z',
} as unknown as StoredDevice);
const finding: StoredFinding = {
  key: 'k-telnet', family: 'cleartext-service', service: 'telnet', ip: '10.77.0.11', mac: 'a4:14:37:77:00:11', port: 23, transport: 'tcp',
  severity: 'high', confidence: 'confirmed', title: 'Telnet', evidence: 'speaks telnet', responsible: ['user'], fix: [], checkId: 'cleartext-service-telnet',
  deviceId: 'mac-a41437770011', status: 'open', firstSeen: '2026-11-24T00:00:00.000Z', lastSeen: '2026-11-24T00:00:00.000Z',
} as StoredFinding;

function harness(overrides: Record<string, unknown>) {
  let settings: Settings = SettingsSchema.parse({ notifications: overrides });
  let time = Date.parse('2026-11-24T12:00:00Z');
  const lines: string[] = [];
  const changes = new EventBus<ChangeEvents>();
  const alerts = new AlertService({ changes, settings: () => settings, log: createLogger({ level: 'debug', write: (l) => lines.push(l) }), now: () => new Date(time) });
  const scan = async (id: string, emit: () => void) => {
    emit();
    changes.emit('scan:done', { id, status: 'completed' } as never);
    await alerts.idle();
  };
  return { alerts, changes, lines, scan, advance: (ms: number) => { time += ms; }, set: (s: Record<string, unknown>) => { settings = SettingsSchema.parse({ notifications: s }); } };
}

describe('webhook', () => {
  it('posts one JSON message per scan with every change, and the bearer token', async () => {
    hook.received.length = 0;
    const h = harness({ webhook: { enabled: true, url: `${hook.url}/hooks/abc`, token: TOKEN } });
    await h.scan('scan-1', () => {
      h.changes.emit('device:new', { scanId: 'scan-1', device: device(1) });
      h.changes.emit('device:new', { scanId: 'scan-1', device: device(2) });
      h.changes.emit('finding:new', { scanId: 'scan-1', finding });
    });
    expect(hook.received).toHaveLength(1);
    const [post] = hook.received;
    expect(post).toMatchObject({ method: 'POST', path: '/hooks/abc' });
    expect(post!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(post!.headers['content-type']).toBe('application/json');
    const message = JSON.parse(post!.body) as AlertMessage;
    expect(message).toMatchObject({ source: 'mamori', kind: 'changes', scanId: 'scan-1', language: 'en' });
    expect(message.items.map((i) => i.event)).toEqual(['new-device', 'new-device', 'new-finding']);
    expect(message.items[2]!.finding).toMatchObject({ key: 'k-telnet', port: 23, severity: 'high' });
    expect(message.text).toMatch(/New weakness: .*10\.77\.0\.11:23/);
    expect(h.alerts.lastResults).toEqual([{ channel: 'webhook', ok: true }]);
  });

  it('a flapping weakness alerts once an hour at most; a scan without news sends nothing', async () => {
    hook.received.length = 0;
    const h = harness({ webhook: { enabled: true, url: hook.url } });
    const flap = (scanId: string) => h.scan(scanId, () => h.changes.emit('finding:reopened', { scanId, finding }));
    await flap('s1');
    h.advance(10 * 60_000);
    await flap('s2');
    h.advance(10 * 60_000);
    await flap('s3');
    expect(hook.received).toHaveLength(1);
    expect((JSON.parse(hook.received[0]!.body) as AlertMessage).items[0]!.event).toBe('returning-weakness');
    h.advance(60 * 60_000);
    await flap('s4');
    expect(hook.received).toHaveLength(2);
  });

  it('caps messages per hour across all keys', async () => {
    hook.received.length = 0;
    const h = harness({ webhook: { enabled: true, url: hook.url }, maxPerHour: 2 });
    for (let n = 1; n <= 4; n++) await h.scan(`s${n}`, () => h.changes.emit('device:new', { scanId: `s${n}`, device: device(n) }));
    expect(hook.received).toHaveLength(2);
    expect(h.lines.some((l) => /held back: more than 2 alerts this hour/.test(l))).toBe(true);
    h.advance(61 * 60_000);
    await h.scan('s5', () => h.changes.emit('device:new', { scanId: 's5', device: device(5) }));
    expect(hook.received).toHaveLength(3);
  });

  it('respects the event switches', async () => {
    hook.received.length = 0;
    const h = harness({ webhook: { enabled: true, url: hook.url }, events: { newDevice: false } });
    await h.scan('s1', () => h.changes.emit('device:new', { scanId: 's1', device: device(1) }));
    expect(hook.received).toHaveLength(0);
  });

  it('reports a refused delivery without the URL path or the token', async () => {
    hook.setStatus(500);
    try {
      const h = harness({ webhook: { enabled: true, url: `${hook.url}/secret-path-XYZ`, token: TOKEN } });
      const result = await h.alerts.sendTest('webhook');
      expect(result).toEqual({ channel: 'webhook', ok: false, error: `webhook: ${hook.url} answered HTTP 500` });
      const logged = h.lines.join('\n');
      expect(logged).toMatch(/HTTP 500/);
      expect(logged).not.toContain('secret-path-XYZ');
      expect(logged).not.toContain(TOKEN);
    } finally {
      hook.setStatus(200);
    }
  });

  it('reports an unreachable receiver', async () => {
    const closed = await httpReceiver();
    const url = closed.url;
    await closed.close();
    const h = harness({ webhook: { enabled: true, url } });
    expect(await h.alerts.sendTest('webhook')).toEqual({ channel: 'webhook', ok: false, error: `webhook: could not connect to ${url}` });
  });
});

describe('ntfy', () => {
  it('publishes title and message as JSON to the server, topic taken from the URL', async () => {
    ntfy.received.length = 0;
    const h = harness({ ntfy: { enabled: true, url: `${ntfy.url}/mamori-home`, token: TOKEN }, language: 'ja' });
    await h.scan('s1', () => h.changes.emit('finding:new', { scanId: 's1', finding }));
    expect(ntfy.received).toHaveLength(1);
    expect(ntfy.received[0]).toMatchObject({ method: 'POST', path: '/' });
    expect(ntfy.received[0]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const body = JSON.parse(ntfy.received[0]!.body) as { topic: string; title: string; message: string; priority: number };
    expect(body.topic).toBe('mamori-home');
    expect(body.title).toMatch(/^Mamori：/);
    expect(body.message).toMatch(/新しい問題/);
    expect(body.priority).toBe(4);
  });
});

describe('e-mail', () => {
  it('sends a test message through SMTP with AUTH', async () => {
    const h = harness({ email: { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', user: SMTP.user, password: SMTP.password, from: 'mamori@home.test', to: ['owner@home.test'] } });
    const before = smtp.mails.length;
    expect(await h.alerts.sendTest('email')).toEqual({ channel: 'email', ok: true });
    expect(smtp.mails).toHaveLength(before + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail.user).toBe(SMTP.user);
    expect(mail.to.join()).toContain('owner@home.test');
    expect(mail.data).toMatch(/Subject: Mamori: test alert/);
  });

  it('a wrong password is refused by the server and reported without the password', async () => {
    const h = harness({ email: { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', user: SMTP.user, password: 'wrong-PASS-0000', from: 'mamori@home.test', to: ['owner@home.test'] } });
    const failures = smtp.authFailures;
    const result = await h.alerts.sendTest('email');
    expect(result).toMatchObject({ channel: 'email', ok: false, error: expect.stringMatching(/refused the message \((535|EAUTH)\)/) });
    expect(smtp.authFailures).toBe(failures + 1);
    expect(h.lines.join('\n')).not.toContain('wrong-PASS-0000');
  });
});
