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
  withActivityId,
} from './directLineStore';

export interface MemoryDirectLineStoreOptions extends DirectLineStoreOptions {
  /** How often expired conversations are dropped. */
  sweepIntervalMs?: number;
  /** Beyond this many conversations the oldest one is dropped, so memory stays bounded. */
  maxConversations?: number;
  now?: () => number;
}

const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
export const DEFAULT_MAX_CONVERSATIONS = 20_000;

interface Entry {
  /** The conversation record as JSON, like a network store would keep it. */
  record: string;
  started: boolean;
  activities: string[];
  /** Index of activities[0]: older ones were dropped. */
  offset: number;
  expiresAt: number;
}

/** The embedded default: conversations in this process's memory, subscribers on an EventEmitter. */
export class MemoryDirectLineStore implements DirectLineStore {
  private readonly entries = new Map<string, Entry>();
  private readonly events = new EventEmitter();
  private readonly ttlMs: number;
  private readonly maxActivities: number;
  private readonly maxConversations: number;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: MemoryDirectLineStoreOptions = {}) {
    this.ttlMs = Math.max(1, Math.round((options.ttlSeconds ?? DEFAULT_CONVERSATION_TTL_SECONDS) * 1000));
    this.maxActivities = options.maxActivities ?? DEFAULT_MAX_ACTIVITIES;
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
      offset: 0,
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
    const first = entry.offset + entry.activities.length;
    const added = activities.map((activity, i) =>
      withActivityId(JSON.stringify(activity), activityId(conversationId, first + i)),
    );
    entry.activities.push(...added);
    const excess = entry.activities.length - this.maxActivities;
    if (excess > 0) {
      entry.activities.splice(0, excess);
      entry.offset += excess;
    }
    entry.expiresAt = this.now() + this.ttlMs;
    const batch: ActivityBatch = { first, activities: added };
    this.events.emit(conversationId, batch);
    return batch;
  }

  async read(conversationId: string, watermark: number, limit = DEFAULT_READ_LIMIT): Promise<ActivityBatch> {
    const entry = this.live(conversationId);
    if (!entry) throw new ConversationNotFoundError(conversationId);
    const end = entry.offset + entry.activities.length;
    const first = Math.min(Math.max(watermark, entry.offset), end);
    const start = first - entry.offset;
    return { first, activities: limit > 0 ? entry.activities.slice(start, start + limit) : [] };
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
