import type { createClient } from 'redis';
import type { Logger } from '../ops/logger';

export type RedisConnection = ReturnType<typeof createClient>;

export class RedisUnavailableError extends Error {
  constructor(url: string, cause: unknown) {
    super(
      `REDIS_URL=${redactUrl(url)}: cannot connect (${cause instanceof Error ? cause.message : String(cause)})`,
    );
    this.name = 'RedisUnavailableError';
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Connects to Redis for the whole process. Commands fail fast while disconnected (no offline
 * queue that would hang a citizen's turn), and the client reconnects by itself with backoff.
 */
export async function connectRedis(
  url: string,
  logger: Logger,
  connectTimeoutMs = 5000,
): Promise<RedisConnection> {
  let lastError: unknown;
  // Loaded only when a Redis URL is configured: the embedded default starts ~0.1 s sooner without
  // node-redis's ~600 modules.
  const { createClient } = await import('redis');
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000),
    },
  });
  let warned = false;
  client.on('error', (err: unknown) => {
    lastError = err;
    if (!warned) logger.error({ err, redis: redactUrl(url) }, 'Redis connection error; reconnecting');
    warned = true;
  });
  client.on('ready', () => {
    if (warned) logger.info({ redis: redactUrl(url) }, 'Redis connection restored');
    warned = false;
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(lastError ?? new Error(`no answer within ${connectTimeoutMs} ms`)),
      connectTimeoutMs,
    ).unref(),
  );
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (err) {
    client.destroy();
    throw new RedisUnavailableError(url, err);
  }
  return client;
}
