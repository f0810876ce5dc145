import { describe, expect, it } from 'vitest';
import { GENERIC_FORM_HINTS } from '../../../backend/src/checks/credentials/generic-form.js';
import { formValues, nextLocation, pickLoginForm, samePath } from '../../../backend/src/protocols/form-login.js';
import { hasPasswordField, parseForms } from '../../../backend/src/protocols/html-form.js';
import type { HttpResponse } from '../../../backend/src/protocols/http.js';

const target = { host: '192.168.1.20', port: 8080, timeoutMs: 1000 };
const response = (status: number, body: string, headers: Record<string, string> = {}): HttpResponse =>
  ({ status, statusText: '', headers, rawHeaders: Object.entries(headers), body, truncated: false });

describe('parseForms (one pass, no backtracking)', () => {
  it('reads action, method, fields, hidden tokens and entities; skips scripts and comments', () => {
    const forms = parseForms(`<!DOCTYPE html><html><head><script>var s = '<form action="/evil"><input type=password name=x>';</script></head>
      <!-- <form action="/old"><input type="password" name="old"></form> -->
      <FORM Method=post ACTION='/cgi-bin/login?a=1&amp;b=2'>
        <input type=hidden name=csrf value="t&#x6f;k&quot;1">
        <input name=user id=u><input type="PASSWORD" name="pass" disabled><input type="password" name="pw">
        <button name=go value=1>Go</button><input type=checkbox name=keep checked>
      </form><input type="text" name="search">`);
    expect(forms).toHaveLength(2);
    expect(forms[0]).toMatchObject({ action: '/cgi-bin/login?a=1&b=2', method: 'POST' });
    expect(forms[0]!.fields.map((f) => [f.name, f.type, f.value])).toEqual([
      ['csrf', 'hidden', 'tok"1'], ['user', 'text', ''], ['pass', 'password', ''], ['pw', 'password', ''], ['go', 'submit', '1'], ['keep', 'checkbox', ''],
    ]);
    expect(forms[1]).toMatchObject({ action: null, fields: [{ name: 'search' }] }); // outside any form
  });

  it('stays bounded on hostile pages (unclosed tags, quotes, comments, a flood of "<")', () => {
    const big = 200_000;
    for (const page of ['<'.repeat(big), '<input value="'.repeat(big / 14), '<!--'.repeat(big / 4), '<a '.repeat(big / 3) + '>', '<script>' + '<'.repeat(big), '<form>'.repeat(big / 6)]) {
      expect(() => parseForms(page)).not.toThrow();
    }
    expect(parseForms('<form>'.repeat(1000)).length).toBeLessThanOrEqual(32);
    expect(hasPasswordField('<input type=password name=p')).toBe(true);
  });
});

describe('pickLoginForm and formValues', () => {
  it('picks the one form with one password field and a clear user field', () => {
    const forms = parseForms(`<form action="/search"><input name="q"></form>
      <form method="post" action="login.cgi"><input type=hidden name=token value=abc><input name=lang value=en type=hidden>
      <input name="username"><input name="password" type="password"><input type=submit name=login value="Log in"><input type=submit name=cancel value=x></form>`);
    const login = pickLoginForm(forms, GENERIC_FORM_HINTS)!;
    expect(login.user?.name).toBe('username');
    expect(formValues(login, 'admin', 'pw')).toEqual([['token', 'abc'], ['lang', 'en'], ['username', 'admin'], ['password', 'pw'], ['login', 'Log in']]);
  });

  it('password-only forms are kept; change-password, captcha and ambiguous forms are not', () => {
    expect(pickLoginForm(parseForms('<form action=/l><input type=password name=p></form>'), GENERIC_FORM_HINTS)?.user).toBeNull();
    expect(pickLoginForm(parseForms('<form action=/l><input type=password name=old><input type=password name=new></form>'), GENERIC_FORM_HINTS)).toBeNull();
    expect(pickLoginForm(parseForms('<form action=/l><input name=user><input type=password name=p><input name=captcha></form>'), GENERIC_FORM_HINTS)).toBeNull();
    expect(pickLoginForm(parseForms('<form action=/l><input name=a><input name=b><input type=password name=p></form>'), GENERIC_FORM_HINTS)).toBeNull();
    expect(pickLoginForm(parseForms('<input name=user><input type=password name=p>'), GENERIC_FORM_HINTS)).toBeNull(); // no <form>: a script submits it
  });
});

describe('same-origin navigation', () => {
  it('resolves actions and redirects only on the same host and port', () => {
    expect(samePath(target, '/login/index.html', 'check.cgi?x=1')).toBe('/login/check.cgi?x=1');
    expect(samePath(target, '/', 'http://192.168.1.20:8080/main')).toBe('/main');
    expect(samePath(target, '/', 'http://192.168.1.20/main')).toBeNull();
    expect(samePath(target, '/', '//evil.example/x')).toBeNull();
    expect(samePath(target, '/', 'https://192.168.1.20:8080/')).toBeNull();
  });

  it('finds the next page in Location, a meta refresh or a script', () => {
    expect(nextLocation(response(302, '', { location: '/a' }))).toBe('/a');
    expect(nextLocation(response(200, '<meta http-equiv="refresh" content="0; url=/login.htm">'))).toBe('/login.htm');
    expect(nextLocation(response(200, "<script>window.location.href = 'doc/page/login.asp';</script>"))).toBe('doc/page/login.asp');
    expect(nextLocation(response(200, '<p>hello</p>'))).toBeNull();
  });

  it('login and error pages are recognised from their address', () => {
    for (const p of ['/login.htm', '/index.html?error=1', '/cgi-bin/auth.cgi', '/doc/page/login.asp?_1', '/signin']) expect(GENERIC_FORM_HINTS.loginPath.test(p)).toBe(true);
    for (const p of ['/main.html', '/cgi-bin/main.cgi', '/index.asp', '/status?page=1']) expect(GENERIC_FORM_HINTS.loginPath.test(p)).toBe(false);
  });
});
