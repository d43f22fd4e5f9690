import type { ConversationRecord, ConversationStart } from './conversationRecord';
import type { TimeRange } from './rating';

export interface ConversationLogOptions {
  now?: () => number;
}

/**
 * Service events for the participation rate and the performance reports (point c of the
 * Province's protocol). Memory and Redis implementations pass one contract suite.
 * Idempotent where a replay must not count twice: the start, the escalation, the first
 * assignment and the closing keep their first value; the same procedure is listed once.
 * Events for a conversation whose start was not logged create it (channel "unknown").
 */
export interface ConversationLog {
  started(start: ConversationStart): Promise<void>;
  /** The bot answered; `procedureId` when the answer was about a knowledge-base procedure. */
  botAnswered(conversationId: string, procedureId?: string, at?: string): Promise<void>;
  escalated(conversationId: string, queue: string, at?: string): Promise<void>;
  operatorAssigned(conversationId: string, operator: string, waitMs: number, at?: string): Promise<void>;
  caseClosed(conversationId: string, handlingMs: number, outcome: string, at?: string): Promise<void>;
  get(conversationId: string): Promise<ConversationRecord | undefined>;
  /** Conversations started in [from, to). */
  list(range: TimeRange): Promise<ConversationRecord[]>;
  /** Retention: deletes conversations started before `date`; returns how many. */
  purgeOlderThan(date: Date): Promise<number>;
}
