import { hGetAllMany } from '../../ratings/redisHashBatch';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';

let redis: TestRedis;
const prefix = uniquePrefix('hashbatch');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});

describe('hGetAllMany', () => {
  it('reads hashes in order across batches, with an empty object for a missing key', async () => {
    await redis.hSet(`${prefix}a`, { x: '1', y: 'é "due"' });
    await redis.hSet(`${prefix}c`, { z: '3' });
    await redis.hSet(`${prefix}d`, { w: '' });
    const keys = ['a', 'b', 'c', 'd', 'a'].map((k) => `${prefix}${k}`);
    expect(await hGetAllMany(redis, keys, 2)).toEqual([
      { x: '1', y: 'é "due"' },
      {},
      { z: '3' },
      { w: '' },
      { x: '1', y: 'é "due"' },
    ]);
    expect(await hGetAllMany(redis, [])).toEqual([]);
  });
});
