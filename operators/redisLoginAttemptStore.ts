import type { RedisClientType } from 'redis';
import type { LoginAttemptStore } from './loginAttemptStore';

export type LoginAttemptRedisClient = Pick<RedisClientType, 'eval' | 'set' | 'pTTL' | 'del'>;

// INCR and set the window on the first failure only, atomically.
const ADD_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

/** Failure counters and locks as expiring Redis keys, shared by every process. */
export class RedisLoginAttemptStore implements LoginAttemptStore {
  constructor(
    private readonly client: LoginAttemptRedisClient,
    private readonly prefix: string,
  ) {}

  async addFailure(key: string, windowMs: number): Promise<number> {
    const n = await this.client.eval(ADD_FAILURE, {
      keys: [`${this.prefix}oplogin:fail:${key}`],
      arguments: [String(windowMs)],
    });
    return Number(n);
  }

  async lock(key: string, ms: number): Promise<void> {
    await this.client.set(`${this.prefix}oplogin:lock:${key}`, '1', {
      expiration: { type: 'PX', value: ms },
    });
  }

  async lockedMs(key: string): Promise<number> {
    const ttl = await this.client.pTTL(`${this.prefix}oplogin:lock:${key}`);
    return ttl > 0 ? ttl : 0;
  }

  async clear(key: string): Promise<void> {
    await this.client.del([`${this.prefix}oplogin:fail:${key}`, `${this.prefix}oplogin:lock:${key}`]);
  }
}
