import type { CaseMessage, CaseOutcome, HandoffCase, NewCase } from './case';

export interface QueueSnapshot {
  queue: string;
  waiting: HandoffCase[];
  /** Oldest waiting time in ms, 0 when empty. */
  oldestWaitMs: number;
}

/**
 * The queues of cases. Memory (embedded default) and Redis implementations pass one contract suite.
 * Guarantees: exactly one operator wins a claim; a claimed case whose operator stops sending
 * heartbeats returns to its queue with its messages; nothing is lost across a process restart (Redis).
 */
export interface CaseStore {
  create(input: NewCase): Promise<HandoffCase>;
  get(caseId: string): Promise<HandoffCase | undefined>;
  /** The open (queued or assigned) case of a conversation, if any. */
  openCaseFor(channel: string, conversationId: string): Promise<HandoffCase | undefined>;
  /**
   * Atomic: resolves the case for exactly one caller; others get `CaseAlreadyClaimedError`.
   * With `queues`, the claim succeeds only while the case waits in one of them, checked in the
   * same atomic step (`CaseNotInQueuesError` otherwise): a transfer between the operator's look
   * at the case and the claim cannot hand them a queue they do not serve.
   */
  claim(
    caseId: string,
    operator: string,
    operatorDisplayName: string,
    queues?: readonly string[],
  ): Promise<HandoffCase>;
  /** Operator liveness; a holder silent for longer than the timeout loses its cases to the queue. */
  heartbeat(operator: string): Promise<void>;
  /** Re-queues cases whose operator missed heartbeats; returns them. Called periodically. */
  requeueExpired(): Promise<HandoffCase[]>;
  release(caseId: string, operator: string): Promise<HandoffCase>;
  transfer(caseId: string, toQueue: string, by: string, note?: string): Promise<HandoffCase>;
  close(caseId: string, outcome: CaseOutcome, by: string): Promise<HandoffCase>;
  appendMessage(caseId: string, message: Omit<CaseMessage, 'seq'>): Promise<CaseMessage>;
  messages(caseId: string, afterSeq?: number): Promise<CaseMessage[]>;
  queues(): Promise<QueueSnapshot[]>;
  /** 1-based position of a queued case in its queue. */
  position(caseId: string): Promise<number | undefined>;
  /** Cases assigned to an operator. */
  assignedTo(operator: string): Promise<HandoffCase[]>;
}
