/**
 * Remembers which Telegram `update_id`s were already taken, so an update Telegram sends twice
 * (webhook retry, polling restart) is handled once. Memory and Redis pass one contract suite.
 */
export interface UpdateDedupeStore {
  /** True the first time `updateId` is claimed within `ttlMs`; false for a repeat. */
  claim(updateId: number, ttlMs: number): Promise<boolean>;
}
