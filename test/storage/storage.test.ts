import { MemoryStorage } from 'botbuilder';
import { MemoryStateStorage } from '../../storage/memoryStateStorage';
import { RedisStorage } from '../../storage/redisStorage';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';
import { storageContract } from './storageContract';

storageContract('MemoryStorage', async () => new MemoryStorage());
storageContract('MemoryStateStorage', async () => new MemoryStateStorage());

let redis: TestRedis;
const prefix = uniquePrefix('storage');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});

let n = 0;
storageContract('RedisStorage', async () => new RedisStorage(redis, { prefix: `${prefix}${n++}:` }));

describe('RedisStorage', () => {
  it('expires untouched items after the TTL', async () => {
    const storage = new RedisStorage(redis, { prefix: `${prefix}ttl:`, ttlSeconds: 1 });
    await storage.write({ k: { v: 1 } });
    expect(await redis.ttl(`${prefix}ttl:k`)).toBeGreaterThan(0);
  });
});
