import { MemorySessionStore } from '../../operators/memorySessionStore';
import { RedisSessionStore } from '../../operators/redisSessionStore';
import type { SessionStore } from '../../operators/sessionStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';

const HOUR = 3_600_000;

function sessionStoreContract(name: string, factory: (now: () => number) => Promise<SessionStore>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let clock = Date.now();
    let store: SessionStore;
    beforeEach(async () => {
      clock = Date.now();
      store = await factory(() => clock);
    });

    it('creates a session with unguessable id and CSRF token, and reads it back', async () => {
      const s = await store.create('anna');
      expect(s.id.length).toBeGreaterThanOrEqual(40);
      expect(s.csrfToken.length).toBeGreaterThanOrEqual(30);
      expect(s.csrfToken).not.toBe(s.id);
      expect(await store.get(s.id)).toEqual(s);
      expect(await store.get(`${s.id}x`)).toBeUndefined();
      expect((await store.create('anna')).id).not.toBe(s.id);
    });

    it('expires a session after the TTL', async () => {
      const s = await store.create('anna');
      clock += 12 * HOUR - 1000;
      expect(await store.get(s.id)).toBeDefined();
      clock += 2000;
      expect(await store.get(s.id)).toBeUndefined();
    });

    it('logs out one session, or every session of a user', async () => {
      const a1 = await store.create('anna');
      const a2 = await store.create('anna');
      const b = await store.create('bruno');
      await store.delete(a1.id);
      expect(await store.get(a1.id)).toBeUndefined();
      expect(await store.get(a2.id)).toBeDefined();
      expect(await store.deleteForUser('anna')).toBe(1);
      expect(await store.get(a2.id)).toBeUndefined();
      expect(await store.get(b.id)).toBeDefined();
    });
  });
}

sessionStoreContract('memory', async (now) => new MemorySessionStore({ ttlMs: 12 * HOUR, now }));

let redis: TestRedis;
const prefix = uniquePrefix('opsessions');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});
let n = 0;
sessionStoreContract(
  'redis',
  async (now) => new RedisSessionStore(redis, { prefix: `${prefix}${n++}:`, ttlMs: 12 * HOUR, now }),
);

describe('RedisSessionStore', () => {
  it('lets Redis expire sessions by itself (TTL on the key) and stores no raw session id', async () => {
    const store = new RedisSessionStore(redis, { prefix: `${prefix}ttl:`, ttlMs: 5 * HOUR });
    const s = await store.create('anna');
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}ttl:*` })) keys.push(...batch);
    expect(keys.some((k) => k.includes(s.id))).toBe(false);
    const sessionKey = keys.find((k) => k.includes(':opsession:'));
    expect(sessionKey).toBeDefined();
    const ttl = await redis.pTTL(sessionKey ?? '');
    expect(ttl).toBeGreaterThan(4 * HOUR);
    expect(ttl).toBeLessThanOrEqual(5 * HOUR);
  });
});
