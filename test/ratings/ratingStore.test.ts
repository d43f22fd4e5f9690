import { MemoryRatingStore } from '../../ratings/memoryRatingStore';
import { RedisRatingStore } from '../../ratings/redisRatingStore';
import { connectTestRedis, useTestRedis } from '../support/redis';
import { ratingStoreContract } from './ratingStoreContract';

ratingStoreContract('memory', async (options) => new MemoryRatingStore(options));

const { prefix, client: redisClient } = useTestRedis('ratings');
let n = 0;
ratingStoreContract(
  'redis',
  async (options) => new RedisRatingStore(redisClient(), { ...options, prefix: `${prefix}${n++}:` }),
);

describe('RedisRatingStore', () => {
  it('stores one rating when two processes (two clients) record the same conversation at once', async () => {
    const other = await connectTestRedis();
    try {
      const p = `${prefix}two:`;
      const a = new RedisRatingStore(redisClient(), { prefix: p });
      const b = new RedisRatingStore(other, { prefix: p });
      const base = {
        conversationId: 'shared',
        channel: 'telegram',
        handledBy: 'bot' as const,
        conversationStartedAt: '2026-11-02T09:00:00.000Z',
      };
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).record({ ...base, face: i % 2 ? 'positive' : 'negative' }),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await redisClient().zCard(`${p}ratings:bystart`)).toBe(1);
      const keys: string[] = [];
      for await (const batch of redisClient().scanIterator({ MATCH: `${p}*` })) keys.push(...batch);
      expect(keys.sort()).toEqual([`${p}rating:shared`, `${p}ratings:bystart`]);
    } finally {
      await other.quit();
    }
  });
});
