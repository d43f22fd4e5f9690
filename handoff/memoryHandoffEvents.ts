import type { HandoffEvent } from './handoffEvent';
import type { HandoffEventListener, HandoffEvents } from './handoffEvents';

export interface MemoryHandoffEventsOptions {
  /** Called when a listener throws; the other listeners still get the event. */
  onListenerError?: (err: unknown, event: HandoffEvent) => void;
}

/** In-process relay (no REDIS_URL). Listeners get JSON copies, asynchronously, in publish order. */
export class MemoryHandoffEvents implements HandoffEvents {
  private readonly listeners = new Set<HandoffEventListener>();
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly options: MemoryHandoffEventsOptions = {}) {}

  async publish(event: HandoffEvent): Promise<void> {
    const raw = JSON.stringify({ ...event, origin: event.origin ?? 'memory' });
    this.tail = this.tail.then(() => {
      for (const listener of [...this.listeners]) {
        try {
          listener(JSON.parse(raw) as HandoffEvent);
        } catch (err) {
          this.options.onListenerError?.(err, event);
        }
      }
    });
  }

  subscribe(listener: HandoffEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
