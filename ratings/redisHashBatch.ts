import type { RedisClientType } from 'redis';

/** Reads many hashes in one round trip per chunk; a short script, so Redis is never blocked for long. */
const HGETALL_MANY = `
local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('HGETALL', key) end
return out`;

export const HASH_BATCH_SIZE = 500;

/** HGETALL of every key, in order; a missing key gives an empty object. */
export async function hGetAllMany(
  client: Pick<RedisClientType, 'eval'>,
  keys: readonly string[],
  batchSize = HASH_BATCH_SIZE,
): Promise<Array<Record<string, string>>> {
  const out: Array<Record<string, string>> = [];
  for (let i = 0; i < keys.length; i += batchSize) {
    const reply = await client.eval(HGETALL_MANY, { keys: keys.slice(i, i + batchSize) });
    if (!Array.isArray(reply)) throw new TypeError('unexpected reply to HGETALL batch');
    for (const hash of reply as unknown[]) out.push(toRecord(hash));
  }
  return out;
}

/** A flat [field, value, ...] array (RESP2) or a map (RESP3) as a plain object. */
function toRecord(hash: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (Array.isArray(hash)) {
    for (let j = 0; j + 1 < hash.length; j += 2) record[String(hash[j])] = String(hash[j + 1]);
  } else if (hash instanceof Map) {
    for (const [k, v] of hash) record[String(k)] = String(v);
  } else if (hash && typeof hash === 'object') {
    for (const [k, v] of Object.entries(hash)) record[k] = String(v);
  }
  return record;
}

const PURGE_BATCH = 500;

/**
 * Retention for records indexed by time in a sorted set: deletes, batch by batch, the records
 * scored before `date` and their index entries; returns how many records were deleted.
 */
export async function purgeIndexedBefore(
  client: Pick<RedisClientType, 'zRangeByScore' | 'del' | 'zRem'>,
  indexKey: string,
  recordKey: (id: string) => string,
  date: Date,
): Promise<number> {
  let n = 0;
  for (;;) {
    const ids = (
      await client.zRangeByScore(indexKey, '-inf', `(${date.getTime()}`, {
        LIMIT: { offset: 0, count: PURGE_BATCH },
      })
    ).map(String);
    if (ids.length === 0) return n;
    n += await client.del(ids.map(recordKey));
    await client.zRem(indexKey, ids);
  }
}
