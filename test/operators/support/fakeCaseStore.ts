import { randomUUID } from 'node:crypto';
import type { CaseMessage, CaseOutcome, HandoffCase, NewCase } from '../../../handoff/case';
import type { CaseStore, QueueSnapshot } from '../../../handoff/caseStore';

export class CaseAlreadyClaimedError extends Error {
  constructor(readonly caseId: string) {
    super(`Case ${caseId} already claimed`);
    this.name = 'CaseAlreadyClaimedError';
  }
}

/** A small in-memory CaseStore for console tests (the real ones are tested in test/handoff). */
export class FakeCaseStore implements CaseStore {
  readonly cases = new Map<string, HandoffCase>();
  readonly log = new Map<string, CaseMessage[]>();
  readonly heartbeats: string[] = [];
  onChange: (type: string, c: HandoffCase) => void = () => undefined;

  async create(input: NewCase): Promise<HandoffCase> {
    const at = new Date().toISOString();
    const c: HandoffCase = {
      id: randomUUID(),
      state: 'queued',
      kind: input.kind,
      queue: input.queue,
      channel: input.channel,
      conversationId: input.conversationId,
      conversationReference: input.conversationReference,
      procedureId: input.procedureId,
      summary: input.summary,
      contact: input.contact,
      createdAt: at,
      queuedAt: at,
      requeues: 0,
    };
    this.cases.set(c.id, c);
    this.log.set(
      c.id,
      input.transcript.map((m, i) => ({ ...m, seq: i + 1 })),
    );
    this.onChange('case.queued', c);
    return { ...c };
  }
  async get(caseId: string): Promise<HandoffCase | undefined> {
    const c = this.cases.get(caseId);
    return c && { ...c };
  }
  async openCaseFor(channel: string, conversationId: string): Promise<HandoffCase | undefined> {
    return [...this.cases.values()].find(
      (c) => c.channel === channel && c.conversationId === conversationId && c.state !== 'closed',
    );
  }
  async claim(caseId: string, operator: string, operatorDisplayName: string): Promise<HandoffCase> {
    await new Promise((r) => setImmediate(r));
    const c = this.must(caseId);
    if (c.state !== 'queued') throw new CaseAlreadyClaimedError(caseId);
    Object.assign(c, {
      state: 'assigned',
      operator,
      operatorDisplayName,
      assignedAt: new Date().toISOString(),
    });
    this.onChange('case.assigned', c);
    return { ...c };
  }
  async heartbeat(operator: string): Promise<void> {
    this.heartbeats.push(operator);
  }
  async requeueExpired(): Promise<HandoffCase[]> {
    return [];
  }
  async release(caseId: string): Promise<HandoffCase> {
    const c = this.must(caseId);
    Object.assign(c, {
      state: 'queued',
      operator: undefined,
      operatorDisplayName: undefined,
      requeues: c.requeues + 1,
    });
    this.onChange('case.released', c);
    return { ...c };
  }
  async transfer(caseId: string, toQueue: string, by: string, note?: string): Promise<HandoffCase> {
    const c = this.must(caseId);
    Object.assign(c, {
      state: 'queued',
      queue: toQueue,
      operator: undefined,
      operatorDisplayName: undefined,
    });
    if (note)
      await this.appendMessage(caseId, {
        from: 'note',
        text: note,
        at: new Date().toISOString(),
        operator: by,
      });
    this.onChange('case.transferred', c);
    return { ...c };
  }
  async close(caseId: string, outcome: CaseOutcome): Promise<HandoffCase> {
    const c = this.must(caseId);
    Object.assign(c, { state: 'closed', outcome, closedAt: new Date().toISOString() });
    this.onChange('case.closed', c);
    return { ...c };
  }
  async appendMessage(caseId: string, message: Omit<CaseMessage, 'seq'>): Promise<CaseMessage> {
    const list = this.log.get(caseId) ?? [];
    const m = { ...message, seq: list.length + 1 };
    list.push(m);
    this.log.set(caseId, list);
    return m;
  }
  async messages(caseId: string, afterSeq = 0): Promise<CaseMessage[]> {
    return (this.log.get(caseId) ?? []).filter((m) => m.seq > afterSeq);
  }
  async queues(): Promise<QueueSnapshot[]> {
    const now = Date.now();
    const byQueue = new Map<string, HandoffCase[]>();
    for (const c of this.cases.values()) {
      if (c.state !== 'queued') continue;
      byQueue.set(c.queue, [...(byQueue.get(c.queue) ?? []), { ...c }]);
    }
    return [...byQueue].map(([queue, waiting]) => ({
      queue,
      waiting,
      oldestWaitMs: Math.max(...waiting.map((c) => now - Date.parse(c.queuedAt))),
    }));
  }
  async position(caseId: string): Promise<number | undefined> {
    const c = this.cases.get(caseId);
    if (!c || c.state !== 'queued') return undefined;
    return [...this.cases.values()].filter((x) => x.queue === c.queue && x.state === 'queued').indexOf(c) + 1;
  }
  async assignedTo(operator: string): Promise<HandoffCase[]> {
    return [...this.cases.values()]
      .filter((c) => c.state === 'assigned' && c.operator === operator)
      .map((c) => ({ ...c }));
  }
  private must(caseId: string): HandoffCase {
    const c = this.cases.get(caseId);
    if (!c) throw new Error(`no case ${caseId}`);
    return c;
  }
}
