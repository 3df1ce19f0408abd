/**
 * Token-bucket rate limit per key (a token, an OpenID subject, or a client address): `perMinute`
 * requests refill evenly over a minute, and a client may spend a whole minute's worth at once.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** null: go ahead; otherwise the seconds until one more request is allowed (Retry-After). */
  take(key: string): number | null {
    if (this.perMinute <= 0) return null;
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.remember(key, bucket);
      return null;
    }
    this.remember(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
  }

  private remember(key: string, bucket: { tokens: number; at: number }): void {
    this.buckets.delete(key); // re-insert: the Map keeps keys in last-use order
    this.buckets.set(key, bucket);
    if (this.buckets.size > 50_000) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}

export class RateLimitedError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly who: string,
  ) {
    super(`too many requests from ${who}; retry after ${retryAfterSeconds} s`);
    this.name = 'RateLimitedError';
  }
}
