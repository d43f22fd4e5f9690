import type { CallbackDataStore } from '../../../adapters/telegram/callbackDataStore';
import { MemoryCallbackDataStore } from '../../../adapters/telegram/memoryCallbackDataStore';
import { RedisCallbackDataStore } from '../../../adapters/telegram/redisCallbackDataStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../../support/redis';

/** `advance(ms)` moves the store's clock (a fake clock, or real time for Redis). */
function callbackDataStoreContract(
  name: string,
  factory: () => Promise<{ store: CallbackDataStore; advance: (ms: number) => Promise<void> }>,
): void {
  describe(`CallbackDataStore contract: ${name}`, () => {
    it('gives back the payload under a short URL-safe key', async () => {
      const { store } = await factory();
      const payload = JSON.stringify({ value: { rating: 'positive', note: 'è così' } });
      const key = await store.put(payload, 60_000);
      expect(key).toMatch(/^[A-Za-z0-9_-]{1,16}$/);
      expect(await store.get(key)).toBe(payload);
    });

    it('gives a different key to every payload, even an identical one', async () => {
      const { store } = await factory();
      const keys = await Promise.all(Array.from({ length: 50 }, () => store.put('{"text":"sì"}', 60_000)));
      expect(new Set(keys).size).toBe(50);
    });

    it('answers undefined for an unknown key', async () => {
      const { store } = await factory();
      expect(await store.get('nonEsiste')).toBeUndefined();
    });

    it('forgets a payload after its TTL', async () => {
      const { store, advance } = await factory();
      const key = await store.put('{"text":"a"}', 1000);
      expect(await store.get(key)).toBe('{"text":"a"}');
      await advance(1500);
      expect(await store.get(key)).toBeUndefined();
    });
  });
}

callbackDataStoreContract('memory', async () => {
  let now = Date.now();
  return {
    store: new MemoryCallbackDataStore({ now: () => now }),
    advance: async (ms) => {
      now += ms;
    },
  };
});

it('MemoryCallbackDataStore drops the oldest payloads beyond maxEntries', async () => {
  const store = new MemoryCallbackDataStore({ maxEntries: 3 });
  const keys = [];
  for (let i = 0; i < 5; i++) keys.push(await store.put(String(i), 60_000));
  expect(await Promise.all(keys.map((k) => store.get(k)))).toEqual([undefined, undefined, '2', '3', '4']);
});

let redis: TestRedis;
const prefix = uniquePrefix('tgcallback');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});

callbackDataStoreContract('redis', async () => ({
  store: new RedisCallbackDataStore(redis, { prefix }),
  advance: (ms) => new Promise((r) => setTimeout(r, ms)),
}));
