/** A Direct Line conversation as the store keeps it. */
export interface DirectLineConversation {
  id: string;
  /** The user the conversation's tokens are issued to. */
  userId: string;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * Consecutive activities of one conversation, already serialised as JSON (each with its `id`).
 * `first` is the index of the first one; the watermark after them is `first + activities.length`.
 * Activities stay serialised end to end so the hot path never parses and re-serialises them.
 */
export interface ActivityBatch {
  first: number;
  activities: string[];
}

export type ActivityListener = (batch: ActivityBatch) => void;

/** Stops a subscription. */
export type Unsubscribe = () => Promise<void>;

/**
 * Where Direct Line conversations and their activities live. Watermarks are activity indexes:
 * appending assigns the next indexes atomically (ids `conversationId|0000123`), so several
 * processes can serve the same conversation.
 */
export interface DirectLineStore {
  /** Creates a conversation (its activities start empty). */
  createConversation(conversation: DirectLineConversation): Promise<void>;
  getConversation(id: string): Promise<DirectLineConversation | undefined>;
  /** True only the first time it is called for a conversation: the bot greets once. */
  markStarted(id: string): Promise<boolean>;
  /**
   * Appends activities (objects without `id`), giving each the next id; refreshes the
   * conversation's TTL and notifies subscribers. Throws ConversationNotFoundError.
   */
  append(conversationId: string, activities: object[]): Promise<ActivityBatch>;
  /**
   * Activities from index `watermark` on (at most `limit`); `first` is clamped to what is kept.
   * Throws ConversationNotFoundError.
   */
  read(conversationId: string, watermark: number, limit?: number): Promise<ActivityBatch>;
  /** Calls `listener` for every batch appended to the conversation, by any process. */
  subscribe(conversationId: string, listener: ActivityListener): Promise<Unsubscribe>;
  /** Stops timers and subscriber connections the store opened itself. */
  close(): Promise<void>;
}

export interface DirectLineStoreOptions {
  /** How long a conversation is kept after its last activity. */
  ttlSeconds?: number;
  /**
   * Activities kept per conversation; older ones are dropped (ids and watermarks go on), so a
   * client flooding one conversation cannot fill the memory.
   */
  maxActivities?: number;
}

export const DEFAULT_CONVERSATION_TTL_SECONDS = 24 * 3600;
export const DEFAULT_READ_LIMIT = 1000;
export const DEFAULT_MAX_ACTIVITIES = 1000;

/** The id of the activity at `index`: `conversationId|0000123` (sortable, like Direct Line's). */
export function activityId(conversationId: string, index: number): string {
  return `${conversationId}|${String(index).padStart(7, '0')}`;
}

/** The Direct Line activity set `{"activities":[...],"watermark":"N"}`, built from JSON strings. */
export function activitySetJson(batch: ActivityBatch): string {
  return `{"activities":[${batch.activities.join(',')}],"watermark":"${batch.first + batch.activities.length}"}`;
}
