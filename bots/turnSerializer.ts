/**
 * Runs the turns of one conversation one at a time, in arrival order, while different
 * conversations run concurrently. Without it a burst of messages races on conversation state
 * (last write wins) and answers can overtake each other.
 */
export class TurnSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return current;
  }

  /** Conversations with a turn in flight or waiting. */
  get busy(): number {
    return this.tails.size;
  }

  /** Resolves when every turn queued so far has finished (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
