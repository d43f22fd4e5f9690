import type { UpdateDedupeStore } from './updateDedupeStore';

export interface MemoryUpdateDedupeStoreOptions {
  now?: () => number;
}

/** Embedded default: claimed update ids in this process, forgotten after their TTL. */
export class MemoryUpdateDedupeStore implements UpdateDedupeStore {
  private readonly claimed = new Map<number, number>();
  private readonly now: () => number;

  constructor(options: MemoryUpdateDedupeStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async claim(updateId: number, ttlMs: number): Promise<boolean> {
    const now = this.now();
    this.evictExpired(now);
    const expiresAt = this.claimed.get(updateId);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.claimed.delete(updateId);
    this.claimed.set(updateId, now + ttlMs);
    return true;
  }

  // Entries are inserted in time order with one TTL per caller, so expired ones sit at the front.
  private evictExpired(now: number): void {
    for (const [id, expiresAt] of this.claimed) {
      if (expiresAt > now) break;
      this.claimed.delete(id);
    }
  }
}
