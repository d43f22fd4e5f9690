export const DEFAULT_PRESENCE_TIMEOUT_MS = 60_000;

/** An operator seen recently at the console. */
export interface OnlineOperator {
  username: string;
  lastSeenAt: string;
  /** The queues the operator serves; empty means every queue. */
  queues: string[];
}

/**
 * Which operators are online, per queue, from their heartbeats: the bot checks it before
 * offering a live case ("nessun operatore disponibile" -> callback case).
 */
export interface OperatorPresence {
  /** The operator is at the console (login, periodic heartbeat, open event stream). */
  heartbeat(username: string, queues?: string[]): Promise<void>;
  /** The operator logged out. */
  offline(username: string): Promise<void>;
  /** Operators seen within the timeout, optionally only those serving `queue`. */
  online(queue?: string): Promise<OnlineOperator[]>;
  anyOnline(queue: string): Promise<boolean>;
}

export interface OperatorPresenceOptions {
  /** An operator silent for longer than this counts as offline. */
  timeoutMs?: number;
  now?: () => number;
}

export function servesQueue(op: OnlineOperator, queue: string | undefined): boolean {
  return queue === undefined || op.queues.length === 0 || op.queues.includes(queue);
}
