import type { RateLimiter } from '../../../adapters/directline/rateLimiter';

export interface RateLimiterHarness {
  /** A limiter of `perMinute` on a fresh set of keys; `now()` is the clock it reads. */
  limiter(perMinute: number, now: () => number): RateLimiter;
}

/** The token bucket every limiter implements, memory and Redis alike. */
export function rateLimiterContract(name: string, harness: () => RateLimiterHarness): void {
  describe(`rate limiter contract (${name})`, () => {
    it('allows a burst of perMinute, then one more each 60/perMinute seconds, per key', async () => {
      let now = 1_000_000;
      const limiter = harness().limiter(6, () => now);
      for (let i = 0; i < 6; i++) expect((await limiter.take('a')).allowed).toBe(true);
      expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
      expect((await limiter.take('b')).allowed).toBe(true);
      now += 4000;
      expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
      now += 6000;
      expect((await limiter.take('a')).allowed).toBe(true);
      expect((await limiter.take('a')).allowed).toBe(false);
    });

    it('refills up to the burst size, not beyond, after a long pause', async () => {
      let now = 1_000_000;
      const limiter = harness().limiter(3, () => now);
      for (let i = 0; i < 3; i++) await limiter.take('a');
      now += 3_600_000;
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push((await limiter.take('a')).allowed);
      expect(decisions).toEqual([true, true, true, false]);
    });

    it('counts concurrent requests of one key exactly', async () => {
      const limiter = harness().limiter(10, () => 1_000_000);
      const decisions = await Promise.all(Array.from({ length: 25 }, () => limiter.take('burst')));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    });
  });
}
