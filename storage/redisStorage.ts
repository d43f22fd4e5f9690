import type { Storage, StoreItems } from 'botbuilder-core';
import type { RedisClientType } from 'redis';

/** A Redis client of any module/script flavour; the store only uses plain commands and EVAL. */
export type AnyRedisClient = Pick<RedisClientType, 'mGet' | 'del' | 'eval'>;

export interface RedisStorageOptions {
  /** Prepended to every key, e.g. "la:state:". */
  prefix: string;
  /** Seconds before an untouched item expires; 0 keeps items forever. */
  ttlSeconds?: number;
}

/** Raised when a write carries an eTag that no longer matches: someone else wrote first. */
export class StorageConcurrencyError extends Error {
  constructor(readonly key: string) {
    super(`Storage.write(): eTag conflict for key "${key}"`);
    this.name = 'StorageConcurrencyError';
  }
}

// Compare-and-set on the stored eTag: '*' or a missing eTag always writes.
const WRITE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local expected = ARGV[2]
if expected ~= '' and expected ~= '*' and current then
  local ok, decoded = pcall(cjson.decode, current)
  if ok and decoded['eTag'] ~= expected then return 0 end
end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
return 1
`;

let counter = 0;
function nextETag(): string {
  counter = (counter + 1) % 1_000_000;
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * botbuilder `Storage` on Redis with optimistic concurrency: each item carries an eTag, and a
 * write with a stale eTag fails with StorageConcurrencyError (like MemoryStorage and CosmosDB).
 */
export class RedisStorage implements Storage {
  private readonly ttl: number;

  constructor(
    private readonly client: AnyRedisClient,
    private readonly options: RedisStorageOptions,
  ) {
    this.ttl = options.ttlSeconds ?? 0;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new TypeError('RedisStorage.read(): keys are required');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const values = await this.client.mGet(keys.map((k) => this.options.prefix + k));
    keys.forEach((key, i) => {
      const raw = values[i];
      if (typeof raw === 'string') items[key] = JSON.parse(raw) as unknown;
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new TypeError('RedisStorage.write(): changes are required');
    await Promise.all(
      Object.entries(changes).map(async ([key, value]) => {
        const item = (value ?? {}) as Record<string, unknown>;
        const expected = typeof item.eTag === 'string' ? item.eTag : '';
        const stored = JSON.stringify({ ...item, eTag: nextETag() });
        const ok = await this.client.eval(WRITE_SCRIPT, {
          keys: [this.options.prefix + key],
          arguments: [stored, expected, String(this.ttl)],
        });
        if (ok !== 1) throw new StorageConcurrencyError(key);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new TypeError('RedisStorage.delete(): keys are required');
    if (keys.length > 0) await this.client.del(keys.map((k) => this.options.prefix + k));
  }
}
