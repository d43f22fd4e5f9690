import { MemoryRateLimiter } from '../../../adapters/directline/memoryRateLimiter';
import { rateLimiterContract } from './rateLimiterContract';

rateLimiterContract('memory', () => ({
  limiter: (perMinute, now) => new MemoryRateLimiter({ perMinute, now }),
}));

describe('MemoryRateLimiter', () => {
  it('forgets keys that have refilled', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ perMinute: 60, now: () => now });
    await limiter.take('a');
    await limiter.take('b');
    now += 500;
    limiter.sweep();
    expect(limiter.size).toBe(2);
    now += 60_000;
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });
});
