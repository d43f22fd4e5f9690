import { EventEmitter } from 'node:events';
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
import { activityJson } from './activityJson';

export interface MemoryDirectLineStoreOptions extends DirectLineStoreOptions {
  /**
   * Bytes (of the stored JSON, UTF-8) of activities kept per conversation, besides
   * `maxActivities`; the oldest are dropped first. See DEFAULT_MAX_BYTES_PER_CONVERSATION.
   */
  maxBytesPerConversation?: number;
  /** How often expired conversations are dropped. */
  sweepIntervalMs?: number;
  /** Beyond this many conversations the oldest one is dropped, so memory stays bounded. */
  maxConversations?: number;
  now?: () => number;
}

const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
export const DEFAULT_MAX_CONVERSATIONS = 20_000;
/**
 * The history a conversation keeps in this process's memory, by size as well as by count.
 *
 * Who reads old activities: Web Chat reconnecting (network drop, token expiry) asks from its
 * watermark, i.e. for what it missed, seconds or minutes; a page reload resumes the conversation
 * without a watermark (web/public/citizen.js) and replays the history from the start, so a whole
 * ordinary conversation must stay. One question and its answer are about 2 KB (a knowledge answer
 * is 1.4-1.8 KB), so 128 KiB keep the last ~60 exchanges, more than any citizen's conversation;
 * a count alone (`maxActivities`, 1,000 whole answers, ~2 MB) let a busy conversation hold ten
 * times that. No age bound: an hour-old exchange is still what a reload shows, a size bound is
 * what caps the memory, and idle conversations go with the conversation TTL anyway.
 *
 * The history is kept as UTF-8 bytes outside V8's heap: every activity lives about a minute, long
 * enough for the garbage collector to copy it twice and promote it, then it dies in the old
 * generation, which must be marked and compacted again and again. Measured with row d of the
 * bench, the history as strings was half of what the young generation promoted, and strings of
 * accented Italian text take two bytes a character where UTF-8 takes one. The live path does not
 * pay for it: subscribers get the JSON strings just made; only reads (a reconnect, a poll) decode.
 */
export const DEFAULT_MAX_BYTES_PER_CONVERSATION = 128 * 1024;
/** Dropped slots at the front of an activity array are compacted away in batches of this many. */
const COMPACT_AFTER = 64;

interface Entry {
  /** The conversation record as JSON, like a network store would keep it. */
  record: string;
  started: boolean;
  /** activities[head..] are kept (JSON, UTF-8); the slots before head were dropped (compacted in batches). */
  activities: (Buffer | undefined)[];
  head: number;
  /** Index (watermark) of activities[head]: older ones were dropped. */
  offset: number;
  /** Total bytes of the kept activities. */
  bytes: number;
  expiresAt: number;
}

/** The embedded default: conversations in this process's memory, subscribers on an EventEmitter. */
export class MemoryDirectLineStore implements DirectLineStore {
  private readonly entries = new Map<string, Entry>();
  private readonly events = new EventEmitter();
  private readonly ttlMs: number;
  private readonly maxActivities: number;
  private readonly maxBytes: number;
  private readonly maxConversations: number;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: MemoryDirectLineStoreOptions = {}) {
    this.ttlMs = Math.max(1, Math.round((options.ttlSeconds ?? DEFAULT_CONVERSATION_TTL_SECONDS) * 1000));
    this.maxActivities = Math.max(1, options.maxActivities ?? DEFAULT_MAX_ACTIVITIES);
    this.maxBytes = options.maxBytesPerConversation ?? DEFAULT_MAX_BYTES_PER_CONVERSATION;
    this.maxConversations = options.maxConversations ?? DEFAULT_MAX_CONVERSATIONS;
    this.now = options.now ?? Date.now;
    this.events.setMaxListeners(0);
    this.sweeper = setInterval(() => this.sweep(), options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async createConversation(conversation: DirectLineConversation): Promise<void> {
    this.entries.delete(conversation.id);
    if (this.entries.size >= this.maxConversations) {
      // Map order is creation order: the first entry is the oldest conversation.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(conversation.id, {
      record: JSON.stringify(conversation),
      started: false,
      activities: [],
      head: 0,
      offset: 0,
      bytes: 0,
      expiresAt: this.now() + this.ttlMs,
    });
  }

  async getConversation(id: string): Promise<DirectLineConversation | undefined> {
    const entry = this.live(id);
    return entry ? (JSON.parse(entry.record) as DirectLineConversation) : undefined;
  }

  async markStarted(id: string): Promise<boolean> {
    const entry = this.live(id);
    if (!entry) throw new ConversationNotFoundError(id);
    if (entry.started) return false;
    entry.started = true;
    return true;
  }

  async append(conversationId: string, activities: object[]): Promise<ActivityBatch> {
    const entry = this.live(conversationId);
    if (!entry) throw new ConversationNotFoundError(conversationId);
    const kept = entry.activities;
    const first = entry.offset + kept.length - entry.head;
    const added: string[] = new Array<string>(activities.length);
    for (let i = 0; i < activities.length; i++) {
      const json = activityJson(activities[i] as object, activityId(conversationId, first + i));
      added[i] = json;
      const bytes = Buffer.from(json);
      kept.push(bytes);
      entry.bytes += bytes.length;
    }
    // The oldest go first, beyond either bound; the newest activity always stays (pollers read it).
    while (
      kept.length - entry.head > 1 &&
      (kept.length - entry.head > this.maxActivities || entry.bytes > this.maxBytes)
    ) {
      entry.bytes -= kept[entry.head]?.length ?? 0;
      kept[entry.head] = undefined;
      entry.head += 1;
      entry.offset += 1;
    }
    // Amortised: one splice per COMPACT_AFTER dropped activities, not one per append.
    if (entry.head >= COMPACT_AFTER && entry.head * 2 >= kept.length) {
      kept.splice(0, entry.head);
      entry.head = 0;
    }
    entry.expiresAt = this.now() + this.ttlMs;
    const batch: ActivityBatch = { first, activities: added };
    this.events.emit(conversationId, batch);
    return batch;
  }

  async read(conversationId: string, watermark: number, limit = DEFAULT_READ_LIMIT): Promise<ActivityBatch> {
    const entry = this.live(conversationId);
    if (!entry) throw new ConversationNotFoundError(conversationId);
    const end = entry.offset + entry.activities.length - entry.head;
    const first = Math.min(Math.max(watermark, entry.offset), end);
    const start = entry.head + first - entry.offset;
    return {
      first,
      activities:
        limit > 0
          ? (entry.activities.slice(start, start + limit) as Buffer[]).map((bytes) => bytes.toString())
          : [],
    };
  }

  async subscribe(conversationId: string, listener: ActivityListener): Promise<Unsubscribe> {
    this.events.on(conversationId, listener);
    return async () => {
      this.events.off(conversationId, listener);
    };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.events.removeAllListeners();
  }

  private live(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
