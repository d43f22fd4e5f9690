import type { CaseMessage, HandoffCase } from './case';

/**
 * Case lifecycle events. `case.queued` is a new case entering its queue (creation);
 * `case.assigned` is a claim; `case.requeued` is a case taken back from a vanished operator.
 */
export type CaseEventType =
  'case.queued' | 'case.assigned' | 'case.released' | 'case.transferred' | 'case.requeued' | 'case.closed';

/** Fields every event carries, so a process can route it without reading the store. */
export interface HandoffEventBase {
  caseId: string;
  conversationId: string;
  channel: string;
  queue: string;
  /** ISO time of publication. */
  at: string;
  /** Id of the publishing process (set by the relay). */
  origin?: string;
}

export interface CaseLifecycleEvent extends HandoffEventBase {
  type: CaseEventType;
  case: HandoffCase;
  /** Who did it (operator username, "citizen", "system"). */
  by?: string;
  /** case.transferred: the queue the case came from, and the operator's note. */
  fromQueue?: string;
  note?: string;
}

/** A citizen, operator, bot or note message added to the case. */
export interface CaseMessageEvent extends HandoffEventBase {
  type: 'case.message';
  message: CaseMessage;
  /** Operator display name for operator messages. */
  operatorDisplayName?: string;
}

/** Someone is typing: the citizen (shown in the console) or the operator (sent to the citizen). */
export interface CaseTypingEvent extends HandoffEventBase {
  type: 'case.typing';
  from: 'citizen' | 'operator';
  operator?: string;
}

export type HandoffEvent = CaseLifecycleEvent | CaseMessageEvent | CaseTypingEvent;

function base(c: HandoffCase): HandoffEventBase {
  return {
    caseId: c.id,
    conversationId: c.conversationId,
    channel: c.channel,
    queue: c.queue,
    at: new Date().toISOString(),
  };
}

export function caseEvent(
  type: CaseEventType,
  c: HandoffCase,
  extra: Pick<CaseLifecycleEvent, 'by' | 'fromQueue' | 'note'> = {},
): CaseLifecycleEvent {
  return { ...base(c), type, case: c, ...extra };
}

export function messageEvent(c: HandoffCase, message: CaseMessage): CaseMessageEvent {
  const event: CaseMessageEvent = { ...base(c), type: 'case.message', message };
  if (message.from === 'operator' && c.operatorDisplayName) event.operatorDisplayName = c.operatorDisplayName;
  return event;
}

export function typingEvent(
  c: HandoffCase,
  from: 'citizen' | 'operator',
  operator?: string,
): CaseTypingEvent {
  const event: CaseTypingEvent = { ...base(c), type: 'case.typing', from };
  if (operator !== undefined) event.operator = operator;
  return event;
}
