import type { RedisClientType } from 'redis';
import type { UpdateDedupeStore } from './updateDedupeStore';

export type DedupeRedisClient = Pick<RedisClientType, 'set'>;

export interface RedisUpdateDedupeStoreOptions {
  /** Key prefix, e.g. "la:"; claims live under `<prefix>tg:update:`. */
  prefix: string;
}

/** Claims with SET NX PX: across processes, exactly one wins an update id. */
export class RedisUpdateDedupeStore implements UpdateDedupeStore {
  constructor(
    private readonly client: DedupeRedisClient,
    private readonly options: RedisUpdateDedupeStoreOptions,
  ) {}

  async claim(updateId: number, ttlMs: number): Promise<boolean> {
    const reply = await this.client.set(`${this.options.prefix}tg:update:${updateId}`, '1', {
      expiration: { type: 'PX', value: Math.max(1, ttlMs) },
      condition: 'NX',
    });
    return reply === 'OK';
  }
}
