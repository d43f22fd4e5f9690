/**
 * A Linea Amica case: a conversation handed from the bot to human operators.
 * Plain JSON (no botbuilder types): the conversation reference is stored as the channel gave it.
 */
export type CaseState = 'queued' | 'assigned' | 'closed';
export type CaseKind = 'live' | 'callback';
export type CaseOutcome = 'risolto' | 'da-richiamare' | 'non-di-competenza' | 'annullato';

export interface CaseContact {
  email?: string;
  phone?: string;
  name?: string;
  consent: boolean;
}

/** One line of the conversation kept on the case: bot transcript, citizen, operator, internal notes. */
export interface CaseMessage {
  /** Monotonic per case, assigned by the store. */
  seq: number;
  from: 'citizen' | 'bot' | 'operator' | 'system' | 'note';
  text: string;
  at: string;
  /** Operator username for operator messages and notes. */
  operator?: string;
  /** Attachment names or kinds the citizen sent (content is not stored). */
  attachments?: string[];
}

export interface HandoffCase {
  id: string;
  state: CaseState;
  kind: CaseKind;
  queue: string;
  channel: string;
  conversationId: string;
  /** botbuilder ConversationReference as plain JSON, used to send proactive messages. */
  conversationReference: Record<string, unknown>;
  procedureId?: string;
  summary?: string;
  contact?: CaseContact;
  locale?: string;
  operator?: string;
  operatorDisplayName?: string;
  createdAt: string;
  queuedAt: string;
  assignedAt?: string;
  closedAt?: string;
  outcome?: CaseOutcome;
  /** Times this case went back to the queue (released, operator vanished). */
  requeues: number;
}

export interface NewCase {
  kind: CaseKind;
  queue: string;
  channel: string;
  conversationId: string;
  conversationReference: Record<string, unknown>;
  procedureId?: string;
  summary?: string;
  contact?: CaseContact;
  locale?: string;
  /** The bot transcript so far. */
  transcript: Array<Pick<CaseMessage, 'from' | 'text' | 'at'>>;
}
