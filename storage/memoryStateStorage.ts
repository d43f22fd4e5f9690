import type { StoreItems } from 'botbuilder-core';
import { type JsonStateStorage, stateJson } from './jsonStateStorage';
import { StorageConcurrencyError } from './redisStorage';

export interface MemoryStateStorageOptions {
  /**
   * Items kept; past it the item written least recently is dropped first (its conversation
   * starts again as new, as after the TTL).
   */
  maxItems?: number;
  /** Seconds before an item that was not written again expires; 0 keeps items until dropped. */
  ttlSeconds?: number;
  /** Milliseconds since the epoch (tests move time with it). */
  now?: () => number;
}

/**
 * One conversation state of ~550 bytes of JSON takes about 1 KB of heap here (text, key, entry;
 * measured on Node 20), so the cap costs at most ~50 MB: with the ~95 MB live heap of the soak
 * (1,000 open conversations) that stays well within the 256 MB old space `npm start` gives the
 * process. Over the 7-day TTL it still holds ~7,000 new conversations a day, more than a
 * provincial contact centre sees; beyond that, deployments use Redis (REDIS_URL), which has no
 * cap. Only then does the least recently written conversation start again as new.
 */
export const DEFAULT_MAX_STATE_ITEMS = 50_000;
/** As long as the Redis store keeps state (STATE_TTL_SECONDS in app/compose.ts). */
export const DEFAULT_STATE_TTL_SECONDS = 7 * 24 * 3600;

interface Entry {
  /** The item without its eTag, as `JSON.stringify` wrote it. */
  readonly json: string;
  readonly eTag: string;
  /** Epoch milliseconds; Infinity when items do not expire. */
  readonly expiresAt: number;
}

/**
 * Bot state in this process (no REDIS_URL, and ResilientStorage's fallback while Redis is down),
 * bounded like the Redis store: items expire after a TTL refreshed on every write, and at most
 * `maxItems` are kept. botbuilder's MemoryStorage keeps every conversation ever seen, forever.
 *
 * Same semantics as MemoryStorage and RedisStorage: every item gets a new eTag on write, a write
 * with a stale eTag is rejected (StorageConcurrencyError), `'*'` or no eTag always writes, and
 * items are kept as JSON text, so what a caller reads or wrote is never aliased with what is
 * stored. It also offers the state's text as is (JsonStateStorage), which LeanConversationState
 * loads with one parse and saves with the one stringify of its change detection.
 */
export class MemoryStateStorage implements JsonStateStorage {
  // Map order is write order: a write moves the key to the end, so the first entry is the one
  // written least recently, and (with one TTL for all) also the first to expire.
  private readonly items = new Map<string, Entry>();
  private readonly maxItems: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private lastETag = 0;

  constructor(options: MemoryStateStorageOptions = {}) {
    this.maxItems = options.maxItems ?? DEFAULT_MAX_STATE_ITEMS;
    if (!Number.isInteger(this.maxItems) || this.maxItems < 1)
      throw new RangeError(`MemoryStateStorage: maxItems must be a positive integer, not ${this.maxItems}`);
    const ttlSeconds = options.ttlSeconds ?? DEFAULT_STATE_TTL_SECONDS;
    if (!(ttlSeconds >= 0))
      throw new RangeError(`MemoryStateStorage: ttlSeconds must be >= 0, not ${ttlSeconds}`);
    this.ttlMs = ttlSeconds * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Items held, expired ones not yet dropped included (they go at the next write or read). */
  get size(): number {
    return this.items.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new TypeError('MemoryStateStorage.read(): keys are required');
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.live(key);
      if (!entry) continue;
      const item = JSON.parse(entry.json) as Record<string, unknown>;
      item.eTag = entry.eTag;
      items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new TypeError('MemoryStateStorage.write(): changes are required');
    // Every item is checked and serialised before any is stored: a rejected batch stores nothing.
    const texts: Array<[string, string]> = [];
    for (const [key, value] of Object.entries(changes)) {
      const item = (value ?? {}) as Record<string, unknown>;
      const expected = item.eTag;
      if (typeof expected === 'string' && expected !== '' && expected !== '*') {
        const current = this.live(key);
        if (current && current.eTag !== expected) throw new StorageConcurrencyError(key);
      }
      texts.push([key, stateJson(item)]);
    }
    for (const [key, json] of texts) this.store(key, json);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new TypeError('MemoryStateStorage.delete(): keys are required');
    for (const key of keys) this.items.delete(key);
  }

  async readStateJson(key: string): Promise<string | undefined> {
    return this.live(key)?.json;
  }

  async writeStateJson(key: string, json: string): Promise<void> {
    this.store(key, json);
  }

  /** The entry under `key` unless it expired (then it is dropped). */
  private live(key: string): Entry | undefined {
    const entry = this.items.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.items.delete(key);
      return undefined;
    }
    return entry;
  }

  private store(key: string, json: string): void {
    const now = this.now();
    this.items.delete(key);
    this.lastETag += 1;
    this.items.set(key, {
      json,
      eTag: this.lastETag.toString(36),
      expiresAt: this.ttlMs > 0 ? now + this.ttlMs : Infinity,
    });
    // Drop the oldest past the cap, then whatever expired at the front: writes keep memory
    // bounded without a timer, a few deletions at a time.
    while (this.items.size > this.maxItems) this.dropFirst();
    for (const [first, entry] of this.items) {
      if (entry.expiresAt > now) break;
      this.items.delete(first);
    }
  }

  private dropFirst(): void {
    const first = this.items.keys().next();
    if (!first.done) this.items.delete(first.value);
  }
}
