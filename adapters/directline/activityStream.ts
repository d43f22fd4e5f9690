import {
  type ActivityBatch,
  activitySetJson,
  type DirectLineStore,
  type Unsubscribe,
} from './directLineStore';

/**
 * Feeds one client (a WebSocket) the activities of a conversation from a watermark on: first
 * what is stored, then what is appended by any process, each activity exactly once and in order.
 * It subscribes before reading, buffers what arrives during the read, and reads again when it
 * sees a gap (e.g. a pub/sub message lost while Redis reconnected).
 */
export class ActivityStream {
  private next: number;
  private buffered: ActivityBatch[] | undefined = [];
  private unsubscribe: Unsubscribe | undefined;
  private closed = false;
  private outgoing: string[] = [];
  private outgoingFirst = 0;
  private flushScheduled = false;

  constructor(
    private readonly store: DirectLineStore,
    readonly conversation: string,
    watermark: number,
    /** Receives `{"activities":[...],"watermark":"N"}`. */
    private readonly send: (activitySet: string) => void,
    private readonly onError: (err: unknown) => void,
  ) {
    this.next = watermark;
  }

  /** The watermark after the last activity sent. */
  get watermark(): number {
    return this.next;
  }

  async start(): Promise<void> {
    const unsubscribe = await this.store.subscribe(this.conversation, (batch) => this.onBatch(batch));
    if (this.closed) return unsubscribe();
    this.unsubscribe = unsubscribe;
    await this.catchUp();
  }

  async stop(): Promise<void> {
    this.closed = true;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    if (unsubscribe) await unsubscribe();
  }

  private onBatch(batch: ActivityBatch): void {
    if (this.closed) return;
    if (this.buffered) {
      this.buffered.push(batch);
    } else if (batch.first > this.next) {
      this.buffered = [batch];
      this.catchUp().catch((err: unknown) => this.fail(err));
    } else {
      this.deliver(batch);
    }
  }

  /** Reads from the store until the buffered live batches connect to what was sent. */
  private async catchUp(): Promise<void> {
    for (;;) {
      const stored = await this.store.read(this.conversation, this.next);
      if (this.closed) return;
      // A watermark beyond the end restarts from the real end; one before the oldest activity
      // kept restarts from that one (what is already queued goes first, with its own watermark).
      if (stored.first !== this.next) {
        this.flush();
        this.next = stored.first;
      }
      this.deliver(stored);
      const pending = this.buffered ?? [];
      let gap = false;
      while (pending.length > 0) {
        const batch = pending[0];
        if (!batch) break;
        if (batch.first > this.next) {
          gap = true;
          break;
        }
        pending.shift();
        this.deliver(batch);
      }
      if (!gap) {
        this.buffered = undefined;
        return;
      }
    }
  }

  private deliver(batch: ActivityBatch): void {
    const end = batch.first + batch.activities.length;
    if (end <= this.next || this.closed) return;
    const skip = this.next - batch.first;
    if (this.outgoing.length === 0) this.outgoingFirst = this.next;
    for (let i = Math.max(0, skip); i < batch.activities.length; i++)
      this.outgoing.push(batch.activities[i] as string);
    this.next = end;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // From a promise job, a tick runs only once the whole microtask queue has drained.
      queueMicrotask(() => process.nextTick(this.flush));
    }
  }

  /**
   * Sends what was delivered as one activity set, once the promise jobs running now are done
   * (a tick scheduled from a promise job runs after the microtask queue drains): a turn on the
   * in-memory stores runs entirely in promise jobs, so the echo of a question and its answer
   * travel in one frame (one socket write instead of two), and the frame leaves as soon as that
   * turn ends. A flush at setImmediate also waited for every other request read in the same
   * event loop iteration, up to 50 turns when Web Chat conversations arrive together.
   */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.closed || this.outgoing.length === 0) return;
    const activities = this.outgoing;
    this.outgoing = [];
    this.send(activitySetJson({ first: this.outgoingFirst, activities }));
  };

  private fail(err: unknown): void {
    if (!this.closed) this.onError(err);
  }
}
