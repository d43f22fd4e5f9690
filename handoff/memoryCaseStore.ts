import type { CaseMessage, CaseOutcome, HandoffCase, NewCase } from './case';
import type { QueueSnapshot } from './caseStore';
import {
  type CaseStoreOptions,
  type ResolvedCaseStoreOptions,
  resolveCaseStoreOptions,
} from './caseStoreOptions';
import {
  CaseAlreadyClaimedError,
  CaseNotInQueuesError,
  CaseAlreadyOpenError,
  CaseClosedError,
  CaseNotFoundError,
  CaseNotHeldError,
  InvalidCaseTransitionError,
} from './handoffErrors';
import type { HandoffCaseStore } from './handoffCaseStore';
import type { AssignmentWaitSample } from './waitSamples';

interface StoredCase {
  case: HandoffCase;
  /** Arrival order: the queue is sorted by it, so a re-queued case gets its old place back. */
  order: number;
  queuedPosition: number;
  /** False once the case was re-queued or transferred: its wait would distort the estimate. */
  sampleable: boolean;
  seq: number;
}

/**
 * The embedded CaseStore (no REDIS_URL): one process, everything in memory, stored as JSON
 * copies so that serialisation problems show up here as they would on Redis.
 */
export class MemoryCaseStore implements HandoffCaseStore {
  private readonly options: ResolvedCaseStoreOptions;
  private readonly cases = new Map<string, string>();
  private readonly messageLog = new Map<string, string[]>();
  private readonly openByConversation = new Map<string, string>();
  private readonly heartbeats = new Map<string, number>();
  private readonly waits = new Map<string, string[]>();
  private readonly queueNames = new Set<string>();
  private order = 0;

  constructor(options: CaseStoreOptions = {}) {
    this.options = resolveCaseStoreOptions(options);
    for (const q of this.options.knownQueues) this.queueNames.add(q);
  }

  async create(input: NewCase): Promise<HandoffCase> {
    const key = conversationKey(input.channel, input.conversationId);
    const existing = this.openByConversation.get(key);
    if (existing) throw new CaseAlreadyOpenError(existing);
    const nowIso = new Date(this.options.now()).toISOString();
    const c: HandoffCase = {
      id: this.options.newId(),
      state: 'queued',
      kind: input.kind,
      queue: input.queue,
      channel: input.channel,
      conversationId: input.conversationId,
      conversationReference: input.conversationReference,
      procedureId: input.procedureId,
      summary: input.summary,
      contact: input.contact,
      locale: input.locale,
      createdAt: nowIso,
      queuedAt: nowIso,
      requeues: 0,
    };
    this.order += 1;
    const record: StoredCase = { case: c, order: this.order, queuedPosition: 0, sampleable: true, seq: 0 };
    this.write(record);
    record.queuedPosition = this.waitingIn(input.queue).length;
    this.messageLog.set(c.id, []);
    for (const line of input.transcript) this.append(record, line);
    this.write(record);
    this.openByConversation.set(key, c.id);
    this.queueNames.add(input.queue);
    return clone(c);
  }

  async get(caseId: string): Promise<HandoffCase | undefined> {
    return this.read(caseId)?.case;
  }

  async openCaseFor(channel: string, conversationId: string): Promise<HandoffCase | undefined> {
    const id = this.openByConversation.get(conversationKey(channel, conversationId));
    return id === undefined ? undefined : this.read(id)?.case;
  }

  async claim(
    caseId: string,
    operator: string,
    operatorDisplayName: string,
    queues?: readonly string[],
  ): Promise<HandoffCase> {
    const record = this.mustRead(caseId);
    const c = record.case;
    if (c.state === 'closed') throw new CaseClosedError(caseId, 'claim');
    if (c.state === 'assigned') throw new CaseAlreadyClaimedError(caseId, c.operator);
    if (queues && !queues.includes(c.queue)) throw new CaseNotInQueuesError(caseId, c.queue);
    const now = this.options.now();
    c.state = 'assigned';
    c.operator = operator;
    c.operatorDisplayName = operatorDisplayName;
    c.assignedAt = new Date(now).toISOString();
    this.heartbeats.set(operator, now);
    if (record.sampleable) {
      const waitMs = Math.max(0, now - Date.parse(c.queuedAt));
      const sample: AssignmentWaitSample = {
        at: c.assignedAt,
        waitMs,
        perPositionMs: Math.round(waitMs / Math.max(1, record.queuedPosition)),
      };
      const list = [JSON.stringify(sample), ...(this.waits.get(c.queue) ?? [])];
      this.waits.set(c.queue, list.slice(0, this.options.waitSampleWindow));
      record.sampleable = false;
    }
    this.write(record);
    return clone(c);
  }

  async heartbeat(operator: string): Promise<void> {
    this.heartbeats.set(operator, this.options.now());
  }

  async requeueExpired(): Promise<HandoffCase[]> {
    const cutoff = this.options.now() - this.options.heartbeatTimeoutMs;
    const requeued: HandoffCase[] = [];
    for (const raw of this.cases.values()) {
      const record = JSON.parse(raw) as StoredCase;
      const op = record.case.operator;
      if (record.case.state !== 'assigned' || op === undefined) continue;
      const seen = this.heartbeats.get(op) ?? 0;
      if (seen >= cutoff) continue;
      this.requeue(record);
      requeued.push(clone(record.case));
    }
    for (const [op, seen] of this.heartbeats) if (seen < cutoff) this.heartbeats.delete(op);
    return requeued;
  }

  async release(caseId: string, operator: string): Promise<HandoffCase> {
    const record = this.mustRead(caseId);
    const c = record.case;
    if (c.state === 'closed') throw new CaseClosedError(caseId, 'release');
    if (c.state !== 'assigned' || c.operator !== operator)
      throw new CaseNotHeldError(caseId, c.state, operator);
    this.requeue(record);
    return clone(c);
  }

  async transfer(caseId: string, toQueue: string, by: string, note?: string): Promise<HandoffCase> {
    const record = this.mustRead(caseId);
    const c = record.case;
    if (c.state === 'closed') throw new CaseClosedError(caseId, 'transfer');
    if (c.queue === toQueue)
      throw new InvalidCaseTransitionError(caseId, 'transfer', c.state, `already in ${toQueue}`);
    c.state = 'queued';
    c.queue = toQueue;
    delete c.operator;
    delete c.operatorDisplayName;
    delete c.assignedAt;
    record.sampleable = false;
    if (note !== undefined && note.trim() !== '') {
      this.append(record, {
        from: 'note',
        text: note,
        at: new Date(this.options.now()).toISOString(),
        operator: by,
      });
    }
    this.write(record);
    this.queueNames.add(toQueue);
    return clone(c);
  }

  async close(caseId: string, outcome: CaseOutcome, _by: string): Promise<HandoffCase> {
    const record = this.mustRead(caseId);
    const c = record.case;
    if (c.state === 'closed') throw new CaseClosedError(caseId, 'close');
    c.state = 'closed';
    c.outcome = outcome;
    c.closedAt = new Date(this.options.now()).toISOString();
    this.write(record);
    this.openByConversation.delete(conversationKey(c.channel, c.conversationId));
    return clone(c);
  }

  async appendMessage(caseId: string, message: Omit<CaseMessage, 'seq'>): Promise<CaseMessage> {
    return (await this.appendMessageToCase(caseId, message)).message;
  }

  async appendMessageToCase(
    caseId: string,
    message: Omit<CaseMessage, 'seq'>,
  ): Promise<{ message: CaseMessage; case: HandoffCase }> {
    const record = this.mustRead(caseId);
    if (record.case.state === 'closed') throw new CaseClosedError(caseId, 'add a message to');
    const stored = this.append(record, message);
    this.write(record);
    return { message: stored, case: clone(record.case) };
  }

  async messages(caseId: string, afterSeq = 0): Promise<CaseMessage[]> {
    const log = this.messageLog.get(caseId);
    if (!log) throw new CaseNotFoundError(caseId);
    return log.slice(Math.max(0, afterSeq)).map((raw) => JSON.parse(raw) as CaseMessage);
  }

  async queues(): Promise<QueueSnapshot[]> {
    const now = this.options.now();
    return [...this.queueNames].sort().map((queue) => {
      const waiting = this.waitingIn(queue).map((r) => r.case);
      const first = waiting[0];
      return { queue, waiting, oldestWaitMs: first ? Math.max(0, now - Date.parse(first.queuedAt)) : 0 };
    });
  }

  async position(caseId: string): Promise<number | undefined> {
    const record = this.read(caseId);
    if (!record || record.case.state !== 'queued') return undefined;
    return this.waitingIn(record.case.queue).findIndex((r) => r.case.id === caseId) + 1;
  }

  async assignedTo(operator: string): Promise<HandoffCase[]> {
    return this.all()
      .filter((r) => r.case.state === 'assigned' && r.case.operator === operator)
      .sort((a, b) => a.order - b.order)
      .map((r) => r.case);
  }

  async recentAssignmentWaits(queue: string): Promise<AssignmentWaitSample[]> {
    return (this.waits.get(queue) ?? []).map((raw) => JSON.parse(raw) as AssignmentWaitSample);
  }

  private requeue(record: StoredCase): void {
    const c = record.case;
    c.state = 'queued';
    delete c.operator;
    delete c.operatorDisplayName;
    delete c.assignedAt;
    c.requeues += 1;
    record.sampleable = false;
    this.write(record);
  }

  private append(record: StoredCase, message: Omit<CaseMessage, 'seq'>): CaseMessage {
    record.seq += 1;
    const stored: CaseMessage = { seq: record.seq, ...message };
    const log = this.messageLog.get(record.case.id) ?? [];
    log.push(JSON.stringify(stored));
    this.messageLog.set(record.case.id, log);
    return clone(stored);
  }

  private waitingIn(queue: string): StoredCase[] {
    return this.all()
      .filter((r) => r.case.state === 'queued' && r.case.queue === queue)
      .sort((a, b) => a.order - b.order);
  }

  private all(): StoredCase[] {
    return [...this.cases.values()].map((raw) => JSON.parse(raw) as StoredCase);
  }

  private read(caseId: string): StoredCase | undefined {
    const raw = this.cases.get(caseId);
    return raw === undefined ? undefined : (JSON.parse(raw) as StoredCase);
  }

  private mustRead(caseId: string): StoredCase {
    const record = this.read(caseId);
    if (!record) throw new CaseNotFoundError(caseId);
    return record;
  }

  private write(record: StoredCase): void {
    this.cases.set(record.case.id, JSON.stringify(record));
  }
}

function conversationKey(channel: string, conversationId: string): string {
  return `${channel}\n${conversationId}`;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
