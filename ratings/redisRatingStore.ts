import type { RedisClientType } from 'redis';
import type { AddReasonResult, NewRating, Rating, RecordResult, TimeRange } from './rating';
import { RatingNotFoundError } from './ratingErrors';
import { hGetAllMany, purgeIndexedBefore } from './redisHashBatch';
import { checkReason, cleanComment, commentMaxLength, prepareRating } from './ratingInput';
import type { RatingStore, RatingStoreOptions } from './ratingStore';

export type RatingRedisClient = Pick<
  RedisClientType,
  'eval' | 'hGet' | 'hmGet' | 'hSetNX' | 'exists' | 'del' | 'zRangeByScore' | 'zRem'
>;

export interface RedisRatingStoreOptions extends RatingStoreOptions {
  /** Key prefix, e.g. "la:"; ratings live under `<prefix>rating:` and `<prefix>ratings:bystart`. */
  prefix: string;
}

/**
 * Creates the rating only if the conversation has none, and indexes it by conversation start,
 * in one step: concurrent clicks on several processes store exactly one rating.
 */
const RECORD_SCRIPT = `
if redis.call('HSETNX', KEYS[1], 'data', ARGV[1]) == 1 then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0`;

/**
 * Ratings in Redis: one hash per conversation (`data` is the rating as given with the face,
 * `reason` the later reason, set once with HSETNX) and a sorted set by conversation start time
 * for reports and retention.
 */
export class RedisRatingStore implements RatingStore {
  private readonly now: () => number;

  constructor(
    private readonly client: RatingRedisClient,
    private readonly options: RedisRatingStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async record(input: NewRating): Promise<RecordResult> {
    const rating = prepareRating(input, this.options, this.now());
    const created = await this.client.eval(RECORD_SCRIPT, {
      keys: [this.ratingKey(rating.conversationId), this.indexKey()],
      arguments: [
        JSON.stringify(rating),
        String(Date.parse(rating.conversationStartedAt)),
        rating.conversationId,
      ],
    });
    if (created === 1) return { rating, created: true };
    const existing = await this.get(rating.conversationId);
    if (!existing) throw new RatingNotFoundError(rating.conversationId); // purged in between
    return { rating: existing, created: false };
  }

  async addReason(conversationId: string, code: string, comment?: string): Promise<AddReasonResult> {
    const current = await this.get(conversationId);
    if (!current) throw new RatingNotFoundError(conversationId);
    // The face never changes once stored, so checking it before the atomic HSETNX is safe.
    checkReason(this.options, conversationId, current.face, code);
    if (current.reason !== undefined) return { rating: current, updated: false };
    const reason: Pick<Rating, 'reason' | 'reasonAt' | 'comment'> = {
      reason: code,
      reasonAt: new Date(this.now()).toISOString(),
    };
    const cleaned = cleanComment(comment, commentMaxLength(this.options));
    if (cleaned !== undefined) reason.comment = cleaned;
    const set = await this.client.hSetNX(this.ratingKey(conversationId), 'reason', JSON.stringify(reason));
    if (Number(set) !== 1) {
      const winner = await this.get(conversationId);
      if (!winner) throw new RatingNotFoundError(conversationId);
      return { rating: winner, updated: false };
    }
    return { rating: { ...current, ...reason }, updated: true };
  }

  async hasRated(conversationId: string): Promise<boolean> {
    return (await this.client.exists(this.ratingKey(conversationId))) === 1;
  }

  async get(conversationId: string): Promise<Rating | undefined> {
    const [data, reason] = await this.client.hmGet(this.ratingKey(conversationId), ['data', 'reason']);
    return typeof data === 'string' ? merge(data, reason) : undefined;
  }

  async list(range: TimeRange): Promise<Rating[]> {
    const ids = await this.client.zRangeByScore(
      this.indexKey(),
      range.from.getTime(),
      `(${range.to.getTime()}`,
    );
    const hashes = await hGetAllMany(
      this.client,
      ids.map((id) => this.ratingKey(String(id))),
    );
    const out: Rating[] = [];
    for (const { data, reason } of hashes) if (typeof data === 'string') out.push(merge(data, reason));
    return out;
  }

  async purgeOlderThan(date: Date): Promise<number> {
    return purgeIndexedBefore(this.client, this.indexKey(), (id) => this.ratingKey(id), date);
  }

  private ratingKey(conversationId: string): string {
    return `${this.options.prefix}rating:${conversationId}`;
  }

  private indexKey(): string {
    return `${this.options.prefix}ratings:bystart`;
  }
}

function merge(data: string, reason: unknown): Rating {
  const rating = JSON.parse(data) as Rating;
  return typeof reason === 'string' ? { ...rating, ...(JSON.parse(reason) as Partial<Rating>) } : rating;
}
