import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a minute of requests at once, then refills evenly, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(1); // one request per second refills: retry after 1 s
    expect(limiter.take('b')).toBeNull();
    now += 1000;
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(1);
  });

  it('says how long to wait when the rate is slow', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    limiter.take('k');
    limiter.take('k');
    expect(limiter.take('k')).toBe(30);
    now += 29_000;
    expect(limiter.take('k')).toBe(1);
    now += 1_000;
    expect(limiter.take('k')).toBeNull();
  });

  it('never limits at 0', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take('k')).toBeNull();
  });
});
