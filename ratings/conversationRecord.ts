/**
 * What the service performance reports need to know about one conversation, built from the
 * events the bot and the handoff send to the ConversationLog. Plain JSON.
 */
export interface ConversationRecord {
  conversationId: string;
  /** "unknown" when events arrived without the start (e.g. logged after a restart). */
  channel: string;
  locale?: string;
  /** The start, or the first event seen when the start was never logged. */
  startedAt: string;
  /** Answers the bot gave (not counting the rating question). */
  botAnswers: number;
  /** Knowledge-base procedures the bot answered about, in first-seen order. */
  procedureIds: string[];
  /** The first hand-off to an operator queue. */
  escalation?: { queue: string; at: string };
  /** The first operator who answered, and how long the citizen waited for them. */
  assignment?: { operator: string; waitMs: number; at: string };
  /** The first closing of the case. */
  closing?: { handlingMs: number; outcome: string; at: string };
}

export interface ConversationStart {
  conversationId: string;
  channel: string;
  locale?: string;
  /** ISO 8601; the log's clock when omitted. */
  at?: string;
}
