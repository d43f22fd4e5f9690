import type { LoginAttemptStore } from '../../operators/loginAttemptStore';
import { LoginLockedError, LoginThrottle } from '../../operators/loginThrottle';
import { MemoryLoginAttemptStore } from '../../operators/memoryLoginAttemptStore';
import { RedisLoginAttemptStore } from '../../operators/redisLoginAttemptStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';

function loginAttemptStoreContract(name: string, factory: () => Promise<LoginAttemptStore>): void {
  describe(`LoginAttemptStore contract: ${name}`, () => {
    it('counts failures per key within the window and forgets them after it', async () => {
      const store = await factory();
      expect(await store.addFailure('u:a', 200)).toBe(1);
      expect(await store.addFailure('u:a', 200)).toBe(2);
      expect(await store.addFailure('u:b', 200)).toBe(1);
      await new Promise((r) => setTimeout(r, 260));
      expect(await store.addFailure('u:a', 200)).toBe(1);
    });

    it('locks a key for a time, and clear() unlocks it', async () => {
      const store = await factory();
      expect(await store.lockedMs('u:a')).toBe(0);
      await store.lock('u:a', 60_000);
      expect(await store.lockedMs('u:a')).toBeGreaterThan(59_000);
      expect(await store.lockedMs('u:b')).toBe(0);
      await store.clear('u:a');
      expect(await store.lockedMs('u:a')).toBe(0);
      await store.lock('u:a', 150);
      await new Promise((r) => setTimeout(r, 200));
      expect(await store.lockedMs('u:a')).toBe(0);
    });
  });
}

loginAttemptStoreContract('memory', async () => new MemoryLoginAttemptStore());

let redis: TestRedis;
const prefix = uniquePrefix('oplogin');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});
let n = 0;
loginAttemptStoreContract('redis', async () => new RedisLoginAttemptStore(redis, `${prefix}${n++}:`));

describe('LoginThrottle', () => {
  it('locks a username after 5 failures, whatever the address, and not another username', async () => {
    const throttle = new LoginThrottle(new MemoryLoginAttemptStore());
    for (let i = 0; i < 5; i++) {
      await throttle.check('anna', `10.0.0.${i}`);
      await throttle.failure('anna', `10.0.0.${i}`);
    }
    await expect(throttle.check('ANNA', '10.9.9.9')).rejects.toBeInstanceOf(LoginLockedError);
    await expect(throttle.check('bruno', '10.9.9.9')).resolves.toBeUndefined();
  });

  it('locks an address after its failures across many usernames', async () => {
    const throttle = new LoginThrottle(new MemoryLoginAttemptStore(), { maxFailuresPerIp: 3 });
    for (const u of ['a1', 'a2', 'a3']) await throttle.failure(u, '10.0.0.7');
    const err = await throttle.check('newuser', '10.0.0.7').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoginLockedError);
    expect((err as LoginLockedError).retryAfterMs).toBeGreaterThan(14 * 60_000);
    await expect(throttle.check('newuser', '10.0.0.8')).resolves.toBeUndefined();
  });

  it("forgets a username's failures after a successful login", async () => {
    const throttle = new LoginThrottle(new MemoryLoginAttemptStore());
    for (let i = 0; i < 4; i++) await throttle.failure('anna', '10.0.0.1');
    await throttle.success('anna');
    for (let i = 0; i < 4; i++) await throttle.failure('anna', '10.0.0.2');
    await expect(throttle.check('anna', '10.0.0.3')).resolves.toBeUndefined();
  });
});
