import type { HandoffCase } from './case';
import type { CaseStore } from './caseStore';

export const DEFAULT_REQUEUE_INTERVAL_MS = 10_000;

export interface RequeueTimerOptions {
  intervalMs?: number;
  /** Cases that went back to the queue (e.g. to log them). */
  onRequeued?: (cases: HandoffCase[]) => void;
  /** A failed round (Redis down): the timer keeps going and tries again next time. */
  onError?: (err: unknown) => void;
}

/**
 * Calls `requeueExpired()` periodically. Every process may run one: the store's operation is
 * atomic, so a case is re-queued once however many processes look.
 */
export class RequeueTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Pick<CaseStore, 'requeueExpired'>,
    private readonly options: RequeueTimerOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? DEFAULT_REQUEUE_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round; overlapping calls share the round in progress. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    try {
      const cases = await this.store.requeueExpired();
      if (cases.length > 0) this.options.onRequeued?.(cases);
    } catch (err) {
      this.options.onError?.(err);
    }
  }
}
