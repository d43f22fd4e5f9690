import { RateLimiter } from '../../../adapters/directline/rateLimiter';

describe('RateLimiter', () => {
  it('allows a burst of perMinute, then one more each 60/perMinute seconds, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, now: () => now });
    for (let i = 0; i < 6; i++) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 4000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    now += 6000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('forgets keys that have refilled', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, now: () => now });
    limiter.take('a');
    limiter.take('b');
    now += 500;
    limiter.sweep();
    expect(limiter.size).toBe(2);
    now += 60_000;
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });
});
