// FTP login (basic-ftp): connect, USER/PASS, QUIT. Only the login, never a directory listing.
// basic-ftp's connect() resolves with the 220 welcome, so acceptance is read from login() itself
// (230/202), never from connect().
import { Client, FTPError } from 'basic-ftp';
import { abortError } from './tcp.js';

export interface FtpOptions {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type FtpOutcome = 'accepted' | 'rejected' | 'error' | 'throttled';

export interface FtpLoginResult {
  outcome: FtpOutcome;
  /** Reply code of the decisive answer (230, 530, 421…), or null. */
  code: number | null;
  /** The server's welcome line (220), for evidence and identification. */
  welcome: string | null;
  detail: string;
}

const THROTTLE = /too many|locked|temporarily|try (again )?later|blocked|banned/i;

/** One USER/PASS exchange on a fresh control connection. */
export async function ftpLogin(options: FtpOptions, user: string, password: string): Promise<FtpLoginResult> {
  if (options.signal?.aborted) throw abortError();
  const client = new Client(options.timeoutMs);
  let welcome: string | null = null;
  let aborted = false;
  const onAbort = (): void => { aborted = true; client.close(); };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // basic-ftp has its own socket timeout; this outer timer is the hard bound of the whole exchange.
  const hardTimer = setTimeout(() => client.close(), options.timeoutMs * 2 + 1000);
  try {
    const greeting = await client.connect(options.host, options.port);
    welcome = greeting.message.split('\n')[0]?.trim() ?? null;
    const reply = await client.login(user, password);
    return { outcome: 'accepted', code: reply.code, welcome, detail: reply.message.split('\n')[0]?.trim() ?? '' };
  } catch (error) {
    if (aborted) throw abortError();
    const message = (error as Error).message ?? String(error);
    if (error instanceof FTPError) {
      if (error.code === 421 || THROTTLE.test(message)) return { outcome: 'throttled', code: error.code, welcome, detail: message };
      if (error.code === 530 || error.code === 430) return { outcome: 'rejected', code: error.code, welcome, detail: message };
      return { outcome: 'error', code: error.code, welcome, detail: message };
    }
    return { outcome: 'error', code: null, welcome, detail: message };
  } finally {
    clearTimeout(hardTimer);
    options.signal?.removeEventListener('abort', onAbort);
    client.close();
  }
}
