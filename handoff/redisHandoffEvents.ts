import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { HandoffEvent } from './handoffEvent';
import type { HandoffEventListener, HandoffEvents } from './handoffEvents';
import { handoffEventsChannel } from './handoffEventsChannel';
import { DEFAULT_COMMAND_TIMEOUT_MS, type HandoffRedisClient, RedisCaller, RedisScript } from './redisCaller';

/** A dedicated connection for SUBSCRIBE (a subscribed connection cannot run other commands). */
export type HandoffSubscriberClient = Pick<RedisClientType, 'subscribe' | 'unsubscribe'>;

export interface RedisHandoffEventsOptions {
  /** Prepended to the channel name, e.g. "la:handoff:". */
  prefix: string;
  commandTimeoutMs?: number;
  /** Called when a listener throws or a message cannot be parsed. */
  onListenerError?: (err: unknown) => void;
  /** Identifies this process in `origin`; random by default. */
  processId?: string;
}

const PUBLISH = new RedisScript('publish', `return redis.call('PUBLISH', KEYS[1], ARGV[1])`);

/**
 * Case events over Redis pub/sub on one channel, with one subscriber connection per process.
 * Order: Redis delivers the messages of one publishing connection in the order they were sent,
 * so the events of a case published by one process arrive everywhere in that order.
 * Pub/sub is fire-and-forget: the case store stays the source of truth, and a process that
 * reconnects re-reads `messages(caseId, lastSeq)` to catch up.
 */
export class RedisHandoffEvents implements HandoffEvents {
  private readonly listeners = new Set<HandoffEventListener>();
  private readonly caller: RedisCaller;
  private readonly channel: string;
  private readonly processId: string;
  private started = false;

  constructor(
    publisher: HandoffRedisClient,
    private readonly subscriber: HandoffSubscriberClient,
    private readonly options: RedisHandoffEventsOptions,
  ) {
    this.caller = new RedisCaller(publisher, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
    this.channel = handoffEventsChannel(options.prefix);
    this.processId = options.processId ?? randomUUID();
  }

  /** Subscribes the process to the channel; call once at start-up. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.subscriber.subscribe(this.channel, (message: string) => this.deliver(message));
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.subscriber.unsubscribe(this.channel);
  }

  async publish(event: HandoffEvent): Promise<void> {
    const raw = JSON.stringify({ ...event, origin: event.origin ?? this.processId });
    await this.caller.run(PUBLISH, [this.channel], [raw]);
  }

  subscribe(listener: HandoffEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private deliver(message: string): void {
    let event: HandoffEvent;
    try {
      event = JSON.parse(message) as HandoffEvent;
    } catch (err) {
      this.options.onListenerError?.(err);
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.options.onListenerError?.(err);
      }
    }
  }
}
