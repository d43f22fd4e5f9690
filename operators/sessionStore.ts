import type { OperatorSession } from './operatorSession';

export interface SessionStoreOptions {
  /** Lifetime of a session from login (SESSION_TTL_HOURS). */
  ttlMs: number;
  now?: () => number;
}

/** Console sessions with a fixed lifetime. Memory and Redis implementations pass one contract suite. */
export interface SessionStore {
  create(username: string): Promise<OperatorSession>;
  /** The session, or undefined when unknown or expired. */
  get(id: string): Promise<OperatorSession | undefined>;
  delete(id: string): Promise<void>;
  /** Ends every session of a user (password changed, account removed); returns how many. */
  deleteForUser(username: string): Promise<number>;
}
