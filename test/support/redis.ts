import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

export type TestRedis = ReturnType<typeof createClient>;

/** URL of the private redis-server started by globalSetup. */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url)
    throw new Error('TEST_REDIS_URL is not set: run the tests through jest (globalSetup starts Redis)');
  return url;
}

/** A unique key prefix for one suite, so suites sharing the test server never see each other's keys. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${randomBytes(4).toString('hex')}:`;
}

export async function connectTestRedis(): Promise<TestRedis> {
  const client = createClient({ url: testRedisUrl() });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Deletes every key under a prefix (never FLUSHALL). */
export async function cleanPrefix(client: TestRedis, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.del(keys);
  }
}

/**
 * One suite's connection to the tests' private Redis and a unique key prefix, cleaned and closed
 * after the suite. `client()` is valid inside tests and store factories (after beforeAll).
 */
export function useTestRedis(name: string): { prefix: string; client: () => TestRedis } {
  let redis: TestRedis | undefined;
  const prefix = uniquePrefix(name);
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    if (!redis) return;
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });
  return {
    prefix,
    client: () => {
      if (!redis) throw new Error('useTestRedis: used before the suite connected');
      return redis;
    },
  };
}
