import type { AddReasonResult, NewRating, Rating, RecordResult, TimeRange } from './rating';
import { RatingNotFoundError } from './ratingErrors';
import { checkReason, cleanComment, commentMaxLength, prepareRating } from './ratingInput';
import type { RatingStore, RatingStoreOptions } from './ratingStore';

/** Embedded default: ratings in this process, kept as JSON copies to catch serialisation issues. */
export class MemoryRatingStore implements RatingStore {
  private readonly ratings = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly options: RatingStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async record(input: NewRating): Promise<RecordResult> {
    const rating = prepareRating(input, this.options, this.now());
    const existing = this.ratings.get(rating.conversationId);
    if (existing !== undefined) return { rating: JSON.parse(existing) as Rating, created: false };
    this.ratings.set(rating.conversationId, JSON.stringify(rating));
    return { rating, created: true };
  }

  async addReason(conversationId: string, code: string, comment?: string): Promise<AddReasonResult> {
    const raw = this.ratings.get(conversationId);
    if (raw === undefined) throw new RatingNotFoundError(conversationId);
    const rating = JSON.parse(raw) as Rating;
    checkReason(this.options, conversationId, rating.face, code);
    if (rating.reason !== undefined) return { rating, updated: false };
    rating.reason = code;
    rating.reasonAt = new Date(this.now()).toISOString();
    const cleaned = cleanComment(comment, commentMaxLength(this.options));
    if (cleaned !== undefined) rating.comment = cleaned;
    this.ratings.set(conversationId, JSON.stringify(rating));
    return { rating, updated: true };
  }

  async hasRated(conversationId: string): Promise<boolean> {
    return this.ratings.has(conversationId);
  }

  async get(conversationId: string): Promise<Rating | undefined> {
    const raw = this.ratings.get(conversationId);
    return raw === undefined ? undefined : (JSON.parse(raw) as Rating);
  }

  async list(range: TimeRange): Promise<Rating[]> {
    const from = range.from.getTime();
    const to = range.to.getTime();
    const out: Rating[] = [];
    for (const raw of this.ratings.values()) {
      const rating = JSON.parse(raw) as Rating;
      const at = Date.parse(rating.conversationStartedAt);
      if (at >= from && at < to) out.push(rating);
    }
    return out.sort((a, b) => Date.parse(a.conversationStartedAt) - Date.parse(b.conversationStartedAt));
  }

  async purgeOlderThan(date: Date): Promise<number> {
    let n = 0;
    for (const [id, raw] of this.ratings) {
      if (Date.parse((JSON.parse(raw) as Rating).conversationStartedAt) < date.getTime()) {
        this.ratings.delete(id);
        n++;
      }
    }
    return n;
  }
}
