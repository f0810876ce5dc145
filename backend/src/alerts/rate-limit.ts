// Keeps alerts from becoming noise: one alert per key (device + event) per period, and a cap on
// messages per hour across everything, so a flapping device cannot flood a phone or an inbox.
export interface AlertLimits {
  /** The same key (e.g. "finding:reopened:<key>") at most once in this many milliseconds. */
  perKeyMs: number;
  /** At most this many messages in any rolling hour. */
  maxPerHour: number;
}

const HOUR_MS = 3_600_000;
const MAX_KEYS = 10_000;

export class AlertRateLimit {
  readonly #lastByKey = new Map<string, number>();
  #sent: number[] = [];

  constructor(private readonly limits: () => AlertLimits, private readonly now: () => number = Date.now) {}

  /** True (and remembered) if this key may alert now. */
  allowKey(key: string): boolean {
    const now = this.now();
    const last = this.#lastByKey.get(key);
    if (last !== undefined && now - last < this.limits().perKeyMs) return false;
    this.#lastByKey.set(key, now);
    if (this.#lastByKey.size > MAX_KEYS) this.#forgetOld(now);
    return true;
  }

  /** True (and counted) if one more message fits in the hourly cap. */
  allowMessage(): boolean {
    const now = this.now();
    this.#sent = this.#sent.filter((at) => now - at < HOUR_MS);
    if (this.#sent.length >= this.limits().maxPerHour) return false;
    this.#sent.push(now);
    return true;
  }

  #forgetOld(now: number): void {
    for (const [key, at] of this.#lastByKey) if (now - at >= this.limits().perKeyMs) this.#lastByKey.delete(key);
  }
}
