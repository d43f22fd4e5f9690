/**
 * The JSON text of an activity as the store keeps it: the same text as `JSON.stringify`, with
 * the store's `id` first, without serialising again what cannot have changed.
 *
 * Most of a knowledge answer (its card, buttons, channelData: 80% of its 1.7 KB) is a deep-frozen
 * template the bot sends again and again (dialogs/entryReplies.ts); botbuilder copies the
 * activity itself but not these members, so they arrive here as the very same frozen objects.
 * Their JSON is kept in a WeakMap keyed by the object: it goes when the template goes.
 */

/** JSON of deep-frozen plain objects and arrays, by identity. */
const frozenJson = new WeakMap<object, string>();
/** Frozen objects seen not to be deep-frozen plain data (not cached, and not re-checked). */
const notCacheable = new WeakSet<object>();

/** `"key":` for the member names activities use (a handful, asked for on every activity). */
const keyJson = new Map<string, string>();
const MAX_KEYS = 256;

function memberPrefix(key: string): string {
  let prefix = keyJson.get(key);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(key)}:`;
    if (keyJson.size < MAX_KEYS) keyJson.set(key, prefix);
  }
  return prefix;
}

/**
 * Whether nothing reachable from `value` can change its JSON: plain objects and arrays, all
 * frozen, with data properties only, down to primitives. A Date (mutable through setTime whatever
 * freeze says), a getter, or a class instance with a toJSON is not.
 */
function isDeepFrozenData(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (!Object.isFrozen(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if (!('value' in descriptor) || !isDeepFrozenData(descriptor.value)) return false;
  }
  return true;
}

/** Printable ASCII without `"` and `\\`: what JSON writes as it is between quotes. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** One member's JSON, or undefined when JSON.stringify would leave the member out. */
function valueJson(value: unknown): string | undefined {
  // Most members are short plain strings (type, ids, locale, channel, role): no JSON.stringify call.
  if (typeof value === 'string' && value.length <= 64 && PLAIN_ASCII.test(value)) return `"${value}"`;
  if (typeof value === 'object' && value !== null) {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'null' : `"${value.toISOString()}"`;
    if (Object.isFrozen(value) && !notCacheable.has(value)) {
      let json = frozenJson.get(value);
      if (json === undefined) {
        json = JSON.stringify(value);
        if (isDeepFrozenData(value)) frozenJson.set(value, json);
        else notCacheable.add(value);
      }
      return json;
    }
  }
  return JSON.stringify(value) as string | undefined;
}

/**
 * `JSON.stringify(activity)` with `id` as the first member (left out when undefined), whatever
 * id the activity itself carries.
 */
export function activityJson(activity: object, id?: string): string {
  let out = id === undefined ? '{' : `{"id":${JSON.stringify(id)}`;
  let separator = id === undefined ? '' : ',';
  const members = activity as Record<string, unknown>;
  for (const key of Object.keys(members)) {
    if (key === 'id') continue;
    const json = valueJson(members[key]);
    if (json === undefined) continue;
    out += separator + memberPrefix(key) + json;
    separator = ',';
  }
  return `${out}}`;
}
