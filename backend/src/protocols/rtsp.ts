// A raw-socket RTSP/1.0 client: OPTIONS and DESCRIBE on one connection, answering a 401 with
// Digest (RFC 2617/7616 MD5), or Basic when Digest is absent or in a form we do not speak.
// Never SETUP or PLAY: no media is ever pulled.
import type { Socket } from 'node:net';
import { basicAuthorization, challengesOf, digestAuthorization, type Challenge, type DigestInput } from './http-auth.js';
import { parseHttpResponse, type HttpResponse } from './http.js';
import { connectTcp, readSome, writeAll } from './tcp.js';

export interface RtspOptions {
  host: string;
  port: number;
  timeoutMs: number;
  /** Deadline of the answer to a DESCRIBE that carries a credential (a camera may delay a 401). Default timeoutMs. */
  answerTimeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

const HEADER_END = Buffer.from('\r\n\r\n');

function complete(data: Buffer): boolean {
  const end = data.indexOf(HEADER_END);
  if (end === -1) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(data.subarray(0, end).toString('latin1'));
  return !length || data.length - end - 4 >= Number(length[1]);
}

/** One RTSP connection; requests are sent one after the other with increasing CSeq. */
export class RtspSession {
  #cseq = 0;
  private constructor(private readonly socket: Socket, private readonly options: RtspOptions) {}

  static async open(options: RtspOptions): Promise<RtspSession> {
    return new RtspSession(await connectTcp(options), options);
  }

  url(path: string): string {
    return `rtsp://${this.options.host}:${this.options.port}${path.startsWith('/') ? path : `/${path}`}`;
  }

  async request(method: 'OPTIONS' | 'DESCRIBE', path: string, headers: Record<string, string> = {}, timeoutMs = this.options.timeoutMs): Promise<HttpResponse> {
    this.#cseq += 1;
    const lines = [`${method} ${this.url(path)} RTSP/1.0`, `CSeq: ${this.#cseq}`, 'User-Agent: Mamori/0.1 (home network audit)'];
    if (method === 'DESCRIBE') lines.push('Accept: application/sdp');
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    await writeAll(this.socket, lines.join('\r\n') + '\r\n\r\n');
    const raw = await readSome(this.socket, {
      timeoutMs, maxBytes: this.options.maxBytes ?? 32 * 1024, until: complete, signal: this.options.signal,
    });
    if (raw.length === 0) throw new Error(`no RTSP answer to ${method} within ${timeoutMs} ms`);
    return parseHttpResponse(raw, false);
  }

  close(): void {
    this.socket.destroy();
  }
}

export type RtspOutcome = 'accepted' | 'rejected' | 'open' | 'not-found' | 'error' | 'throttled';

export interface RtspLoginResult {
  outcome: RtspOutcome;
  /** Status of the unauthenticated DESCRIBE, then of the authenticated one. */
  statuses: number[];
  scheme: string | null;
  realm: string | null;
  detail: string;
}

/** DESCRIBE without credentials: tells whether `path` exists and which challenge protects it. */
export async function rtspDescribe(options: RtspOptions, path: string): Promise<{ status: number; challenges: Challenge[] }> {
  const session = await RtspSession.open(options);
  try {
    const response = await session.request('DESCRIBE', path);
    return { status: response.status, challenges: challengesOf(response) };
  } finally {
    session.close();
  }
}

/** One credential try on `path`: DESCRIBE, then DESCRIBE again answering the 401 (same connection). */
export async function rtspLogin(options: RtspOptions, path: string, user: string, password: string): Promise<RtspLoginResult> {
  const session = await RtspSession.open(options);
  try {
    const first = await session.request('DESCRIBE', path);
    const base = { statuses: [first.status], scheme: null, realm: null };
    if (first.status === 200) return { ...base, outcome: 'open', detail: 'DESCRIBE answered without credentials' };
    if (first.status === 404) return { ...base, outcome: 'not-found', detail: 'no such stream' };
    if (first.status === 429 || first.status === 503) return { ...base, outcome: 'throttled', detail: `RTSP ${first.status}` };
    if (first.status !== 401) return { ...base, outcome: 'error', detail: `RTSP ${first.status}` };
    const answer = answerChallenge(challengesOf(first), { method: 'DESCRIBE', uri: session.url(path), user, password });
    if ('error' in answer) return { ...base, outcome: 'error', detail: answer.error };
    const { chosen, authorization } = answer;
    const answerMs = Math.max(options.timeoutMs, options.answerTimeoutMs ?? options.timeoutMs);
    const second = await session.request('DESCRIBE', path, { Authorization: authorization }, answerMs);
    const statuses = [first.status, second.status];
    const described = { statuses, scheme: chosen.scheme, realm: chosen.params['realm'] ?? null };
    if (second.status === 200) return { ...described, outcome: 'accepted', detail: 'DESCRIBE answered with the credential' };
    if (second.status === 401 || second.status === 403) return { ...described, outcome: 'rejected', detail: `RTSP ${second.status}` };
    if (second.status === 429 || second.status === 503) return { ...described, outcome: 'throttled', detail: `RTSP ${second.status}` };
    return { ...described, outcome: 'error', detail: `RTSP ${second.status}` };
  } finally {
    session.close();
  }
}

/**
 * Digest when offered in a form we speak (MD5, qop auth), else Basic when offered: cameras that moved
 * to RFC 7616 (SHA-256) often keep Basic beside it. An error when neither can be answered.
 */
function answerChallenge(challenges: Challenge[], input: DigestInput): { chosen: Challenge; authorization: string } | { error: string } {
  const digest = challenges.find((c) => c.scheme === 'digest');
  const basic = challenges.find((c) => c.scheme === 'basic');
  let digestError: string | null = null;
  if (digest) {
    try {
      return { chosen: digest, authorization: digestAuthorization(digest, input) };
    } catch (error) {
      digestError = (error as Error).message;
    }
  }
  if (basic) return { chosen: basic, authorization: basicAuthorization(input.user, input.password) };
  return { error: digestError ?? '401 without a Basic or Digest challenge' };
}
