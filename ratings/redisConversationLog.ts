import type { RedisClientType } from 'redis';
import type { ConversationLog, ConversationLogOptions } from './conversationLog';
import type { ConversationRecord, ConversationStart } from './conversationRecord';
import { checkDuration, checkId, eventTime } from './conversationEventInput';
import type { TimeRange } from './rating';
import { hGetAllMany, purgeIndexedBefore } from './redisHashBatch';

export type ConversationLogRedisClient = Pick<
  RedisClientType,
  'eval' | 'hSetNX' | 'hIncrBy' | 'hGetAll' | 'zAdd' | 'zRangeByScore' | 'zRem' | 'del'
>;

export interface RedisConversationLogOptions extends ConversationLogOptions {
  /** Key prefix, e.g. "la:"; records live under `<prefix>convlog:` and `<prefix>convlogs:bystart`. */
  prefix: string;
}

const PROC = 'proc:';

/**
 * The conversation log in Redis: one hash per conversation whose "first value wins" fields are
 * written with HSETNX (atomic, so replays and concurrent processes cannot overwrite them), plus a
 * sorted set by start time for reports and retention.
 */
export class RedisConversationLog implements ConversationLog {
  private readonly now: () => number;

  constructor(
    private readonly client: ConversationLogRedisClient,
    private readonly options: RedisConversationLogOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async started(start: ConversationStart): Promise<void> {
    checkId(start.conversationId);
    const at = eventTime(start.at, this.now());
    const value: { channel: string; locale?: string; at: string } = { channel: start.channel, at };
    if (start.locale) value.locale = start.locale;
    const key = this.key(start.conversationId);
    const first = await this.client.hSetNX(key, 'start', JSON.stringify(value));
    await this.client.hSetNX(key, 'firstSeen', at);
    // The logged start wins over an earlier event's time for the index.
    await this.client.zAdd(
      this.indexKey(),
      { score: Date.parse(at), value: start.conversationId },
      Number(first) === 1 ? undefined : { condition: 'NX' },
    );
  }

  async botAnswered(conversationId: string, procedureId?: string, at?: string): Promise<void> {
    const when = await this.touch(conversationId, at);
    const key = this.key(conversationId);
    await Promise.all([
      this.client.hIncrBy(key, 'answers', 1),
      procedureId ? this.client.hSetNX(key, `${PROC}${procedureId}`, String(Date.parse(when))) : undefined,
    ]);
  }

  async escalated(conversationId: string, queue: string, at?: string): Promise<void> {
    const when = await this.touch(conversationId, at);
    await this.client.hSetNX(this.key(conversationId), 'escalation', JSON.stringify({ queue, at: when }));
  }

  async operatorAssigned(
    conversationId: string,
    operator: string,
    waitMs: number,
    at?: string,
  ): Promise<void> {
    checkDuration(waitMs, 'waitMs');
    const when = await this.touch(conversationId, at);
    await this.client.hSetNX(
      this.key(conversationId),
      'assignment',
      JSON.stringify({ operator, waitMs, at: when }),
    );
  }

  async caseClosed(conversationId: string, handlingMs: number, outcome: string, at?: string): Promise<void> {
    checkDuration(handlingMs, 'handlingMs');
    const when = await this.touch(conversationId, at);
    await this.client.hSetNX(
      this.key(conversationId),
      'closing',
      JSON.stringify({ handlingMs, outcome, at: when }),
    );
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    return toRecord(conversationId, await this.client.hGetAll(this.key(conversationId)));
  }

  async list(range: TimeRange): Promise<ConversationRecord[]> {
    const ids = (
      await this.client.zRangeByScore(this.indexKey(), range.from.getTime(), `(${range.to.getTime()}`)
    ).map(String);
    const hashes = await hGetAllMany(
      this.client,
      ids.map((id) => this.key(id)),
    );
    const out: ConversationRecord[] = [];
    hashes.forEach((hash, i) => {
      const record = toRecord(ids[i] ?? '', hash);
      if (record) out.push(record);
    });
    return out;
  }

  async purgeOlderThan(date: Date): Promise<number> {
    return purgeIndexedBefore(this.client, this.indexKey(), (id) => this.key(id), date);
  }

  /** Creates the record on an event whose conversation start was not logged; returns the event time. */
  private async touch(conversationId: string, at: string | undefined): Promise<string> {
    checkId(conversationId);
    const when = eventTime(at, this.now());
    await Promise.all([
      this.client.hSetNX(this.key(conversationId), 'firstSeen', when),
      this.client.zAdd(
        this.indexKey(),
        { score: Date.parse(when), value: conversationId },
        { condition: 'NX' },
      ),
    ]);
    return when;
  }

  private key(conversationId: string): string {
    return `${this.options.prefix}convlog:${conversationId}`;
  }

  private indexKey(): string {
    return `${this.options.prefix}convlogs:bystart`;
  }
}

function parse<T>(raw: string | undefined): T | undefined {
  return raw === undefined ? undefined : (JSON.parse(raw) as T);
}

function toRecord(conversationId: string, hash: Record<string, string>): ConversationRecord | undefined {
  const start = parse<{ channel: string; locale?: string; at: string }>(hash.start);
  const startedAt = start?.at ?? hash.firstSeen;
  if (startedAt === undefined) return undefined;
  const procedures = Object.entries(hash)
    .filter(([field]) => field.startsWith(PROC))
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map(([field]) => field.slice(PROC.length));
  const record: ConversationRecord = {
    conversationId,
    channel: start?.channel ?? 'unknown',
    startedAt,
    botAnswers: Number(hash.answers ?? 0),
    procedureIds: procedures,
  };
  if (start?.locale) record.locale = start.locale;
  const escalation = parse<ConversationRecord['escalation']>(hash.escalation);
  if (escalation) record.escalation = escalation;
  const assignment = parse<ConversationRecord['assignment']>(hash.assignment);
  if (assignment) record.assignment = assignment;
  const closing = parse<ConversationRecord['closing']>(hash.closing);
  if (closing) record.closing = closing;
  return record;
}
