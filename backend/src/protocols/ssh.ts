// SSH password login (ssh2): one connection, first the "none" method to learn which methods the
// server offers, then at most one password. Never keys, never keyboard-interactive, never a retry.
import type { AuthenticationType, ClientErrorExtensions, ConnectConfig } from 'ssh2';
import { abortError } from './tcp.js';

export interface SshOptions {
  host: string;
  port: number;
  /** Connection + handshake deadline. */
  timeoutMs: number;
  /**
   * Deadline of the verdict on a password once it is sent: servers delay a failure (PAM's
   * pam_faildelay 2–3 s). Default timeoutMs. ssh2's readyTimeout covers both; a hard timer adds 1 s.
   */
  answerTimeoutMs?: number;
  signal?: AbortSignal;
}

export type SshOutcome = 'accepted' | 'rejected' | 'unsupported' | 'error' | 'throttled';

export interface SshLoginResult {
  outcome: SshOutcome;
  /** Methods the server offered after "none" failed, or null if we never got that far. */
  methods: string[] | null;
  /** Whether the accepted login needed no password at all ("none" succeeded). */
  withoutPassword: boolean;
  /**
   * The password was refused by the server ending the connection without a word (dropbear -T 1),
   * not by an answer: callers can tell a server that always does so from one that starts to.
   */
  hungUp: boolean;
  detail: string;
}

const THROTTLE = /too many|max.*(auth|startups|sessions)|locked|try again later|blocked/i;
// OpenSSH with MaxAuthTries 1 answers the first wrong password with this disconnect instead of a
// failure ("none" is not counted). We send one password per connection, so it is the server's
// "no" to that password, not throttling: the next try opens a fresh connection.
const LAST_TRY_REFUSED = /^too many authentication failures/i;
// dropbear with -T 1 sends neither a failure nor a disconnect after a wrong password: it ends the
// TCP connection ("Max auth tries reached" in its own log only). Once the server has offered
// "password" and our one password is on its way, an end of the connection is its answer to it.
// A drop BEFORE the password (MaxStartups, a fail2ban-style server, lockout at "none") still
// reads as throttling, and so does any explicit "too many"/"locked" text.
const ONE_TRY = 'the server allows one password per connection';

/** Learns the offered authentication methods for `user` without sending any password. */
export function sshAuthMethods(options: SshOptions, user: string): Promise<SshLoginResult> {
  return attempt(options, user, null);
}

/** Tries one user/password pair with the "password" method (if the server offers it). */
export function sshPasswordLogin(options: SshOptions, user: string, password: string): Promise<SshLoginResult> {
  return attempt(options, user, password);
}

async function attempt(options: SshOptions, user: string, password: string | null): Promise<SshLoginResult> {
  if (options.signal?.aborted) throw abortError();
  // Loaded at first use: ssh2 costs ~13 MB of RSS that an idle appliance does not need.
  const { Client } = (await import('ssh2')).default;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const client = new Client();
    let methods: string[] | null = null;
    let sentPassword = false;
    let handshakeDone = false;
    let settled = false;
    const finish = (outcome: SshOutcome, detail: string, withoutPassword = false, hungUp = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hardTimer);
      options.signal?.removeEventListener('abort', onAbort);
      client.end();
      // end() is polite; destroy the socket too so nothing lingers on a tarpit.
      setImmediate(() => (client as unknown as { _sock?: { destroy(): void } })._sock?.destroy());
      resolve({ outcome, methods, withoutPassword, hungUp, detail });
    };
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hardTimer);
      client.end();
      reject(abortError());
    };
    // Only a password waits for a (possibly delayed) verdict; "none" is answered at once.
    const totalMs = options.timeoutMs + (password === null ? 0 : Math.max(0, options.answerTimeoutMs ?? options.timeoutMs));
    const hardTimer = setTimeout(() => finish('error', `no answer within ${totalMs} ms`), totalMs + 1000);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    client.on('handshake', () => { handshakeDone = true; });
    client.on('ready', () => finish('accepted', sentPassword ? 'password accepted' : 'accepted without a password', !sentPassword));
    const hungUpAfterPassword = (how: string): void => finish('rejected', `password refused: the server ${how} right after it (${ONE_TRY})`, false, true);
    client.on('error', (error: Error & ClientErrorExtensions) => {
      if (sentPassword && LAST_TRY_REFUSED.test(error.message)) return finish('rejected', `password refused (${error.message}: ${ONE_TRY})`);
      if (THROTTLE.test(error.message)) return finish('throttled', error.message);
      if (sentPassword && error.level === 'client-socket') return hungUpAfterPassword(`reset the connection (${error.message})`);
      if (error.level === 'client-authentication') {
        if (sentPassword) return finish('rejected', 'password refused');
        return finish('unsupported', `password authentication not offered (methods: ${(methods ?? []).join(', ') || 'none'})`);
      }
      if (error.level === 'client-timeout') return finish('error', error.message);
      // The server dropped us after the handshake but before our password: a sign of MaxStartups /
      // fail2ban style throttling. Before the handshake it is just an error.
      if (handshakeDone && (error.level === 'client-socket' || error.level === 'protocol')) return finish('throttled', `connection dropped during authentication: ${error.message}`);
      finish('error', error.message);
    });
    client.on('close', () => {
      if (sentPassword) hungUpAfterPassword('closed the connection');
      else if (handshakeDone) finish('throttled', 'connection closed during authentication');
      else finish('error', 'connection closed before the SSH handshake');
    });

    client.connect({
      host: options.host,
      port: options.port,
      username: user,
      readyTimeout: totalMs,
      keepaliveInterval: 0,
      tryKeyboard: false,
      hostVerifier: () => true,
      authHandler: (methodsLeft: AuthenticationType[] | null, _partial: boolean | null, next: (auth: unknown) => void) => {
        if (methodsLeft === null) return next({ type: 'none', username: user });
        methods ??= [...methodsLeft];
        if (password === null || sentPassword || !methodsLeft.includes('password')) return next(false);
        sentPassword = true;
        return next({ type: 'password', username: user, password });
      },
    } as ConnectConfig);
  });
}
