/**
 * Button payloads too big for Telegram's 64-byte `callback_data`, kept under a short key until the
 * citizen presses the button. Memory and Redis implementations pass one contract suite.
 */
export interface CallbackDataStore {
  /** Stores `payload` for `ttlMs` and returns its key (URL-safe, at most 16 characters). */
  put(payload: string, ttlMs: number): Promise<string>;
  /** The payload stored under `key`, or undefined when unknown or expired. */
  get(key: string): Promise<string | undefined>;
}
