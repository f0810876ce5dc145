// Read-only API tokens for machines (a central collector, Prometheus, a SIEM): made in Settings,
// shown once, kept only as SHA-256 hashes (a token is 32 random bytes: a plain hash is enough,
// nothing to brute-force), revocable at once. What a token may reach is decided in token-access.ts.
import { createHash, randomBytes } from 'node:crypto';
import { JsonStore } from '../storage/json-file.js';

/** Tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'mamori_';
export const MAX_ACTIVE_TOKENS = 20;
/** Revoked tokens stay listed (who made what, when it was revoked) up to this many. */
const MAX_KEPT_REVOKED = 50;

interface TokenRecord {
  id: string;
  name: string;
  hash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TokensFile { tokens: TokenRecord[] }

/** A token as the dashboard lists it: never the token or its hash. */
export type ApiTokenView = Omit<TokenRecord, 'hash'>;

export type CreateTokenResult = { ok: true; token: string; view: ApiTokenView } | { ok: false; error: string };

export class ApiTokens {
  private constructor(private readonly file: JsonStore<TokensFile>, private readonly now: () => Date) {}

  static async open(path: string, now: () => Date = () => new Date()): Promise<ApiTokens> {
    return new ApiTokens(await JsonStore.open<TokensFile>(path, { tokens: [] }), now);
  }

  list(): ApiTokenView[] {
    return this.file.data.tokens.map(({ hash: _hash, ...view }) => ({ ...view }));
  }

  /** Makes a token; the caller shows it once, it is never readable again. */
  async create(name: string): Promise<CreateTokenResult> {
    const active = this.file.data.tokens.filter((t) => t.revokedAt === null);
    if (active.length >= MAX_ACTIVE_TOKENS) return { ok: false, error: `at most ${MAX_ACTIVE_TOKENS} tokens; revoke one first` };
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const record: TokenRecord = {
      id: randomBytes(6).toString('hex'), name, hash: sha256(token), createdAt: this.now().toISOString(), lastUsedAt: null, revokedAt: null,
    };
    await this.file.updateNow((data) => {
      const revoked = data.tokens.filter((t) => t.revokedAt !== null).slice(-MAX_KEPT_REVOKED);
      data.tokens = [...data.tokens.filter((t) => t.revokedAt === null), ...revoked, record];
    });
    const { hash: _hash, ...view } = record;
    return { ok: true, token, view };
  }

  /** Revokes a token: refused from the next request on (the check reads this, in memory). */
  async revoke(id: string): Promise<ApiTokenView | null> {
    const record = this.file.data.tokens.find((t) => t.id === id && t.revokedAt === null);
    if (!record) return null;
    await this.file.updateNow(() => { record.revokedAt = this.now().toISOString(); });
    const { hash: _hash, ...view } = record;
    return { ...view };
  }

  /** The live token this bearer value is, or null; notes when it was last used (written soon, not now). */
  verify(token: string): ApiTokenView | null {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const hash = sha256(token);
    // Compared as hashes of the whole value: equal lengths, and the stored hash is no secret worth timing.
    const record = this.file.data.tokens.find((t) => t.hash === hash && t.revokedAt === null);
    if (!record) return null;
    this.file.update(() => { record.lastUsedAt = this.now().toISOString(); });
    const { hash: _hash, ...view } = record;
    return { ...view };
  }

  flush(): Promise<void> { return this.file.flush(); }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
