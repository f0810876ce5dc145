import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basicAuthorization, digestAuthorization, formLogin, httpAuthLogin, parseChallenges, renderTemplate,
} from '../../../backend/src/protocols/http-auth.js';
import { HTTP_FORMS } from '../../../backend/src/checks/credentials/data.js';
import { LOOPBACK, startHttpServer, type RunningServer } from '../../helpers/net.js';
import { startBasicServer, startDigestServer, startFormServer, type FormStyle, type LoginServer } from '../../helpers/web-logins.js';

describe('challenge parsing and Digest arithmetic', () => {
  it('parses one or several challenges, quoted values with commas', () => {
    const [digest, basic] = parseChallenges(['Digest realm="IP Camera(C6131)", nonce="a,b", qop="auth,auth-int", algorithm=MD5, Basic realm="x"']);
    expect(digest).toEqual({ scheme: 'digest', params: { realm: 'IP Camera(C6131)', nonce: 'a,b', qop: 'auth,auth-int', algorithm: 'MD5' } });
    expect(basic).toEqual({ scheme: 'basic', params: { realm: 'x' } });
  });

  it('computes the RFC 2617 §3.5 example response', () => {
    const header = digestAuthorization(
      { scheme: 'digest', params: { realm: 'testrealm@host.com', qop: 'auth,auth-int', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', opaque: '5ccc069c403ebaf9f0171e9517f40e41' } },
      { method: 'GET', uri: '/dir/index.html', user: 'Mufasa', password: 'Circle Of Life', cnonce: '0a4f113b', nc: 1 },
    );
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('nc=00000001');
  });

  it('refuses algorithms it cannot compute instead of guessing', () => {
    expect(() => digestAuthorization({ scheme: 'digest', params: { algorithm: 'SHA-512-256', nonce: 'n' } }, { method: 'GET', uri: '/', user: 'a', password: 'b' })).toThrow(/unsupported/);
  });

  it('renders form templates', () => {
    expect(renderTemplate('{base64(user:password)}', 'admin', 'admin')).toBe(basicAuthorization('admin', 'admin').slice(6));
    expect(renderTemplate('http://{host}/x {user}/{password} {md5(password)}', 'u', 'p', '10.0.0.1')).toBe('http://10.0.0.1/x u/p 83878c91171338902e0fe0fb97a8c47a');
  });
});

describe('HTTP logins against loopback servers', () => {
  let basic: LoginServer;
  let digest: LoginServer;
  let throttled: LoginServer;
  let open: RunningServer;
  beforeAll(async () => {
    [basic, digest, throttled, open] = await Promise.all([
      startBasicServer({ user: 'admin', password: 'W3b-pass' }),
      startDigestServer({ user: 'admin', password: 'W3b-pass' }),
      startBasicServer({ user: 'admin', password: 'W3b-pass', throttleAfter: 1 }),
      startHttpServer((_q, s) => s.end('<title>Home</title>')),
    ]);
  });
  afterAll(async () => { await Promise.all([basic?.close(), digest?.close(), throttled?.close(), open?.close()]); });
  const at = (port: number) => ({ host: LOOPBACK, port, timeoutMs: 2000 });

  it('Basic: right pair accepted, wrong refused', async () => {
    expect(await httpAuthLogin(at(basic.port), '/', 'admin', 'W3b-pass')).toMatchObject({ outcome: 'accepted', status: 200, scheme: 'basic' });
    expect(await httpAuthLogin(at(basic.port), '/', 'admin', 'admin')).toMatchObject({ outcome: 'rejected', status: 401 });
    expect(basic.tries).toEqual(['ok', 'fail']);
  });

  it('Digest (qop auth, verified by the server): right pair accepted, wrong refused', async () => {
    expect(await httpAuthLogin(at(digest.port), '/', 'admin', 'W3b-pass')).toMatchObject({ outcome: 'accepted', scheme: 'digest' });
    expect(await httpAuthLogin(at(digest.port), '/', 'admin', '12345')).toMatchObject({ outcome: 'rejected', scheme: 'digest' });
    expect(digest.tries).toEqual(['ok', 'fail']);
  });

  it('429 reads as throttled; a page without a login is an error, not a success', async () => {
    await httpAuthLogin(at(throttled.port), '/', 'admin', 'nope');
    expect((await httpAuthLogin(at(throttled.port), '/', 'admin', 'W3b-pass')).outcome).toBe('throttled');
    expect((await httpAuthLogin(at(open.port), '/', 'admin', 'x')).outcome).toBe('error');
  });
});

describe.each(['asuswrt', 'airos', 'synology-dsm', 'openwrt-luci'] as FormStyle[])('form login %s (data: http-forms.json)', (style) => {
  let server: LoginServer;
  let locking: LoginServer;
  beforeAll(async () => {
    [server, locking] = await Promise.all([
      startFormServer(style, { user: 'admin', password: 'F0rm-pass' }), startFormServer(style, { user: 'admin', password: 'F0rm-pass', throttleAfter: 1 }),
    ]);
  });
  afterAll(async () => { await Promise.all([server?.close(), locking?.close()]); });
  const form = HTTP_FORMS.find((f) => f.id === style)!.login;
  const at = (port: number) => ({ host: LOOPBACK, port, timeoutMs: 2000 });

  it('right pair accepted, wrong pair refused', async () => {
    expect((await formLogin(at(server.port), form, 'admin', 'F0rm-pass')).outcome).toBe('accepted');
    expect((await formLogin(at(server.port), form, 'admin', 'admin')).outcome).toBe('rejected');
    expect(server.tries).toEqual(['ok', 'fail']);
  });

  it('the lockout answer (where the brand has one) stops: throttled, never accepted', async () => {
    await formLogin(at(locking.port), form, 'admin', 'nope');
    const after = await formLogin(at(locking.port), form, 'admin', 'F0rm-pass');
    expect(after.outcome).not.toBe('accepted');
    if (form.lockout && form.lockout.length > 0) expect(after.outcome).toBe('throttled');
  });
});
