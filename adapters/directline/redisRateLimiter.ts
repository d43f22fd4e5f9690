import { type HandoffRedisClient, RedisCaller, RedisScript } from '../../handoff/redisCaller';
import { type RateDecision, type RateLimiter, retryAfterSeconds } from './rateLimiter';

// KEYS[1]: the bucket. ARGV: capacity, tokens per ms, now in ms ('' for the server's clock).
// Returns {allowed (1/0), tokens left as a string (Lua numbers become integers in replies)}.
const TAKE = new RedisScript(
  'rateLimit.take',
  `
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local b = redis.call('HMGET', KEYS[1], 't', 'u')
local tokens = cap
if b[1] then tokens = math.min(cap, tonumber(b[1]) + math.max(0, now - tonumber(b[2])) * rate) end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'u', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((cap - tokens) / rate) + 1000)
return {allowed, tostring(tokens)}
`,
);

export interface RedisRateLimiterOptions {
  /** Key prefix of the buckets, e.g. `la:rate:messages:`. */
  prefix: string;
  /** Sustained rate allowed per key; also the burst size. */
  perMinute: number;
  /** The clock in ms (tests); the Redis server's own clock by default, the same for every process. */
  now?: () => number;
  /** Redis failed or was slow: the request is let through (the limiter must not take the service down). */
  onError?: (err: unknown) => void;
  commandTimeoutMs?: number;
}

/** Reports a failing Redis at most once a minute: every POST would report it otherwise. */
const ERROR_REPORT_INTERVAL_MS = 60_000;

/**
 * The token bucket of MemoryRateLimiter kept in Redis, one hash per key with its expiry at the
 * moment it would be full again: several processes behind a load balancer share each citizen's
 * budget. When Redis does not answer, requests are allowed (and the failure reported): the
 * limit is a protection, not a reason to refuse citizens while the rest still works.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly caller: RedisCaller;
  private readonly perMs: number;
  private lastErrorReport = -Infinity;

  constructor(
    client: HandoffRedisClient,
    private readonly options: RedisRateLimiterOptions,
  ) {
    this.caller = new RedisCaller(client, options.commandTimeoutMs);
    this.perMs = options.perMinute / 60_000;
  }

  async take(key: string): Promise<RateDecision> {
    let reply: unknown;
    try {
      reply = await this.caller.run(
        TAKE,
        [`${this.options.prefix}${key}`],
        [
          String(this.options.perMinute),
          String(this.perMs),
          this.options.now ? String(this.options.now()) : '',
        ],
      );
    } catch (err) {
      this.report(err);
      return { allowed: true };
    }
    const [allowed, tokens] = Array.isArray(reply) ? reply : [];
    // Only a clear "no" refuses; a reply we cannot read lets the request through like an outage.
    if (allowed !== 0) return { allowed: true };
    const left = Number(tokens);
    return {
      allowed: false,
      retryAfterSeconds: retryAfterSeconds(Number.isFinite(left) ? left : 0, this.perMs),
    };
  }

  sweep(): void {
    // Buckets expire in Redis once full again.
  }

  private report(err: unknown): void {
    const now = Date.now();
    if (now - this.lastErrorReport < ERROR_REPORT_INTERVAL_MS) return;
    this.lastErrorReport = now;
    this.options.onError?.(err);
  }
}
