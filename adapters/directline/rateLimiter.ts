export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per key: a burst of `perMinute` requests, then `perMinute` a minute. In memory
 * (one process) or in Redis (every process sharing it: a citizen's budget is the same whichever
 * process their requests reach). One contract suite runs against both.
 */
export interface RateLimiter {
  /** Takes one request from `key`'s budget, or says when to retry. */
  take(key: string): Promise<RateDecision>;
  /** Forgets buckets that have refilled completely (in memory; Redis keys expire on their own). */
  sweep(): void;
}

/** Builds the limiter of one kind of request (`name`: messages, conversations per IP…). */
export type RateLimiterFactory = (name: string, perMinute: number) => RateLimiter;

/** Seconds until one token is back, at least 1. */
export function retryAfterSeconds(tokens: number, perMs: number): number {
  return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
}
