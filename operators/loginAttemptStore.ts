/** Counters of failed logins and the locks they cause. Memory and Redis pass one contract suite. */
export interface LoginAttemptStore {
  /** Adds one failure to `key`; the count resets `windowMs` after the first failure. Returns the count. */
  addFailure(key: string, windowMs: number): Promise<number>;
  lock(key: string, ms: number): Promise<void>;
  /** Milliseconds left on the lock of `key`, 0 when not locked. */
  lockedMs(key: string): Promise<number>;
  /** Forgets failures and lock of `key`. */
  clear(key: string): Promise<void>;
}
