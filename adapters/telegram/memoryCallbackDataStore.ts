import { randomBytes } from 'node:crypto';
import type { CallbackDataStore } from './callbackDataStore';

export interface MemoryCallbackDataStoreOptions {
  /** Oldest entries are dropped beyond this many. */
  maxEntries?: number;
  now?: () => number;
}

export const DEFAULT_MAX_CALLBACK_ENTRIES = 100_000;

/** Embedded default: button payloads in this process (Map order is insertion order, oldest first). */
export class MemoryCallbackDataStore implements CallbackDataStore {
  private readonly entries = new Map<string, { payload: string; expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryCallbackDataStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_CALLBACK_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  async put(payload: string, ttlMs: number): Promise<string> {
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { payload, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    return key;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }
}
