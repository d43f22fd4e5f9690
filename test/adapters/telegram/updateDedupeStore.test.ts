import { MemoryUpdateDedupeStore } from '../../../adapters/telegram/memoryUpdateDedupeStore';
import { RedisUpdateDedupeStore } from '../../../adapters/telegram/redisUpdateDedupeStore';
import type { UpdateDedupeStore } from '../../../adapters/telegram/updateDedupeStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../../support/redis';

function updateDedupeStoreContract(
  name: string,
  factory: () => Promise<{ store: UpdateDedupeStore; advance: (ms: number) => Promise<void> }>,
): void {
  describe(`UpdateDedupeStore contract: ${name}`, () => {
    it('lets the first claim of an update id win and refuses repeats', async () => {
      const { store } = await factory();
      expect(await store.claim(1001, 60_000)).toBe(true);
      expect(await store.claim(1001, 60_000)).toBe(false);
      expect(await store.claim(1002, 60_000)).toBe(true);
    });

    it('lets exactly one of many simultaneous claims win', async () => {
      const { store } = await factory();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(2001, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('forgets a claim after its TTL', async () => {
      const { store, advance } = await factory();
      expect(await store.claim(3001, 80)).toBe(true);
      await advance(200);
      expect(await store.claim(3001, 80)).toBe(true);
    });
  });
}

updateDedupeStoreContract('memory', async () => {
  let now = Date.now();
  return {
    store: new MemoryUpdateDedupeStore({ now: () => now }),
    advance: async (ms) => {
      now += ms;
    },
  };
});

let redis: TestRedis;
let n = 0;
const prefix = uniquePrefix('tgdedupe');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});

updateDedupeStoreContract('redis', async () => ({
  // Each test gets its own prefix: the ids repeat across tests.
  store: new RedisUpdateDedupeStore(redis, { prefix: `${prefix}${n++}:` }),
  advance: (ms) => new Promise((r) => setTimeout(r, ms)),
}));
