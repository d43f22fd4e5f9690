import type { LoginAttemptStore } from './loginAttemptStore';

/** Embedded default: failure counters in this process. */
export class MemoryLoginAttemptStore implements LoginAttemptStore {
  private readonly failures = new Map<string, { count: number; until: number }>();
  private readonly locks = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async addFailure(key: string, windowMs: number): Promise<number> {
    const now = this.now();
    const current = this.failures.get(key);
    const next =
      current && current.until > now
        ? { ...current, count: current.count + 1 }
        : { count: 1, until: now + windowMs };
    this.failures.set(key, next);
    if (this.failures.size > 10_000) this.sweep(now);
    return next.count;
  }

  async lock(key: string, ms: number): Promise<void> {
    this.locks.set(key, this.now() + ms);
  }

  async lockedMs(key: string): Promise<number> {
    const until = this.locks.get(key);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left <= 0) this.locks.delete(key);
    return Math.max(0, left);
  }

  async clear(key: string): Promise<void> {
    this.failures.delete(key);
    this.locks.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, v] of this.failures) if (v.until <= now) this.failures.delete(k);
    for (const [k, until] of this.locks) if (until <= now) this.locks.delete(k);
  }
}
