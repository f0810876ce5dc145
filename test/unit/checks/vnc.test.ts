// The VNC checks against two independent real servers on loopback — TigerVNC's Xtigervnc and
// x11vnc (libvncserver) — each without a password, with a well-known password, and with a strong
// password as the negative control. The check servers keep TigerVNC's default blacklist (5
// connections that end unauthenticated): the checks run in a scan's order on one scan context,
// as the runner runs them, and must fit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessVnc } from '../../../backend/src/checks/anonymous-access-vnc.js';
import { defaultCredentialsVnc } from '../../../backend/src/checks/default-credentials-vnc.js';
import { checks } from '../../../backend/src/checks/index.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { vncAuthenticate, vncAuthResponse, vncHello } from '../../../backend/src/protocols/vnc.js';
import { loopbackDevice, testContext } from '../../helpers/context.js';
import { startVncServer, type VncImplementation, type VncServer } from '../../helpers/vnc-servers.js';

const IMPLEMENTATIONS: VncImplementation[] = ['tigervnc', 'x11vnc'];
const STRONG = 'Qz7#vR2k';
const KINDS = [['open', null], ['known', 'secret'], ['strong', STRONG], ['protocol', 'secret']] as const;
type Kind = (typeof KINDS)[number][0];
const servers = new Map<string, VncServer>();
const server = (impl: VncImplementation, kind: Kind): VncServer => servers.get(`${impl}/${kind}`)!;

beforeAll(async () => {
  await Promise.all(IMPLEMENTATIONS.flatMap((impl) => KINDS.map(async ([kind, password]) => {
    // Only the protocol-level tests, which open many connections, get a lenient blacklist.
    servers.set(`${impl}/${kind}`, await startVncServer(impl, { password, ...(kind === 'protocol' ? { blacklistThreshold: 100 } : {}) }));
  })));
}, 60_000);
afterAll(async () => { await Promise.all([...servers.values()].map((s) => s.stop())); });

const tuning = { greetingMs: 1500, exchangeTimeoutMs: 3000 };
const options = (port: number) => ({ host: '127.0.0.1', port, timeoutMs: 3000 });

/** Service identification, then both checks, on one scan context: what a scan does to one VNC port. */
async function scanLike(port: number) {
  const ctx = testContext({ loginChecks: true, tuning });
  const device = loopbackDevice([port], null);
  const [service] = await serviceIdProbe.run(device, ctx);
  device.services = [service!];
  const target = { device, service: service! };
  const anonymous = await anonymousAccessVnc.run(target, ctx);
  const credentials = await defaultCredentialsVnc.run(target, ctx);
  return { service: service!, anonymous, credentials, attempts: ctx.attempts };
}

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

  it('both checks are registered; only the password one needs consent', () => {
    expect(checks).toContain(anonymousAccessVnc);
    expect(checks).toContain(defaultCredentialsVnc);
    expect(anonymousAccessVnc.intrusive).toBe(false);
    expect(defaultCredentialsVnc).toMatchObject({ intrusive: true, tags: ['credentials'], maxAttempts: 4 });
  });
});

describe.each(IMPLEMENTATIONS)('VNC against %s on loopback', (impl) => {
  it('the client reads the version and the security types; VNC Authentication takes the right password only', async () => {
    const open = await vncHello(options(server(impl, 'open').port));
    expect(open?.version).toMatch(/^RFB 003\.00[78]$/);
    expect(open?.securityTypes).toContain(1);
    const port = server(impl, 'protocol').port;
    const locked = await vncHello(options(port));
    expect(locked?.securityTypes).toContain(2);
    expect(locked?.securityTypes).not.toContain(1);
    expect((await vncAuthenticate(options(port), 'secret')).result).toBe('accepted');
    expect((await vncAuthenticate(options(port), 'not-it')).result).toBe('rejected');
  });

  it('no password: named "vnc", anonymous-access-vnc finds it, no password is tried', async () => {
    const scan = await scanLike(server(impl, 'open').port);
    expect(scan.service).toMatchObject({ service: 'vnc', banner: expect.stringMatching(/^RFB 003\.00\d/) });
    expect(scan.anonymous).toEqual([{ confidence: 'confirmed', evidence: expect.stringContaining('type 1 (None) was accepted') }]);
    expect(scan.credentials).toEqual([]);
    expect(scan.attempts).toEqual([]);
  });

  it('a well-known password: default-credentials-vnc finds it, with the random-password control refused', async () => {
    const scan = await scanLike(server(impl, 'known').port);
    expect(scan.anonymous).toEqual([]);
    expect(scan.credentials).toEqual([{ confidence: 'confirmed', evidence: 'VNC password accepted: s****t; a random wrong password was refused' }]);
    expect(scan.attempts.map((a) => a.outcome)).toEqual(['rejected', 'accepted', 'rejected']);
    for (const attempt of scan.attempts) expect(attempt.passwordMasked).not.toMatch(/secret|password/);
  });

  it('negative control — a strong password: both checks stay clean, within the budget', async () => {
    const scan = await scanLike(server(impl, 'strong').port);
    expect(scan.anonymous).toEqual([]);
    expect(scan.credentials).toEqual([]);
    expect(scan.attempts.map((a) => a.outcome)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});
