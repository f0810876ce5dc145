// ssh2's own Server on loopback: password and/or publickey, counts every password it is offered,
// and can play a server that accepts any password, one that drops clients after N failures, or one
// that, after N failures, hangs up on each password instead of answering it (a lockout).
import type { Server as NetServer } from 'node:net';
import ssh2 from 'ssh2';
import { track, type RunningServer } from './net.js';

const { Server, utils } = ssh2;

export interface SshServerOptions {
  user: string;
  password: string;
  /** Offer the password method at all (false: publickey only, like a hardened OpenSSH). */
  passwordAuth?: boolean;
  acceptAnyPassword?: boolean;
  /** After this many failed passwords, every new connection is dropped during authentication. */
  dropAfterFailures?: number;
  /** After this many failed passwords, each password is answered by ending the connection. */
  hangUpAfterFailures?: number;
  /** Answer a wrong password only after this long (PAM's pam_faildelay style). */
  failDelayMs?: number;
}

export interface SshServer extends RunningServer {
  /** Passwords offered, as 'ok' | 'fail' | 'hung-up' per try (never the password itself). */
  readonly passwordTries: string[];
}

/**
 * An ed25519 host key ssh2 can read back: its generator strips leading zero bytes of the public
 * key, so about 1 key in 256 is refused as malformed (mscdex/ssh2#1513). A few tries, bounded.
 */
function hostKeyPair(): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair.private;
  }
  throw new Error('ssh2 produced no readable ed25519 key in 8 tries');
}

export async function startSshServer(options: SshServerOptions): Promise<SshServer> {
  const hostKey = hostKeyPair();
  const passwordTries: string[] = [];
  let failures = 0;
  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (options.dropAfterFailures !== undefined && failures >= options.dropAfterFailures) {
        passwordTries.push('dropped');
        client.end();
        return;
      }
      const methods = options.passwordAuth === false ? ['publickey' as const] : ['password' as const, 'publickey' as const];
      if (ctx.method !== 'password' || options.passwordAuth === false) return ctx.reject(methods);
      if (options.hangUpAfterFailures !== undefined && failures >= options.hangUpAfterFailures) {
        passwordTries.push('hung-up');
        client.end();
        return;
      }
      const ok = options.acceptAnyPassword === true || (ctx.username === options.user && ctx.password === options.password);
      passwordTries.push(ok ? 'ok' : 'fail');
      if (ok) return ctx.accept();
      failures += 1;
      if (options.failDelayMs) setTimeout(() => ctx.reject(methods), options.failDelayMs);
      else ctx.reject(methods);
    });
    client.on('ready', () => client.end());
  });
  const running = await track(server as unknown as NetServer);
  return { ...running, passwordTries };
}
