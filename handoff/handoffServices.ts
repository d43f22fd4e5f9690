import type { HandoffConfig } from './handoffConfig';
import { officeHoursOptions } from './handoffConfig';
import type { HandoffCaseStore } from './handoffCaseStore';
import type { HandoffEvents } from './handoffEvents';
import { MemoryCaseStore } from './memoryCaseStore';
import { MemoryHandoffEvents } from './memoryHandoffEvents';
import { MemoryOperatorPresence } from './memoryOperatorPresence';
import { OfficeHours } from './officeHours';
import type { OperatorPresence } from './operatorPresence';
import { PositionUpdatePolicy } from './positionUpdatePolicy';
import { PublishingCaseStore } from './publishingCaseStore';
import type { HandoffRedisClient } from './redisCaller';
import { RedisCaseStore } from './redisCaseStore';
import { type HandoffSubscriberClient, RedisHandoffEvents } from './redisHandoffEvents';
import { RedisOperatorPresence } from './redisOperatorPresence';
import { RequeueTimer } from './requeueTimer';
import { WaitEstimator } from './waitEstimator';

export interface HandoffServices {
  config: HandoffConfig;
  /** Every change publishes its event on `events`. */
  cases: HandoffCaseStore;
  events: HandoffEvents;
  presence: OperatorPresence;
  officeHours: OfficeHours;
  waitEstimator: WaitEstimator;
  positionUpdates: PositionUpdatePolicy;
  requeueTimer: RequeueTimer;
  /** Subscribes to the events and starts the re-queue timer. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface HandoffServicesOptions {
  /**
   * Redis connections: `command` for scripts and PUBLISH, `subscriber` a second connection
   * (e.g. `command.duplicate()`, connected) used only for SUBSCRIBE. Omit both for the
   * in-memory embedded default (one process).
   */
  redis?: { command: HandoffRedisClient; subscriber: HandoffSubscriberClient };
  /** Key prefix, e.g. "la:handoff:". */
  prefix?: string;
  /** Overrides config.heartbeatTimeoutSeconds (HANDOFF_HEARTBEAT_TIMEOUT_SECONDS). */
  heartbeatTimeoutSeconds?: number;
  /** `origin` of this process's events (random by default): a listener can tell its own changes. */
  processId?: string;
  /** Background failures: a re-queue round or a relay listener. */
  onError?: (err: unknown, context: string) => void;
}

/** Builds the handoff collaborators from the configuration; the composition root calls it once. */
export function createHandoffServices(
  config: HandoffConfig,
  options: HandoffServicesOptions = {},
): HandoffServices {
  const prefix = options.prefix ?? 'la:handoff:';
  const storeOptions = {
    heartbeatTimeoutMs: (options.heartbeatTimeoutSeconds ?? config.heartbeatTimeoutSeconds) * 1000,
    waitSampleWindow: config.waitEstimate.window,
    knownQueues: Object.keys(config.queues),
  };
  const presenceOptions = { timeoutMs: config.presenceTimeoutSeconds * 1000 };
  const onError = options.onError ?? (() => undefined);

  let cases: HandoffCaseStore;
  let events: HandoffEvents;
  let presence: OperatorPresence;
  let redisEvents: RedisHandoffEvents | undefined;
  if (options.redis) {
    redisEvents = new RedisHandoffEvents(options.redis.command, options.redis.subscriber, {
      prefix,
      ...(options.processId ? { processId: options.processId } : {}),
      onListenerError: (err) => onError(err, 'handoff event listener'),
    });
    events = redisEvents;
    cases = new RedisCaseStore(options.redis.command, {
      ...storeOptions,
      prefix,
      publishEvents: true,
      ...(options.processId ? { processId: options.processId } : {}),
    });
    presence = new RedisOperatorPresence(options.redis.command, { ...presenceOptions, prefix });
  } else {
    events = new MemoryHandoffEvents({ onListenerError: (err) => onError(err, 'handoff event listener') });
    cases = new PublishingCaseStore(new MemoryCaseStore(storeOptions), events, {
      onPublishError: (err) => onError(err, 'handoff event publish'),
    });
    presence = new MemoryOperatorPresence(presenceOptions);
  }
  const requeueTimer = new RequeueTimer(cases, {
    intervalMs: config.requeueIntervalSeconds * 1000,
    onError: (err) => onError(err, 'handoff requeue'),
  });

  return {
    config,
    cases,
    events,
    presence,
    officeHours: new OfficeHours(officeHoursOptions(config)),
    waitEstimator: new WaitEstimator(cases, {
      defaultMinutesPerPosition: config.waitEstimate.defaultMinutesPerPosition,
    }),
    positionUpdates: new PositionUpdatePolicy({
      minIntervalMs: config.positionUpdates.minIntervalSeconds * 1000,
    }),
    requeueTimer,
    async start() {
      await redisEvents?.start();
      requeueTimer.start();
    },
    async stop() {
      await requeueTimer.stop();
      await redisEvents?.stop();
    },
  };
}
