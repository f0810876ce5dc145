// Owner authentication: no default password. The first start prints a one-time set-up token; the
// owner sets a password (scrypt); sessions are random tokens kept only as SHA-256 hashes.
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { MIN_PASSWORD_LENGTH } from './contract.js';
import { JsonStore } from '../storage/json-file.js';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const SESSION_DAYS = 30;

interface AuthFile {
  password: { salt: string; hash: string; N: number; r: number; p: number } | null;
  sessions: Array<{ hash: string; createdAt: string; expiresAt: string }>;
}

export class Auth {
  /** Present only while no password is set; regenerated on every start until then. */
  readonly setupToken: string | null;
  /** Optional second factor (api/totp.ts): when enabled, a sign-in needs its code as well. */
  secondFactor: { readonly enabled: boolean; verify(code: string): Promise<boolean> } | null = null;

  private constructor(private readonly file: JsonStore<AuthFile>, private readonly now: () => Date) {
    this.setupToken = file.data.password ? null : randomBytes(24).toString('base64url');
  }

  static async open(path: string, now: () => Date = () => new Date()): Promise<Auth> {
    return new Auth(await JsonStore.open<AuthFile>(path, { password: null, sessions: [] }, 0), now);
  }

  get needsSetup(): boolean {
    return this.file.data.password === null;
  }

  /** Sets the first password with the set-up token; returns a session token, or an error message. */
  async setup(token: string, password: string): Promise<{ session: string } | { error: string; status: number }> {
    if (!this.needsSetup || !this.setupToken) return { error: 'already set up', status: 409 };
    if (!safeEqual(token, this.setupToken)) return { error: 'invalid set-up token', status: 403 };
    const weak = passwordProblem(password);
    if (weak) return { error: weak, status: 400 };
    const salt = randomBytes(16);
    const hash = await scrypt(password, salt, 32, SCRYPT);
    // Two requests with the token may both have passed the check above while scrypt ran: only the first wins.
    if (!this.needsSetup) return { error: 'already set up', status: 409 };
    await this.file.updateNow((data) => {
      data.password = { salt: salt.toString('base64'), hash: hash.toString('base64'), N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p };
    });
    return { session: await this.createSession() };
  }

  async login(password: string, code?: string): Promise<string | null> {
    if (!(await this.passwordMatches(password))) return null;
    // The code is checked only after the password, so a guesser cannot use up valid codes.
    if (this.secondFactor?.enabled && !(code !== undefined && await this.secondFactor.verify(code))) return null;
    return this.createSession();
  }

  /**
   * Replaces the password after checking the current one. The session `keep` (the one asking) stays
   * signed in; every other session ends, so a browser left signed in elsewhere is locked out. With a
   * second factor on, a valid code is needed too.
   */
  async changePassword(current: string, next: string, keep: string | undefined, code?: string): Promise<{ ok: true } | { error: string; status: number }> {
    if (this.needsSetup) return { error: 'set the first password with the set-up link', status: 409 };
    if (!(await this.passwordMatches(current))) return { error: 'the current password is wrong', status: 403 };
    // With a second factor, a session alone (a browser left open) cannot take the account over.
    if (this.secondFactor?.enabled && !(code !== undefined && await this.secondFactor.verify(code))) {
      return { error: 'a current code from the authenticator app is needed', status: 403 };
    }
    const weak = passwordProblem(next);
    if (weak) return { error: weak, status: 400 };
    if (next === current) return { error: 'the new password is the same as the current one', status: 400 };
    const salt = randomBytes(16);
    const hash = await scrypt(next, salt, 32, SCRYPT);
    const keepHash = keep ? sha256(keep) : null;
    await this.file.updateNow((data) => {
      data.password = { salt: salt.toString('base64'), hash: hash.toString('base64'), N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p };
      data.sessions = data.sessions.filter((s) => s.hash === keepHash);
    });
    return { ok: true };
  }

  /**
   * The owner's password and, with the second factor on, a current code: for what a session alone
   * must not do (backup, restore, second-factor changes). The code is checked only after the password.
   */
  async verifyOwner(password: string, code?: string): Promise<'ok' | 'wrong-password' | 'code-needed' | 'wrong-code'> {
    if (!(await this.passwordMatches(password))) return 'wrong-password';
    if (!this.secondFactor?.enabled) return 'ok';
    if (code === undefined) return 'code-needed';
    return (await this.secondFactor.verify(code)) ? 'ok' : 'wrong-code';
  }

  private async passwordMatches(password: string): Promise<boolean> {
    const stored = this.file.data.password;
    if (!stored) return false;
    const hash = await scrypt(password, Buffer.from(stored.salt, 'base64'), 32, { N: stored.N, r: stored.r, p: stored.p, maxmem: SCRYPT.maxmem });
    return timingSafeEqual(hash, Buffer.from(stored.hash, 'base64'));
  }

  isValidSession(token: string | undefined): boolean {
    if (!token) return false;
    const hash = sha256(token);
    const now = this.now().toISOString();
    return this.file.data.sessions.some((s) => s.hash === hash && s.expiresAt > now);
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    const hash = sha256(token);
    await this.file.updateNow((data) => { data.sessions = data.sessions.filter((s) => s.hash !== hash); });
  }

  private async createSession(): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
    await this.file.updateNow((data) => {
      data.sessions = data.sessions.filter((s) => s.expiresAt > now.toISOString()).slice(-49);
      data.sessions.push({ hash: sha256(token), createdAt: now.toISOString(), expiresAt });
    });
    return token;
  }
}

export function passwordProblem(password: string): string | null {
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH) return `the password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (new Set(password).size < 4) return 'the password is too repetitive';
  return null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
