import type { CaseMessage, HandoffCase } from '../handoff/case';

/** What the console shows live. Fed by the composition root from HandoffEvents. */
export type ConsoleEvent =
  | {
      type:
        | 'case.queued'
        | 'case.assigned'
        | 'case.released'
        | 'case.transferred'
        | 'case.requeued'
        | 'case.closed';
      case: HandoffCase;
    }
  | { type: 'case.message'; caseId: string; message: CaseMessage }
  | { type: 'case.typing'; caseId: string };

/** The pub/sub the console listens to and reports its own case changes on (across processes). */
export interface ConsoleEventBus {
  /** Calls `listener` for every event in every process; returns the unsubscribe function. */
  subscribe(listener: (event: ConsoleEvent) => void): () => void;
  publish(event: ConsoleEvent): Promise<void>;
}
