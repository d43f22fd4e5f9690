/** One line of the bot conversation, as the operator who takes the case reads it. */
export interface TranscriptLine {
  from: 'citizen' | 'bot';
  text: string;
  /** ISO time the line was said. */
  at: string;
}

/** Lines kept per conversation: the operator needs the recent context, not the whole history. */
export const TRANSCRIPT_MAX_LINES = 30;

/**
 * The operator transcript of each bot conversation, append-only and kept apart from the
 * conversation state: the state is read and serialised on every turn, the transcript only when a
 * case is opened. Keys are opaque conversation keys (channel and conversation id).
 */
export interface TranscriptLog {
  /** Appends lines in order, keeping only the last `TRANSCRIPT_MAX_LINES` of the conversation. */
  append(conversationKey: string, lines: readonly TranscriptLine[]): Promise<void>;
  /** The conversation's lines, oldest first (empty for an unknown conversation). */
  read(conversationKey: string): Promise<TranscriptLine[]>;
}
