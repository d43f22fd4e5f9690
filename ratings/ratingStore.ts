import type { AddReasonResult, NewRating, Rating, RecordResult, TimeRange } from './rating';
import type { RatingReason } from './reasons';

export const DEFAULT_COMMENT_MAX_LENGTH = 500;

export interface RatingStoreOptions {
  /** Reason codes accepted after a red face (default DEFAULT_RATING_REASONS). */
  reasons?: readonly RatingReason[];
  /** Comments are cut to this many characters after masking (default 500). */
  commentMaxLength?: number;
  now?: () => number;
}

/**
 * "Mettiamoci la faccia" judgments, one per conversation. Memory and Redis implementations pass
 * one contract suite. Every range is on the conversation start time, like the conversation log,
 * so that the participation rate of a period compares like with like.
 */
export interface RatingStore {
  /**
   * Stores the rating unless the conversation already has one; a second click or a replayed
   * activity gets the first rating back and changes nothing.
   * @throws InvalidRatingError, UnknownReasonError, ReasonNotAllowedError
   */
  record(rating: NewRating): Promise<RecordResult>;
  /**
   * Adds the reason (and optional comment) to a negative rating, once.
   * @throws RatingNotFoundError, ReasonNotAllowedError, UnknownReasonError
   */
  addReason(conversationId: string, code: string, comment?: string): Promise<AddReasonResult>;
  hasRated(conversationId: string): Promise<boolean>;
  get(conversationId: string): Promise<Rating | undefined>;
  /** Ratings of conversations started in [from, to), oldest first. */
  list(range: TimeRange): Promise<Rating[]>;
  /** Retention: deletes ratings of conversations started before `date`; returns how many. */
  purgeOlderThan(date: Date): Promise<number>;
}
