import type { BotLogic } from '../../bots/botLogic';
import type { Logger } from '../../ops/logger';
import type { Metrics } from '../../ops/metrics';
import type { RedisConnection } from '../../storage/redisConnection';
import { DirectLineAdapter } from './directLineAdapter';
import { DirectLineChannel } from './directLineChannel';
import type { DirectLineStore } from './directLineStore';
import { DirectLineTokens } from './directLineTokens';
import { MemoryDirectLineStore } from './memoryDirectLineStore';
import { memoryRateLimiters } from './memoryRateLimiter';
import type { RateLimiterFactory } from './rateLimiter';
import { RedisDirectLineStore } from './redisDirectLineStore';
import { RedisRateLimiter } from './redisRateLimiter';

export interface DirectLineSetup {
  /** DIRECTLINE_SECRET, or a random per-process secret when it is unset. */
  secret: string;
  /** DIRECTLINE_TOKEN_TTL_SECONDS */
  tokenTtlSeconds: number;
  /** MAX_TEXT_LENGTH */
  maxTextLength: number;
  /** RATE_LIMIT_PER_MINUTE */
  rateLimitPerMinute: number;
  /** PUBLIC_URL */
  publicUrl?: string;
  /**
   * The process's Redis connection when REDIS_URL is set; conversations then live in Redis, and
   * the rate limits too (shared by every process, whichever one a request reaches).
   */
  redis?: RedisConnection;
  /** REDIS_KEY_PREFIX */
  keyPrefix: string;
  logic: BotLogic;
  logger: Logger;
  metrics: Metrics;
  /** New conversations per client IP and minute on /api/webchat/token; unlimited when unset or 0. */
  conversationsPerMinutePerIp?: number;
  /** TRUST_PROXY: reverse proxies in front, for the client's address (see clientAddress). */
  trustProxy?: number;
  /** False when `logic` already records metrics.turns / turnLatency. */
  recordTurnMetrics?: boolean;
}

/** The Direct Line channel and its collaborators, wired; mount `channel` on the server. */
export interface DirectLine {
  channel: DirectLineChannel;
  /** For proactive messages (operators): `adapter.continueConversation(reference, logic)`. */
  adapter: DirectLineAdapter;
  store: DirectLineStore;
  tokens: DirectLineTokens;
  /** Graceful shutdown: streams, turns in flight, then the store's own subscriber connection. */
  close(): Promise<void>;
}

/** Builds the Direct Line channel for the composition root (memory store, or Redis when given). */
export function createDirectLine(setup: DirectLineSetup): DirectLine {
  const store: DirectLineStore = setup.redis
    ? new RedisDirectLineStore(setup.redis, { prefix: setup.keyPrefix })
    : new MemoryDirectLineStore();
  const tokens = new DirectLineTokens({ secret: setup.secret, ttlSeconds: setup.tokenTtlSeconds });
  const adapter = new DirectLineAdapter(store, { serviceUrl: setup.publicUrl });
  const { redis } = setup;
  const rateLimiters: RateLimiterFactory = redis
    ? (name, perMinute) =>
        new RedisRateLimiter(redis, {
          prefix: `${setup.keyPrefix}rate:${name}:`,
          perMinute,
          onError: (err) =>
            setup.logger.warn({ err, limit: name }, 'rate limit store unreachable: requests let through'),
        })
    : memoryRateLimiters;
  const channel = new DirectLineChannel({
    tokens,
    store,
    adapter,
    logic: setup.logic,
    logger: setup.logger,
    metrics: setup.metrics,
    maxTextLength: setup.maxTextLength,
    rateLimitPerMinute: setup.rateLimitPerMinute,
    rateLimiters,
    secret: setup.secret,
    publicUrl: setup.publicUrl,
    recordTurnMetrics: setup.recordTurnMetrics,
    conversationsPerMinutePerIp: setup.conversationsPerMinutePerIp,
    trustProxy: setup.trustProxy,
  });
  return {
    channel,
    adapter,
    store,
    tokens,
    async close() {
      await channel.close();
      await store.close();
    },
  };
}
