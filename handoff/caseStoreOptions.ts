import { randomUUID } from 'node:crypto';

export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 60_000;
export const DEFAULT_WAIT_SAMPLE_WINDOW = 20;
export const DEFAULT_CLOSED_RETENTION_SECONDS = 90 * 24 * 3600;

/** Options common to every CaseStore implementation. */
export interface CaseStoreOptions {
  /** An operator silent for longer than this loses their cases to the queue. */
  heartbeatTimeoutMs?: number;
  /** How many recent assignment waits per queue feed the wait estimate. */
  waitSampleWindow?: number;
  /** Queues listed by `queues()` even when they never had a case. */
  knownQueues?: string[];
  /** Closed cases and their messages are deleted after this many seconds (Redis); 0 keeps them. */
  closedRetentionSeconds?: number;
  /** The clock (tests move it forward). */
  now?: () => number;
  newId?: () => string;
}

export interface ResolvedCaseStoreOptions {
  heartbeatTimeoutMs: number;
  waitSampleWindow: number;
  knownQueues: string[];
  closedRetentionSeconds: number;
  now: () => number;
  newId: () => string;
}

export function resolveCaseStoreOptions(options: CaseStoreOptions = {}): ResolvedCaseStoreOptions {
  return {
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS,
    waitSampleWindow: options.waitSampleWindow ?? DEFAULT_WAIT_SAMPLE_WINDOW,
    knownQueues: options.knownQueues ?? [],
    closedRetentionSeconds: options.closedRetentionSeconds ?? DEFAULT_CLOSED_RETENTION_SECONDS,
    now: options.now ?? Date.now,
    newId: options.newId ?? randomUUID,
  };
}
