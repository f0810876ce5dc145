// The VNC checks against two independent real servers on loopback — TigerVNC's Xtigervnc and
// x11vnc (libvncserver) — each without a password, with a well-known password, and with a strong
// password as the negative control.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessVnc } from '../../../backend/src/checks/anonymous-access-vnc.js';
import { defaultCredentialsVnc } from '../../../backend/src/checks/default-credentials-vnc.js';
import { checks } from '../../../backend/src/checks/index.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { vncAuthenticate, vncAuthResponse, vncHello } from '../../../backend/src/protocols/vnc.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import { startVncServer, type VncImplementation, type VncServer } from '../../helpers/vnc-servers.js';

const IMPLEMENTATIONS: VncImplementation[] = ['tigervnc', 'x11vnc'];
const STRONG = 'Qz7#vR2k';
const servers = new Map<string, VncServer>();
const server = (impl: VncImplementation, kind: 'open' | 'known' | 'strong'): VncServer => servers.get(`${impl}/${kind}`)!;

beforeAll(async () => {
  await Promise.all(IMPLEMENTATIONS.flatMap((impl) => ([['open', null], ['known', 'secret'], ['strong', STRONG]] as const).map(async ([kind, password]) => {
    servers.set(`${impl}/${kind}`, await startVncServer(impl, { password }));
  })));
}, 60_000);
afterAll(async () => { await Promise.all([...servers.values()].map((s) => s.stop())); });

function target(port: number) {
  const device = loopbackDevice([], null);
  const service = { ...tcpService(port, 'vnc'), banner: 'RFB 003.008' };
  device.services = [service];
  return { device, service };
}

const options = (port: number) => ({ host: '127.0.0.1', port, timeoutMs: 3000 });

describe('VNC Authentication response', () => {
  it('is DES with the mirrored-bit password key (the RFB quirk)', () => {
    // The classic DES test vector (key 133457799BBCDFF1, plaintext 0123456789ABCDEF → 85E813540F0AB405),
    // reached through a password whose bytes, mirrored, are that key.
    const password = Buffer.from('c82cea9ed93dfb8f', 'hex').toString('latin1');
    const challenge = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    expect(vncAuthResponse(challenge, password).toString('hex')).toBe('85e813540f0ab405'.repeat(2));
    // Only the first 8 characters count, as in every RFB server.
    expect(vncAuthResponse(challenge, 'password-and-more')).toEqual(vncAuthResponse(challenge, 'password'));
    expect(vncAuthResponse(challenge, 'passwore')).not.toEqual(vncAuthResponse(challenge, 'password'));
  });
});

describe.each(IMPLEMENTATIONS)('VNC checks against %s on loopback', (impl) => {
  it('the registry runs both checks', () => {
    expect(checks).toContain(anonymousAccessVnc);
    expect(checks).toContain(defaultCredentialsVnc);
  });

  it('service identification names the port "vnc" from the RFB greeting', async () => {
    const device = loopbackDevice([server(impl, 'open').port], null);
    const [service] = await serviceIdProbe.run(device, testContext({ tuning: { greetingMs: 1500, exchangeTimeoutMs: 3000 } }));
    expect(service).toMatchObject({ service: 'vnc', banner: expect.stringMatching(/^RFB 003\.00\d/) });
  });

  it('reads the version and the security types', async () => {
    const open = await vncHello(options(server(impl, 'open').port));
    expect(open?.version).toMatch(/^RFB 003\.00[78]$/);
    expect(open?.securityTypes).toContain(1);
    const locked = await vncHello(options(server(impl, 'strong').port));
    expect(locked?.securityTypes).toContain(2);
    expect(locked?.securityTypes).not.toContain(1);
  });

  it('anonymous-access-vnc: finds the server without a password', async () => {
    const results = await anonymousAccessVnc.run(target(server(impl, 'open').port), testContext({ tuning: { exchangeTimeoutMs: 3000 } }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ confidence: 'confirmed', evidence: expect.stringContaining('type 1 (None) was accepted') });
  });

  it('anonymous-access-vnc: negative control — a password-protected server stays clean', async () => {
    expect(await anonymousAccessVnc.run(target(server(impl, 'strong').port), testContext({ tuning: { exchangeTimeoutMs: 3000 } }))).toEqual([]);
    expect(await anonymousAccessVnc.run(target(server(impl, 'known').port), testContext({ tuning: { exchangeTimeoutMs: 3000 } }))).toEqual([]);
  });

  it('VNC Authentication: the right password is accepted, a wrong one rejected', async () => {
    expect((await vncAuthenticate(options(server(impl, 'known').port), 'secret')).result).toBe('accepted');
    expect((await vncAuthenticate(options(server(impl, 'known').port), 'not-it')).result).toBe('rejected');
  });

  it('default-credentials-vnc: finds the well-known password, with the random-password control refused', async () => {
    const ctx = testContext({ loginChecks: true, tuning: { exchangeTimeoutMs: 3000 } });
    const results = await defaultCredentialsVnc.run(target(server(impl, 'known').port), ctx);
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'VNC password accepted: s****t; a random wrong password was refused' }]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['rejected', 'accepted', 'rejected']);
    for (const attempt of ctx.attempts) expect(attempt.passwordMasked).not.toMatch(/secret|password/);
  });

  it('default-credentials-vnc: negative control — a strong password stays clean within the budget', async () => {
    const ctx = testContext({ loginChecks: true, tuning: { exchangeTimeoutMs: 3000 } });
    expect(await defaultCredentialsVnc.run(target(server(impl, 'strong').port), ctx)).toEqual([]);
    expect(ctx.attempts.length).toBeLessThanOrEqual(defaultCredentialsVnc.maxAttempts);
    expect(ctx.attempts.every((a) => a.outcome === 'rejected')).toBe(true);
  });

  it('default-credentials-vnc: tries nothing where no password is asked (that is the anonymous finding)', async () => {
    const ctx = testContext({ loginChecks: true, tuning: { exchangeTimeoutMs: 3000 } });
    expect(await defaultCredentialsVnc.run(target(server(impl, 'open').port), ctx)).toEqual([]);
    expect(ctx.attempts).toEqual([]);
  });
});
