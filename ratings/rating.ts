/** The three faces of "Mettiamoci la faccia": green, yellow, red. */
export type Face = 'positive' | 'neutral' | 'negative';
export const FACES: readonly Face[] = ['positive', 'neutral', 'negative'];

/** Italian labels of the faces, as the citizen sees them. */
export const FACE_LABELS: Readonly<Record<Face, string>> = {
  positive: 'Soddisfatto',
  neutral: 'Non del tutto soddisfatto',
  negative: 'Insoddisfatto',
};

/** Whether the conversation was handled by the bot alone or reached an operator. */
export type HandledBy = 'bot' | 'operator';

export function isFace(value: unknown): value is Face {
  return value === 'positive' || value === 'neutral' || value === 'negative';
}

/** What the rating dialog knows when the citizen clicks a face. */
export interface NewRating {
  /**
   * One conversation, the same key the ConversationLog gets. Telegram's chat id stays the same for
   * every conversation with a citizen, so pass a key that changes per conversation there, e.g.
   * `${channelId}:${conversation.id}:${conversation start}`; otherwise one rating would cover them all.
   */
  conversationId: string;
  channel: string;
  face: Face;
  /** Reason code, only with a negative face (it may also come later through addReason). */
  reason?: string;
  /** Free comment; personal data is masked and the length limited before it is stored. */
  comment?: string;
  /** Knowledge-base ids of the procedures discussed. */
  procedureIds?: string[];
  queue?: string;
  operator?: string;
  handledBy: HandledBy;
  locale?: string;
  /** When the conversation started (ISO 8601); reports place the rating in that period. */
  conversationStartedAt: string;
  /** When the face was clicked (ISO 8601); the store's clock when omitted. */
  ratedAt?: string;
}

/** One stored judgment: one per conversation. */
export interface Rating {
  conversationId: string;
  channel: string;
  face: Face;
  reason?: string;
  comment?: string;
  procedureIds: string[];
  queue?: string;
  operator?: string;
  handledBy: HandledBy;
  locale?: string;
  conversationStartedAt: string;
  ratedAt: string;
  /** When the reason was given, if it came after the face. */
  reasonAt?: string;
}

/** The outcome of record(): `created` is false when the conversation had already been rated. */
export interface RecordResult {
  rating: Rating;
  created: boolean;
}

/** The outcome of addReason(): `updated` is false when a reason was already there. */
export interface AddReasonResult {
  rating: Rating;
  updated: boolean;
}

/** A half-open time range [from, to) on the conversation start time. */
export interface TimeRange {
  from: Date;
  to: Date;
}
