// A failure budget shared by every source address. The per-address limiter (5 a minute) stops one
// guesser; many addresses (a botnet, or one host with many IPv6 addresses) each stay under it. Here
// every wrong password or code counts, whoever sent it: past the budget, every password check is
// refused for a while, longer each time it happens again, and the owner is told.

export interface SignInGuardOptions {
  /** Wrong passwords/codes allowed within `windowMs`, from all addresses together. */
  budget?: number;
  windowMs?: number;
  /** First lock-out; each following one doubles, up to maxLockMs. */
  firstLockMs?: number;
  maxLockMs?: number;
  now?: () => number;
  /** Called once when a lock-out starts (audit + alert). */
  onLockout?: (lockout: Lockout) => void;
}

export interface Lockout {
  failures: number;
  windowMinutes: number;
  lockedForSeconds: number;
  until: string;
  /** Distinct source addresses among the failures that led to it. */
  sources: number;
}

export type GuardDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class SignInGuard {
  readonly #budget: number;
  readonly #windowMs: number;
  readonly #firstLockMs: number;
  readonly #maxLockMs: number;
  readonly #now: () => number;
  readonly #onLockout: (lockout: Lockout) => void;
  #failures: Array<{ at: number; from: string }> = [];
  #lockedUntil = 0;
  #lockouts = 0;

  constructor(options: SignInGuardOptions = {}) {
    this.#budget = options.budget ?? 10;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
    this.#firstLockMs = options.firstLockMs ?? 60_000;
    this.#maxLockMs = options.maxLockMs ?? 60 * 60_000;
    this.#now = options.now ?? Date.now;
    this.#onLockout = options.onLockout ?? (() => undefined);
  }

  /** Before checking a password or code: may it be checked now? */
  check(): GuardDecision {
    const now = this.#now();
    if (now < this.#lockedUntil) return { ok: false, retryAfterSeconds: Math.ceil((this.#lockedUntil - now) / 1000) };
    return { ok: true };
  }

  failed(from: string): void {
    const now = this.#now();
    this.#failures = this.#failures.filter((f) => now - f.at < this.#windowMs);
    // A quiet window since the last lock-out forgives it: the next one starts short again.
    if (this.#lockouts > 0 && this.#failures.length === 0 && now - this.#lockedUntil > this.#windowMs) this.#lockouts = 0;
    this.#failures.push({ at: now, from });
    if (this.#failures.length < this.#budget) return;
    const lockMs = Math.min(this.#maxLockMs, this.#firstLockMs * 2 ** this.#lockouts);
    this.#lockouts += 1;
    this.#lockedUntil = now + lockMs;
    const sources = new Set(this.#failures.map((f) => f.from)).size;
    const failures = this.#failures.length;
    this.#failures = [];
    this.#onLockout({
      failures, windowMinutes: Math.round(this.#windowMs / 60_000), lockedForSeconds: Math.round(lockMs / 1000),
      until: new Date(this.#lockedUntil).toISOString(), sources,
    });
  }

  /** A right password and code: the budget starts afresh. */
  succeeded(): void {
    this.#failures = [];
    this.#lockouts = 0;
  }
}
