// TOTP: RFC 6238 Appendix B and RFC 4226 Appendix D test vectors, base32, and the second factor
// on a loopback appliance: enrolment (otpauth:// URI), confirmation, login with and without the
// code, a replayed code refused, disabling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, totp } from '../../../backend/src/api/totp.js';
import { GOOD_PASSWORD, removeDir, sessionFrom, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

const SEED_SHA1 = Buffer.from('12345678901234567890');
const SEED_SHA256 = Buffer.from('12345678901234567890123456789012');
const SEED_SHA512 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

describe('RFC test vectors', () => {
  it('HOTP, RFC 4226 Appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => expect(hotp(SEED_SHA1, BigInt(counter))).toBe(code));
  });

  it('TOTP, RFC 6238 Appendix B (8 digits, SHA-1/256/512)', () => {
    const table: Array<[number, string, string, string]> = [
      [59, '94287082', '46119246', '90693936'],
      [1111111109, '07081804', '68084774', '25091201'],
      [1111111111, '14050471', '67062674', '99943326'],
      [1234567890, '89005924', '91819424', '93441116'],
      [2000000000, '69279037', '90698825', '38618901'],
      [20000000000, '65353130', '77737706', '47863826'],
    ];
    for (const [seconds, sha1, sha256, sha512] of table) {
      expect(totp(SEED_SHA1, seconds * 1000, 8, 'sha1')).toBe(sha1);
      expect(totp(SEED_SHA256, seconds * 1000, 8, 'sha256')).toBe(sha256);
      expect(totp(SEED_SHA512, seconds * 1000, 8, 'sha512')).toBe(sha512);
    }
  });

  it('base32 (RFC 4648) round trip', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Encode(SEED_SHA1)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('accepts one step of clock drift, not two', () => {
    const at = 1_700_000_000_000;
    expect(matchTotp(SEED_SHA1, totp(SEED_SHA1, at - 30_000), at)).not.toBeNull();
    expect(matchTotp(SEED_SHA1, totp(SEED_SHA1, at - 60_000), at)).toBeNull();
    expect(matchTotp(SEED_SHA1, 'abcdef', at)).toBeNull();
  });
});

describe('second factor on the appliance', () => {
  let test: TestAppliance;
  let session: string;
  beforeAll(async () => {
    test = await startTestAppliance();
    session = await setUpOwner(test);
  });
  afterAll(async () => { await test?.stop(); await removeDir(test.dataDir); });

  const post = (path: string, body: unknown, withSession = true) => test.request({ method: 'POST', path, body, ...(withSession ? { session } : {}) });
  const codeAt = (secret: string, ms: number) => totp(base32Decode(secret), ms);

  it('enrols, then a login needs the code, and each code works once', async () => {
    expect((await post('/api/totp/enrol', { password: GOOD_PASSWORD }, false)).status).toBe(401);
    const enrol = await post('/api/totp/enrol', { password: GOOD_PASSWORD });
    expect(enrol.status).toBe(200);
    const { secret, uri } = enrol.json as { secret: string; uri: string };
    expect(uri).toBe(`otpauth://totp/Mamori%3Aowner?secret=${secret}&issuer=Mamori&algorithm=SHA1&digits=6&period=30`);
    expect(base32Decode(secret)).toHaveLength(20);

    // Not on until a code proves the app has the secret; a login still needs only the password.
    expect((await post('/api/login', { password: GOOD_PASSWORD }, false)).status).toBe(204);
    expect((await post('/api/totp/confirm', { password: GOOD_PASSWORD, code: '000000' })).status).toBe(400);
    expect((await post('/api/totp/confirm', { password: GOOD_PASSWORD, code: codeAt(secret, Date.now()) })).status).toBe(204);
    expect((await test.request({ path: '/api/totp', session })).json).toEqual({ enabled: true });

    const withoutCode = await post('/api/login', { password: GOOD_PASSWORD }, false);
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.json).toMatchObject({ secondFactor: true });
    expect(sessionFrom(withoutCode)).toBeUndefined();

    const next = codeAt(secret, Date.now() + 30_000); // the confirmation used the current step
    expect((await post('/api/login', { password: 'wrong password here', code: next }, false)).status).toBe(401);
    const ok = await post('/api/login', { password: GOOD_PASSWORD, code: next }, false);
    expect(ok.status).toBe(204);
    expect(sessionFrom(ok)).toBeTruthy();
    const replay = await post('/api/login', { password: GOOD_PASSWORD, code: next }, false);
    expect(replay.status).toBe(401);
  });

  it('is turned off only with a valid code (a fresh appliance: the login limiter is spent)', async () => {
    await test.stop();
    await removeDir(test.dataDir);
    test = await startTestAppliance();
    session = await setUpOwner(test);
    const { secret } = (await post('/api/totp/enrol', { password: GOOD_PASSWORD })).json as { secret: string };
    expect((await post('/api/totp/confirm', { password: GOOD_PASSWORD, code: codeAt(secret, Date.now()) })).status).toBe(204);
    expect((await post('/api/totp/disable', { password: GOOD_PASSWORD, code: '123456' })).status).toBe(403);
    expect((await post('/api/totp/disable', { password: GOOD_PASSWORD, code: codeAt(secret, Date.now() + 30_000) })).status).toBe(204);
    expect((await test.request({ path: '/api/totp', session })).json).toEqual({ enabled: false });
    expect((await post('/api/login', { password: GOOD_PASSWORD }, false)).status).toBe(204);
  });
});
