import { createHash } from 'node:crypto';
import type { RedisConnection } from '../../storage/redisConnection';
import { activityJson } from './activityJson';
import { ConversationNotFoundError } from './conversationNotFoundError';
import {
  type ActivityBatch,
  type ActivityListener,
  activityId,
  DEFAULT_CONVERSATION_TTL_SECONDS,
  DEFAULT_MAX_ACTIVITIES,
  DEFAULT_READ_LIMIT,
  type DirectLineConversation,
  type DirectLineStore,
  type DirectLineStoreOptions,
  type Unsubscribe,
} from './directLineStore';

export interface RedisDirectLineStoreOptions extends DirectLineStoreOptions {
  /** Key prefix, e.g. "la:"; keys live under `<prefix>dl:`. */
  prefix: string;
  /**
   * The connection used for SUBSCRIBE (a subscribed connection cannot run other commands).
   * One per process is enough; by default the store duplicates `client` on first use and
   * closes that duplicate in close().
   */
  subscriber?: RedisConnection;
}

/**
 * Appends activities in one round trip: checks the conversation exists, gives each activity the
 * next index (counter `n` in the conversation hash; its id is spliced into the JSON, which is
 * never re-encoded), keeps the newest `max` activities, refreshes the TTL and publishes
 * `<first>\n<json>\n<json>...` to the conversation's channel.
 * KEYS: conversation hash, activity list. ARGV: ttl ms, channel, JSON-encoded id prefix without
 * its closing quote, max kept, activities...
 */
const APPEND_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local count = #ARGV - 4
local first = redis.call('HINCRBY', KEYS[1], 'n', count) - count
local out = {}
for i = 1, count do
  local json = ARGV[i + 4]
  local idMember = '{"id":' .. ARGV[3] .. string.format('%07d', first + i - 1) .. '"'
  if string.len(json) <= 2 then json = idMember .. '}' else json = idMember .. ',' .. string.sub(json, 2) end
  out[i] = json
end
redis.call('RPUSH', KEYS[2], unpack(out))
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('PUBLISH', ARGV[2], first .. '\\n' .. table.concat(out, '\\n'))
return first
`;

/**
 * KEYS: conversation hash, activity list. ARGV: watermark, limit. Returns {first, items} (first
 * clamped to what is kept) or nil when the conversation does not exist.
 */
const READ_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local head = n - redis.call('LLEN', KEYS[2])
local start = math.min(math.max(tonumber(ARGV[1]), head), n)
local limit = tonumber(ARGV[2])
if limit <= 0 then return {start, {}} end
return {start, redis.call('LRANGE', KEYS[2], start - head, start - head + limit - 1)}
`;

/** KEYS: conversation hash. Returns -1 (missing), 1 (first start) or 0. */
const START_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('HSETNX', KEYS[1], 's', '1')
`;

interface ChannelListeners {
  listeners: Set<ActivityListener>;
  /** Resolves once Redis confirmed the SUBSCRIBE. */
  ready: Promise<unknown>;
}

interface Script {
  source: string;
  sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * Conversations in Redis, so any process can serve any conversation: a hash per conversation,
 * a list of activity JSON per conversation (index = watermark), and pub/sub on ONE shared
 * subscriber connection per process for WebSocket streams.
 */
export class RedisDirectLineStore implements DirectLineStore {
  private readonly ttlMs: number;
  private readonly maxActivities: number;
  private readonly appendScript = script(APPEND_SCRIPT);
  private readonly readScript = script(READ_SCRIPT);
  private readonly startScript = script(START_SCRIPT);
  private subscriber: RedisConnection | undefined;
  private subscriberReady: Promise<RedisConnection> | undefined;
  private readonly ownsSubscriber: boolean;
  /** Listeners by Redis channel; the channel is subscribed while its set is not empty. */
  private readonly listeners = new Map<string, ChannelListeners>();

  constructor(
    private readonly client: RedisConnection,
    private readonly options: RedisDirectLineStoreOptions,
  ) {
    this.ttlMs = Math.max(1, Math.round((options.ttlSeconds ?? DEFAULT_CONVERSATION_TTL_SECONDS) * 1000));
    this.maxActivities = options.maxActivities ?? DEFAULT_MAX_ACTIVITIES;
    this.subscriber = options.subscriber;
    this.ownsSubscriber = !options.subscriber;
  }

  async createConversation(conversation: DirectLineConversation): Promise<void> {
    const key = this.conversationKey(conversation.id);
    await this.client
      .multi()
      .del([key, this.activitiesKey(conversation.id)])
      .hSet(key, { u: conversation.userId, t: conversation.createdAt })
      .pExpire(key, this.ttlMs)
      .exec();
  }

  async getConversation(id: string): Promise<DirectLineConversation | undefined> {
    const hash = await this.client.hGetAll(this.conversationKey(id));
    const userId = hash.u;
    const createdAt = hash.t;
    if (userId === undefined || createdAt === undefined) return undefined;
    return { id, userId, createdAt };
  }

  async markStarted(id: string): Promise<boolean> {
    const result = await this.run(this.startScript, [this.conversationKey(id)], []);
    if (result === -1) throw new ConversationNotFoundError(id);
    return result === 1;
  }

  async append(conversationId: string, activities: object[]): Promise<ActivityBatch> {
    const json = activities.map((a) => activityJson(a));
    if (json.length === 0) return this.read(conversationId, Number.MAX_SAFE_INTEGER, 0);
    const idPrefix = JSON.stringify(activityId(conversationId, 0)).slice(0, -8);
    const first = await this.run(
      this.appendScript,
      [this.conversationKey(conversationId), this.activitiesKey(conversationId)],
      [String(this.ttlMs), this.channel(conversationId), idPrefix, String(this.maxActivities), ...json],
    );
    if (typeof first !== 'number' || first < 0) throw new ConversationNotFoundError(conversationId);
    return {
      first,
      activities: json.map((a, i) => withId(a, idPrefix, first + i)),
    };
  }

  async read(conversationId: string, watermark: number, limit = DEFAULT_READ_LIMIT): Promise<ActivityBatch> {
    const reply = await this.run(
      this.readScript,
      [this.conversationKey(conversationId), this.activitiesKey(conversationId)],
      [String(Math.max(0, Math.min(watermark, Number.MAX_SAFE_INTEGER))), String(limit)],
    );
    if (!Array.isArray(reply)) throw new ConversationNotFoundError(conversationId);
    const [first, items] = reply as [number, string[]];
    return { first, activities: items };
  }

  async subscribe(conversationId: string, listener: ActivityListener): Promise<Unsubscribe> {
    const channel = this.channel(conversationId);
    let entry = this.listeners.get(channel);
    if (!entry) {
      const created: ChannelListeners = { listeners: new Set(), ready: Promise.resolve() };
      created.ready = this.connectSubscriber().then((subscriber) =>
        subscriber.subscribe(channel, (message) => this.dispatch(created, message)),
      );
      this.listeners.set(channel, created);
      entry = created;
    }
    entry.listeners.add(listener);
    const subscribed = entry;
    try {
      await subscribed.ready;
    } catch (err) {
      if (this.listeners.get(channel) === subscribed) this.listeners.delete(channel);
      throw err;
    }
    return async () => {
      if (!subscribed.listeners.delete(listener) || subscribed.listeners.size > 0) return;
      if (this.listeners.get(channel) !== subscribed) return;
      this.listeners.delete(channel);
      if (this.subscriber?.isOpen) await this.subscriber.unsubscribe(channel);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const subscriber = this.subscriber;
    if (this.ownsSubscriber && subscriber) {
      this.subscriber = undefined;
      this.subscriberReady = undefined;
      if (subscriber.isOpen) await subscriber.close();
    }
  }

  private dispatch(entry: ChannelListeners, message: string): void {
    const newline = message.indexOf('\n');
    const batch: ActivityBatch = {
      first: Number(message.slice(0, newline)),
      activities: message.slice(newline + 1).split('\n'),
    };
    for (const listener of entry.listeners) listener(batch);
  }

  private connectSubscriber(): Promise<RedisConnection> {
    if (!this.subscriberReady) {
      const subscriber = this.subscriber ?? this.client.duplicate();
      this.subscriber = subscriber;
      if (subscriber.isOpen) {
        this.subscriberReady = Promise.resolve(subscriber);
      } else {
        subscriber.on('error', () => undefined);
        this.subscriberReady = subscriber.connect().then(
          () => subscriber,
          (err: unknown) => {
            // Try again on the next subscribe instead of failing forever.
            this.subscriberReady = undefined;
            if (this.ownsSubscriber) {
              this.subscriber = undefined;
              subscriber.destroy();
            }
            throw err;
          },
        );
      }
    }
    return this.subscriberReady;
  }

  private async run(s: Script, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.client.evalSha(s.sha, { keys, arguments: args });
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.client.eval(s.source, { keys, arguments: args });
    }
  }

  private conversationKey(id: string): string {
    return `${this.options.prefix}dl:c:${id}`;
  }

  private activitiesKey(id: string): string {
    return `${this.options.prefix}dl:a:${id}`;
  }

  private channel(id: string): string {
    return `${this.options.prefix}dl:p:${id}`;
  }
}

/** The same splice as the append script, so callers get exactly what subscribers and readers get. */
function withId(json: string, idPrefix: string, index: number): string {
  const idMember = `{"id":${idPrefix}${String(index).padStart(7, '0')}"`;
  return json.length <= 2 ? `${idMember}}` : `${idMember},${json.slice(1)}`;
}
