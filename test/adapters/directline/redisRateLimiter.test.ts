import { RedisRateLimiter } from '../../../adapters/directline/redisRateLimiter';
import { connectTestRedis, useTestRedis } from '../../support/redis';
import { rateLimiterContract } from './rateLimiterContract';

const redis = useTestRedis('rate');
let suite = 0;

rateLimiterContract('Redis', () => {
  suite += 1;
  const prefix = `${redis.prefix}${suite}:`;
  return { limiter: (perMinute, now) => new RedisRateLimiter(redis.client(), { prefix, perMinute, now }) };
});

describe('RedisRateLimiter', () => {
  it('shares one budget between processes: a citizen gets perMinute, not perMinute per process', async () => {
    const other = await connectTestRedis();
    try {
      const prefix = `${redis.prefix}shared:`;
      const a = new RedisRateLimiter(redis.client(), { prefix, perMinute: 4 });
      const b = new RedisRateLimiter(other, { prefix, perMinute: 4 });
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push((await (i % 2 ? a : b).take('conv\nuser')).allowed);
      expect(decisions).toEqual([true, true, true, true]);
      expect((await a.take('conv\nuser')).allowed).toBe(false);
      expect((await b.take('conv\nuser')).allowed).toBe(false);
    } finally {
      await other.quit();
    }
  });

  it('keeps a bucket only until it would be full again', async () => {
    const prefix = `${redis.prefix}ttl:`;
    const limiter = new RedisRateLimiter(redis.client(), { prefix, perMinute: 60 });
    await limiter.take('k');
    const ttl = await redis.client().pTTL(`${prefix}k`);
    // One token spent at 1 a second: full again in 1 s, plus 1 s of margin.
    expect(ttl).toBeGreaterThan(1000);
    expect(ttl).toBeLessThanOrEqual(2000);
  });

  it('lets requests through, and reports it once, while Redis does not answer', async () => {
    const down = await connectTestRedis();
    await down.quit();
    const errors: unknown[] = [];
    const limiter = new RedisRateLimiter(down, {
      prefix: `${redis.prefix}down:`,
      perMinute: 1,
      onError: (err) => errors.push(err),
    });
    for (let i = 0; i < 3; i++) expect(await limiter.take('k')).toEqual({ allowed: true });
    expect(errors).toHaveLength(1);
  });
});
