import type { ConversationLog, ConversationLogOptions } from './conversationLog';
import type { ConversationRecord, ConversationStart } from './conversationRecord';
import { checkDuration, checkId, eventTime } from './conversationEventInput';
import type { TimeRange } from './rating';

/**
 * Embedded default: the log in this process. Records are kept as objects, updated in place on
 * each event (the bot logs one per answer), and copied when read, so no caller shares them.
 */
export class MemoryConversationLog implements ConversationLog {
  private readonly records = new Map<string, ConversationRecord>();
  /** Whether the start itself was logged (a record may exist from a later event). */
  private readonly startLogged = new Set<string>();
  private readonly now: () => number;

  constructor(options: ConversationLogOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async started(start: ConversationStart): Promise<void> {
    checkId(start.conversationId);
    const at = eventTime(start.at, this.now());
    if (this.startLogged.has(start.conversationId)) return;
    this.startLogged.add(start.conversationId);
    const existing = this.records.get(start.conversationId);
    const record: ConversationRecord = existing ?? this.blank(start.conversationId, at);
    record.channel = start.channel;
    record.startedAt = at;
    if (start.locale) record.locale = start.locale;
    this.write(record);
  }

  async botAnswered(conversationId: string, procedureId?: string, at?: string): Promise<void> {
    const record = this.ensure(conversationId, at);
    record.botAnswers += 1;
    if (procedureId && !record.procedureIds.includes(procedureId)) record.procedureIds.push(procedureId);
    this.write(record);
  }

  async escalated(conversationId: string, queue: string, at?: string): Promise<void> {
    const record = this.ensure(conversationId, at);
    if (!record.escalation) record.escalation = { queue, at: eventTime(at, this.now()) };
    this.write(record);
  }

  async operatorAssigned(
    conversationId: string,
    operator: string,
    waitMs: number,
    at?: string,
  ): Promise<void> {
    checkDuration(waitMs, 'waitMs');
    const record = this.ensure(conversationId, at);
    if (!record.assignment) record.assignment = { operator, waitMs, at: eventTime(at, this.now()) };
    this.write(record);
  }

  async caseClosed(conversationId: string, handlingMs: number, outcome: string, at?: string): Promise<void> {
    checkDuration(handlingMs, 'handlingMs');
    const record = this.ensure(conversationId, at);
    if (!record.closing) record.closing = { handlingMs, outcome, at: eventTime(at, this.now()) };
    this.write(record);
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const record = this.records.get(conversationId);
    return record && copy(record);
  }

  async list(range: TimeRange): Promise<ConversationRecord[]> {
    const out: ConversationRecord[] = [];
    for (const record of this.records.values()) {
      const at = Date.parse(record.startedAt);
      if (at >= range.from.getTime() && at < range.to.getTime()) out.push(copy(record));
    }
    return out.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  }

  async purgeOlderThan(date: Date): Promise<number> {
    let n = 0;
    for (const [id, record] of [...this.records]) {
      if (Date.parse(record.startedAt) < date.getTime()) {
        this.records.delete(id);
        this.startLogged.delete(id);
        n++;
      }
    }
    return n;
  }

  private ensure(conversationId: string, at: string | undefined): ConversationRecord {
    checkId(conversationId);
    return this.records.get(conversationId) ?? this.blank(conversationId, eventTime(at, this.now()));
  }

  private blank(conversationId: string, at: string): ConversationRecord {
    return { conversationId, channel: 'unknown', startedAt: at, botAnswers: 0, procedureIds: [] };
  }

  /** Stores a new record; one already stored was updated in place. */
  private write(record: ConversationRecord): void {
    this.records.set(record.conversationId, record);
  }
}

/** A record is plain JSON: a copy of its arrays and nested objects is a full copy. */
function copy(record: ConversationRecord): ConversationRecord {
  const out: ConversationRecord = { ...record, procedureIds: [...record.procedureIds] };
  if (record.escalation) out.escalation = { ...record.escalation };
  if (record.assignment) out.assignment = { ...record.assignment };
  if (record.closing) out.closing = { ...record.closing };
  return out;
}
