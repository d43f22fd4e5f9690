/**
 * Runs the turns of one conversation one at a time, in the order they were queued, while
 * different conversations run concurrently. The channel does not rely on the composition root
 * serialising turns; when it does too, the two nest without waiting on each other.
 */
export class ConversationQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Queues `work`; the returned promise settles when it has run (it never rejects). */
  run(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key);
    const current = (previous ?? Promise.resolve()).then(work).catch(() => undefined);
    this.tails.set(key, current);
    void current.then(() => {
      if (this.tails.get(key) === current) this.tails.delete(key);
    });
    return current;
  }

  get size(): number {
    return this.tails.size;
  }

  /** Resolves when every turn queued so far has run (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
