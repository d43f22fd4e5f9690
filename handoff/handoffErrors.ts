import type { CaseState } from './case';

/** The case id is unknown (never created, or expired after its retention). */
export class CaseNotFoundError extends Error {
  constructor(readonly caseId: string) {
    super(`Case ${caseId} not found`);
    this.name = 'CaseNotFoundError';
  }
}

/** An operation that the case's current state does not allow. */
export class InvalidCaseTransitionError extends Error {
  constructor(
    readonly caseId: string,
    readonly action: string,
    readonly state: CaseState,
    detail?: string,
  ) {
    super(`Case ${caseId}: cannot ${action} a case that is ${state}${detail ? ` (${detail})` : ''}`);
    this.name = 'InvalidCaseTransitionError';
  }
}

/** Another operator claimed the case first. */
export class CaseAlreadyClaimedError extends InvalidCaseTransitionError {
  constructor(
    caseId: string,
    readonly heldBy: string | undefined,
  ) {
    super(caseId, 'claim', 'assigned', 'already claimed by another operator');
    this.name = 'CaseAlreadyClaimedError';
  }
}

/**
 * A claim limited to some queues found the case in another one: it was transferred after the
 * operator saw it. Nothing changed; the case waits in `queue`.
 */
export class CaseNotInQueuesError extends Error {
  constructor(
    readonly caseId: string,
    readonly queue: string,
  ) {
    super(`Case ${caseId} is in queue ${queue}, which the claim did not allow`);
    this.name = 'CaseNotInQueuesError';
  }
}

/** The case is closed: no claim, message, release or transfer any more. */
export class CaseClosedError extends InvalidCaseTransitionError {
  constructor(caseId: string, action: string) {
    super(caseId, action, 'closed');
    this.name = 'CaseClosedError';
  }
}

/** Release by an operator who does not hold the case (or of a case nobody holds). */
export class CaseNotHeldError extends InvalidCaseTransitionError {
  constructor(
    caseId: string,
    state: CaseState,
    readonly operator: string,
  ) {
    super(caseId, 'release', state, `not held by ${operator}`);
    this.name = 'CaseNotHeldError';
  }
}

/** The conversation already has an open case; `caseId` is that case. */
export class CaseAlreadyOpenError extends Error {
  constructor(readonly caseId: string) {
    super(`The conversation already has an open case (${caseId})`);
    this.name = 'CaseAlreadyOpenError';
  }
}

/**
 * Redis cannot be reached (down, reconnecting, or too slow). Callers keep answering from the
 * knowledge base and tell citizens that operators are momentarily unreachable.
 */
export class HandoffUnavailableError extends Error {
  constructor(
    readonly operation: string,
    cause?: unknown,
  ) {
    super(
      `Handoff store unavailable during ${operation}${cause instanceof Error ? `: ${cause.message}` : ''}`,
      {
        cause,
      },
    );
    this.name = 'HandoffUnavailableError';
  }
}

/** A queue name that is not configured. */
export class UnknownQueueError extends Error {
  constructor(readonly queue: string) {
    super(`Unknown handoff queue "${queue}"`);
    this.name = 'UnknownQueueError';
  }
}
