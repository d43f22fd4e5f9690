import { type CachedBotState, ConversationState, type TurnContext } from 'botbuilder-core';
import { isJsonStateStorage, stateJson } from './jsonStateStorage';

type StateObject = CachedBotState['state'];

/** The stored text as a state object; anything but a JSON object reads as an empty state. */
function parseState(json: string | undefined): StateObject {
  if (json === undefined) return {};
  const parsed: unknown = JSON.parse(json);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as StateObject)
    : {};
}

/**
 * ConversationState with cheap change detection: the state is serialised once when it is loaded
 * and once when the turn saves it (BotState: three replacer-based stringifies and hashes), and
 * nothing is written when it did not change. Everything else is BotState's: one cached
 * `{ state, hash }` per turn in turn state, property accessors, `clear`, `delete`, `get`, and
 * writes with eTag `'*'` (last writer wins; turns of one conversation are serialised by
 * TurnSerializer).
 *
 * On a JsonStateStorage (the in-memory store) the stored text is the snapshot itself: a load is
 * one `JSON.parse` (the text is the change-detection snapshot, no stringify), and a save is the
 * one `JSON.stringify` of change detection, written as is. Other stores (Redis) get objects
 * through `read`/`write`, which parse, copy and stringify again on their side.
 */
export class LeanConversationState extends ConversationState {
  private readonly cacheKey = Symbol('leanConversationState');

  override async load(context: TurnContext, force = false): Promise<StateObject> {
    const cached = context.turnState.get(this.cacheKey) as CachedBotState | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    if (isJsonStateStorage(this.storage)) {
      const json = await this.storage.readStateJson(key);
      const state = parseState(json);
      // The stored text is what `stateJson` made of this state when it was written; a missing
      // item is the empty state, whose snapshot is '{}'.
      context.turnState.set(this.cacheKey, { state, hash: json ?? '{}' } satisfies CachedBotState);
      return state;
    }
    const items = await this.storage.read([key]);
    const state = (items[key] as StateObject | undefined) ?? {};
    context.turnState.set(this.cacheKey, { state, hash: stateJson(state) } satisfies CachedBotState);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    let cached = context.turnState.get(this.cacheKey) as CachedBotState | undefined;
    let current: string | undefined;
    if (!force) {
      if (!cached) return;
      current = stateJson(cached.state);
      if (current === cached.hash) return;
    }
    const key = await this.storageKey(context);
    cached ??= { state: {}, hash: '' };
    if (isJsonStateStorage(this.storage)) {
      // The snapshot is the stored format: the state without eTag, written unconditionally.
      const json = current ?? stateJson(cached.state);
      await this.storage.writeStateJson(key, json);
      cached.hash = json;
      context.turnState.set(this.cacheKey, cached);
      return;
    }
    cached.state.eTag = '*';
    await this.storage.write({ [key]: cached.state });
    // What was written: a change made while the write was in flight is still seen as a change.
    cached.hash = current ?? stateJson(cached.state);
    context.turnState.set(this.cacheKey, cached);
  }

  override clear(context: TurnContext): Promise<void> {
    // An empty hash never matches: the cleared state is written by the next saveChanges.
    context.turnState.set(this.cacheKey, { state: {}, hash: '' } satisfies CachedBotState);
    return Promise.resolve();
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    const key = await this.storageKey(context);
    await this.storage.delete([key]);
  }

  override get(context: TurnContext): StateObject | undefined {
    const cached = context.turnState.get(this.cacheKey) as CachedBotState | undefined;
    return typeof cached === 'object' && typeof cached.state === 'object' ? cached.state : undefined;
  }
}
