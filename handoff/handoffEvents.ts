import type { HandoffEvent } from './handoffEvent';

export type HandoffEventListener = (event: HandoffEvent) => void;

/**
 * Real-time case events across processes. Every process sees every event, its own included,
 * in the order each publisher published them.
 */
export interface HandoffEvents {
  publish(event: HandoffEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: HandoffEventListener): () => void;
}
