import type { HandoffCase } from '../handoff/case';

/** A case as the queue lists it: no contact data, no conversation reference. */
export interface CaseSummaryView {
  id: string;
  state: HandoffCase['state'];
  kind: HandoffCase['kind'];
  queue: string;
  channel: string;
  procedureId?: string;
  summary?: string;
  queuedAt: string;
  assignedAt?: string;
  operator?: string;
  operatorDisplayName?: string;
  requeues: number;
  /** Milliseconds since the case entered the queue. */
  waitMs: number;
}

/** A case opened in the console: the summary plus contact details and outcome. */
export interface CaseDetailView extends CaseSummaryView {
  contact?: HandoffCase['contact'];
  locale?: string;
  createdAt: string;
  closedAt?: string;
  outcome?: HandoffCase['outcome'];
}

export function caseSummaryView(c: HandoffCase, now: number = Date.now()): CaseSummaryView {
  return {
    id: c.id,
    state: c.state,
    kind: c.kind,
    queue: c.queue,
    channel: c.channel,
    procedureId: c.procedureId,
    summary: c.summary,
    queuedAt: c.queuedAt,
    assignedAt: c.assignedAt,
    operator: c.operator,
    operatorDisplayName: c.operatorDisplayName,
    requeues: c.requeues,
    waitMs: Math.max(0, now - Date.parse(c.queuedAt)),
  };
}

export function caseDetailView(c: HandoffCase, now: number = Date.now()): CaseDetailView {
  return {
    ...caseSummaryView(c, now),
    contact: c.contact,
    locale: c.locale,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    outcome: c.outcome,
  };
}
