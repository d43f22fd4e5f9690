import {
  DEFAULT_PRESENCE_TIMEOUT_MS,
  type OnlineOperator,
  type OperatorPresence,
  type OperatorPresenceOptions,
  servesQueue,
} from './operatorPresence';

/** Operator presence in this process only (no REDIS_URL). */
export class MemoryOperatorPresence implements OperatorPresence {
  private readonly seen = new Map<string, { at: number; queues: string[] }>();
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(options: OperatorPresenceOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PRESENCE_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  async heartbeat(username: string, queues: string[] = []): Promise<void> {
    this.seen.set(username, { at: this.now(), queues: [...queues] });
  }

  async offline(username: string): Promise<void> {
    this.seen.delete(username);
  }

  async online(queue?: string): Promise<OnlineOperator[]> {
    const cutoff = this.now() - this.timeoutMs;
    const out: OnlineOperator[] = [];
    for (const [username, { at, queues }] of this.seen) {
      if (at < cutoff) {
        this.seen.delete(username);
        continue;
      }
      const op = { username, lastSeenAt: new Date(at).toISOString(), queues: [...queues] };
      if (servesQueue(op, queue)) out.push(op);
    }
    return out.sort((a, b) => a.username.localeCompare(b.username));
  }

  async anyOnline(queue: string): Promise<boolean> {
    return (await this.online(queue)).length > 0;
  }
}
