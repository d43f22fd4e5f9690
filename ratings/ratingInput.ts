import { maskPersonalData } from '../nlu/piiMask';
import { type Face, isFace, type NewRating, type Rating } from './rating';
import { InvalidRatingError, ReasonNotAllowedError, UnknownReasonError } from './ratingErrors';
import { DEFAULT_COMMENT_MAX_LENGTH, type RatingStoreOptions } from './ratingStore';
import { DEFAULT_RATING_REASONS, findReason } from './reasons';

const MAX_ID_LENGTH = 512;

/** Masks personal data, then cuts: cutting first could leave half a phone number unmasked. */
export function cleanComment(comment: string | undefined, maxLength: number): string | undefined {
  if (comment === undefined) return undefined;
  const masked = maskPersonalData(comment.replace(/\s+/g, ' ').trim());
  const cut = Array.from(masked).slice(0, maxLength).join('').trim();
  return cut === '' ? undefined : cut;
}

function isoDate(value: string | undefined, field: string, fallback?: number): string {
  if (value === undefined && fallback !== undefined) return new Date(fallback).toISOString();
  const ms = value === undefined ? NaN : Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidRatingError(`${field} must be an ISO 8601 date`);
  return new Date(ms).toISOString();
}

export function checkReason(
  options: RatingStoreOptions,
  conversationId: string,
  face: Face,
  code: string,
): void {
  if (face !== 'negative') throw new ReasonNotAllowedError(conversationId);
  if (!findReason(options.reasons ?? DEFAULT_RATING_REASONS, code)) throw new UnknownReasonError(code);
}

export function commentMaxLength(options: RatingStoreOptions): number {
  return options.commentMaxLength ?? DEFAULT_COMMENT_MAX_LENGTH;
}

/** Validates a new rating and turns it into what the stores keep (shared by every implementation). */
export function prepareRating(input: NewRating, options: RatingStoreOptions, now: number): Rating {
  if (
    typeof input.conversationId !== 'string' ||
    input.conversationId === '' ||
    input.conversationId.length > MAX_ID_LENGTH
  )
    throw new InvalidRatingError('conversationId is required');
  if (typeof input.channel !== 'string' || input.channel === '')
    throw new InvalidRatingError('channel is required');
  if (!isFace(input.face)) throw new InvalidRatingError('face must be positive, neutral or negative');
  if (input.handledBy !== 'bot' && input.handledBy !== 'operator')
    throw new InvalidRatingError('handledBy must be bot or operator');
  if (input.reason !== undefined) checkReason(options, input.conversationId, input.face, input.reason);
  const comment = cleanComment(input.comment, commentMaxLength(options));
  if (comment !== undefined && input.face !== 'negative')
    throw new ReasonNotAllowedError(input.conversationId);
  const rating: Rating = {
    conversationId: input.conversationId,
    channel: input.channel,
    face: input.face,
    procedureIds: [...new Set((input.procedureIds ?? []).filter((p) => typeof p === 'string' && p !== ''))],
    handledBy: input.handledBy,
    conversationStartedAt: isoDate(input.conversationStartedAt, 'conversationStartedAt'),
    ratedAt: isoDate(input.ratedAt, 'ratedAt', now),
  };
  if (input.reason !== undefined) rating.reason = input.reason;
  if (comment !== undefined) rating.comment = comment;
  if (input.queue) rating.queue = input.queue;
  if (input.operator) rating.operator = input.operator;
  if (input.locale) rating.locale = input.locale;
  return rating;
}
