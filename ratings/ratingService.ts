import type { ConversationLog } from './conversationLog';
import type { AddReasonResult, Face, HandledBy, RecordResult } from './rating';
import type { RatingStore } from './ratingStore';
import { DEFAULT_RATING_REASONS, type RatingReason } from './reasons';

/** What the rating dialog knows when the citizen picks a face; the rest comes from the log. */
export interface RateInput {
  conversationId: string;
  channel: string;
  face: Face;
  locale?: string;
  /** Only with a negative face; usually given later through addReason(). */
  reason?: string;
  comment?: string;
  /** Overrides of what the conversation log says. */
  procedureIds?: string[];
  queue?: string;
  operator?: string;
  handledBy?: HandledBy;
  conversationStartedAt?: string;
}

export interface RatingServiceOptions {
  /** Must be the same list the store was built with (default DEFAULT_RATING_REASONS). */
  reasons?: readonly RatingReason[];
  now?: () => number;
}

/**
 * The one thing the rating dialog talks to: it records a face with the context the conversation
 * log already holds (start time, procedures discussed, queue, operator), so the dialog does not
 * have to carry that context itself.
 */
export class RatingService {
  readonly reasons: readonly RatingReason[];
  private readonly now: () => number;

  constructor(
    private readonly store: RatingStore,
    private readonly log: ConversationLog,
    options: RatingServiceOptions = {},
  ) {
    this.reasons = options.reasons ?? DEFAULT_RATING_REASONS;
    this.now = options.now ?? Date.now;
  }

  hasRated(conversationId: string): Promise<boolean> {
    return this.store.hasRated(conversationId);
  }

  /**
   * Records the face once per conversation: `created` is false (and nothing changes) when the
   * conversation was already rated.
   * @throws InvalidRatingError, UnknownReasonError, ReasonNotAllowedError
   */
  async rate(input: RateInput): Promise<RecordResult> {
    const record = await this.log.get(input.conversationId);
    const operator = input.operator ?? record?.assignment?.operator;
    const queue = input.queue ?? record?.escalation?.queue;
    return this.store.record({
      conversationId: input.conversationId,
      channel: input.channel,
      face: input.face,
      procedureIds: input.procedureIds ?? record?.procedureIds ?? [],
      handledBy: input.handledBy ?? (operator ? 'operator' : 'bot'),
      conversationStartedAt:
        input.conversationStartedAt ?? record?.startedAt ?? new Date(this.now()).toISOString(),
      ...((input.locale ?? record?.locale) ? { locale: input.locale ?? record?.locale } : {}),
      ...(queue ? { queue } : {}),
      ...(operator ? { operator } : {}),
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
    });
  }

  /**
   * Adds the reason (and optional comment) after a red face, once.
   * @throws RatingNotFoundError, ReasonNotAllowedError, UnknownReasonError
   */
  addReason(conversationId: string, code: string, comment?: string): Promise<AddReasonResult> {
    return this.store.addReason(conversationId, code, comment);
  }
}
