import { randomBytes } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { CallbackDataStore } from './callbackDataStore';

export type CallbackRedisClient = Pick<RedisClientType, 'set' | 'get'>;

export interface RedisCallbackDataStoreOptions {
  /** Key prefix, e.g. "la:"; payloads live under `<prefix>tg:cb:`. */
  prefix: string;
}

/** Button payloads in Redis with a TTL, so a button sent by one process works on every other. */
export class RedisCallbackDataStore implements CallbackDataStore {
  constructor(
    private readonly client: CallbackRedisClient,
    private readonly options: RedisCallbackDataStoreOptions,
  ) {}

  async put(payload: string, ttlMs: number): Promise<string> {
    const key = randomBytes(9).toString('base64url');
    await this.client.set(this.redisKey(key), payload, {
      expiration: { type: 'PX', value: Math.max(1, ttlMs) },
    });
    return key;
  }

  async get(key: string): Promise<string | undefined> {
    const raw = await this.client.get(this.redisKey(key));
    return typeof raw === 'string' ? raw : undefined;
  }

  private redisKey(key: string): string {
    return `${this.options.prefix}tg:cb:${key}`;
  }
}
