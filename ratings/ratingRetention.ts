/** Anything with a retention purge: the rating store and the conversation log. */
export interface Purgeable {
  purgeOlderThan(date: Date): Promise<number>;
}

export interface RatingRetentionOptions {
  /** Keep this many days of data (RATING_RETENTION_DAYS). */
  retentionDays: number;
  /** How often start() purges (default every 6 hours). */
  intervalMs?: number;
  now?: () => number;
  logger?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export const DEFAULT_RETENTION_INTERVAL_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;

/** Deletes ratings and logged conversations that started more than `retentionDays` ago. */
export class RatingRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly targets: readonly Purgeable[],
    private readonly options: RatingRetentionOptions,
  ) {
    if (!Number.isFinite(options.retentionDays) || options.retentionDays <= 0)
      throw new RangeError('retentionDays must be > 0');
  }

  /** The oldest start time kept. */
  cutoff(): Date {
    return new Date((this.options.now ?? Date.now)() - this.options.retentionDays * DAY_MS);
  }

  /** Purges once; returns how many records went. Overlapping calls share one run. */
  runOnce(): Promise<number> {
    this.running ??= this.purge().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Purges now and then every intervalMs; the timer does not keep the process alive. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.runOnce().catch((err: unknown) =>
        this.options.logger?.error({ err }, 'rating retention purge failed'),
      );
    };
    tick();
    this.timer = setInterval(tick, this.options.intervalMs ?? DEFAULT_RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async purge(): Promise<number> {
    const cutoff = this.cutoff();
    let total = 0;
    for (const target of this.targets) total += await target.purgeOlderThan(cutoff);
    if (total > 0)
      this.options.logger?.info({ purged: total, before: cutoff.toISOString() }, 'rating retention purge');
    return total;
  }
}
