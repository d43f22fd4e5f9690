/**
 * IPC between the handoff bench's runner (citizen/bot side) and its forked operator process.
 * IPC carries only control and results: every measured event travels through Redis.
 */

/** Runner → operator process. */
export type OperatorCommand =
  /** Clock check: the operator answers with its own `monotonicMs()`. */
  | { type: 'ping' }
  /**
   * Watch for `count` `case.queued` events of conversations `${tag}-…` (acknowledged with
   * `expecting`); answer `seen` when all arrived.
   */
  | { type: 'expect'; tag: string; count: number }
  /** Send what `expect` has seen so far for `tag`, even if incomplete (the runner gave up waiting). */
  | { type: 'report'; tag: string }
  /** Claim these cases as the bench operator. */
  | { type: 'claim'; caseIds: string[] }
  | { type: 'stats' };

/** Operator process → runner. */
export type OperatorReply =
  | { type: 'ready' }
  | { type: 'pong'; at: number }
  | { type: 'expecting'; tag: string }
  /** `at`: conversationId → `monotonicMs()` when the operator process received `case.queued`. */
  | { type: 'seen'; tag: string; at: Record<string, number> }
  | { type: 'claimed'; errors: number }
  | { type: 'stats'; answered: number; errors: number; rssMb: number };

/**
 * The operator answers a citizen message `text` with `text` + this separator + the
 * `monotonicMs()` at which it received it, so the runner gets the one-way time without any IPC
 * while the relay runs.
 */
export const RECEIVED_AT_SEPARATOR = '|';

/** Environment of the forked operator process. */
export const OPERATOR_ENV = { redisUrl: 'BENCH_HANDOFF_REDIS_URL', prefix: 'BENCH_HANDOFF_PREFIX' } as const;

/**
 * Milliseconds on CLOCK_MONOTONIC (`process.hrtime`), which is one clock for the whole machine:
 * readings from two processes are directly comparable, unlike `performance.now()` (per-process
 * origin) or `Date.now()` (millisecond resolution, and it can be stepped).
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function hasType(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string'
  );
}

export function isOperatorReply(message: unknown): message is OperatorReply {
  return hasType(message);
}

export function isOperatorCommand(message: unknown): message is OperatorCommand {
  return hasType(message);
}
