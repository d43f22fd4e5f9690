import {
  type RateDecision,
  type RateLimiter,
  type RateLimiterFactory,
  retryAfterSeconds,
} from './rateLimiter';

export interface RateLimiterOptions {
  /** Sustained rate allowed per key; also the burst size. */
  perMinute: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key (per Direct Line token identity), in this process's memory: a burst of
 * `perMinute` requests, then `perMinute` a minute. Idle buckets are dropped by sweep().
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    this.perMs = options.perMinute / 60_000;
    this.now = options.now ?? Date.now;
  }

  take(key: string): Promise<RateDecision> {
    return Promise.resolve(this.takeNow(key));
  }

  private takeNow(key: string): RateDecision {
    const now = this.now();
    const capacity = this.options.perMinute;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: capacity, updatedAt: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
      bucket.updatedAt = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: retryAfterSeconds(bucket.tokens, this.perMs) };
  }

  /** Forgets buckets that have refilled completely (they behave like new ones). */
  sweep(): void {
    const now = this.now();
    const capacity = this.options.perMinute;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= capacity) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** The embedded default: every limit in this process's memory. */
export const memoryRateLimiters: RateLimiterFactory = (_name, perMinute) =>
  new MemoryRateLimiter({ perMinute });
