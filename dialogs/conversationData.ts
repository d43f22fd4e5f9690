import type { Lang } from '../bots/texts';
import type { Facet } from './facets';
import type { TranscriptLine } from '../storage/transcriptLog';

/** What the dialogs remember about one conversation (kept in conversation state). */
export interface ConversationData {
  /** Language of the bot's own sentences, once known. */
  lang?: Lang;
  /** The entry just discussed: follow-ups ("quanto costa?") refer to it. */
  lastProcedureId?: string;
  /**
   * Asked about before any procedure was named ("quanto costa?"): the bot asked which procedure,
   * and the answer to the next message, if it names one, shows this facet of it.
   */
  askedFacet?: Facet;
  /** Every entry answered in this conversation (for the rating report). */
  procedures: string[];
  /** Consecutive messages the bot could not answer. */
  misses: number;
  /** When the conversation started (ISO). */
  startedAt?: string;
  /**
   * Id of this conversation for ratings and reports. A channel conversation can last for months
   * (a Telegram chat): after a rating a new session starts, so each gets its own rating.
   */
  sessionId?: string;
  /** The session that ended last (a replayed rating click refers to it). */
  previousSessionId?: string;
  /** The operator case of this session, once closed (who handled it, for the rating). */
  handledCase?: { caseId: string; queue: string; operator?: string };
  /** The rating question was asked in this session (never asked twice). */
  ratingAsked?: boolean;
  /** Last time the citizen wrote (ISO), to ask the rating after a long silence. */
  lastActivityAt?: string;
  /**
   * Written by versions before the transcript log (storage/transcriptLog.ts): the bot moves it to
   * the log at the conversation's next message.
   */
  transcript?: TranscriptLine[];
}

export const CONVERSATION_DATA = 'conversationData';

export function emptyConversationData(): ConversationData {
  return { procedures: [], misses: 0 };
}

export function newSessionId(): string {
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
