import type { Storage } from 'botbuilder-core';

/**
 * A botbuilder `Storage` that can also hand over and accept an item as its JSON text, so bot
 * state can be loaded with one `JSON.parse` and saved with the one `JSON.stringify` that change
 * detection already makes (LeanConversationState), instead of the object copies, parses and
 * stringifies of `read`/`write` on top of that.
 *
 * The text is exactly `JSON.stringify` of the item without its `eTag`: the same text as the
 * change-detection snapshot, so what was read can be compared with what the turn would write.
 */
export interface JsonStateStorage extends Storage {
  /** The item's JSON text (never with an `eTag`), or undefined when there is no such item. */
  readStateJson(key: string): Promise<string | undefined>;
  /**
   * Stores `json` (the item without `eTag`) unconditionally: last writer wins, like a `write`
   * with eTag `'*'`. The item gets a new eTag, so a `write` holding the old one is rejected.
   */
  writeStateJson(key: string, json: string): Promise<void>;
}

/** Whether `storage` offers the JSON text path (RedisStorage and ResilientStorage do not). */
export function isJsonStateStorage(storage: Storage): storage is JsonStateStorage {
  const candidate = storage as Partial<JsonStateStorage>;
  return typeof candidate.readStateJson === 'function' && typeof candidate.writeStateJson === 'function';
}

/**
 * The text of a state item in that format: its native JSON without the `eTag`. It is both what
 * a JsonStateStorage keeps and what LeanConversationState compares to detect a change.
 * botbuilder's `calculateChangeHash` does the same with botbuilder-stdlib's `stringify` (a JS
 * replacer called for every key, then SHA-256), three times per turn; our state is plain data
 * (no cycles, no `_replacer`), so the native serialisation is the same text, several times
 * cheaper, and comparing the strings needs no hash.
 */
export function stateJson(item: object): string {
  if (!Object.prototype.hasOwnProperty.call(item, 'eTag')) return JSON.stringify(item);
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { eTag, ...rest } = item as Record<string, unknown>;
  return JSON.stringify(rest);
}
