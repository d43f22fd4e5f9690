import type { Lang } from '../bots/texts';

/** What the dialogs remember about one conversation (kept in conversation state). */
export interface ConversationData {
  /** Language of the bot's own sentences, once known. */
  lang?: Lang;
  /** The entry just discussed: follow-ups ("quanto costa?") refer to it. */
  lastProcedureId?: string;
  /** Every entry answered in this conversation (for the rating report). */
  procedures: string[];
  /** Consecutive messages the bot could not answer. */
  misses: number;
  /** When the conversation started (ISO). */
  startedAt?: string;
}

export const CONVERSATION_DATA = 'conversationData';

export function emptyConversationData(): ConversationData {
  return { procedures: [], misses: 0 };
}
