import { randomUUID } from 'node:crypto';
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
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  type HandoffRedisClient,
  RedisCaller,
  hashFromFlat,
  replyArray,
} from './redisCaller';
import { handoffEventsChannel } from './handoffEventsChannel';
import * as S from './redisCaseScripts';
import type { RedisScript } from './redisCaller';
import type { HandoffCaseStore } from './handoffCaseStore';
import type { AssignmentWaitSample } from './waitSamples';

export interface RedisCaseStoreOptions extends CaseStoreOptions {
  /** Prepended to every key, e.g. "la:handoff:". */
  prefix: string;
  /**
   * Publish every change's event from inside the change's own script, on the channel that
   * RedisHandoffEvents with the same prefix listens to. Then do not wrap the store in
   * PublishingCaseStore (that would publish twice).
   */
  publishEvents?: boolean;
  /** `origin` of the published events; random by default. */
  processId?: string;
  /** A Redis call slower than this fails with HandoffUnavailableError. */
  commandTimeoutMs?: number;
}

/** The fields of a case that never change after creation, stored as one JSON value. */
type CaseData = Pick<
  HandoffCase,
  | 'id'
  | 'kind'
  | 'channel'
  | 'conversationId'
  | 'conversationReference'
  | 'procedureId'
  | 'summary'
  | 'contact'
  | 'locale'
  | 'createdAt'
>;

interface ParsedCase {
  case: HandoffCase;
  order: number;
}

/**
 * CaseStore on Redis (hashes, sorted sets and Lua scripts; see handoff/README.md for why not
 * Streams). Every operation is one script: atomic across processes, fail-fast when Redis is down.
 */
export class RedisCaseStore implements HandoffCaseStore {
  private readonly options: ResolvedCaseStoreOptions;
  private readonly caller: RedisCaller;
  private readonly scriptContext: string[];

  constructor(client: HandoffRedisClient, options: RedisCaseStoreOptions) {
    this.options = resolveCaseStoreOptions(options);
    this.scriptContext = [
      options.prefix,
      options.publishEvents ? handoffEventsChannel(options.prefix) : '',
      options.processId ?? randomUUID(),
    ];
    this.caller = new RedisCaller(client, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
  }

  async create(input: NewCase): Promise<HandoffCase> {
    const now = this.options.now();
    const nowIso = new Date(now).toISOString();
    const data: CaseData = {
      id: this.options.newId(),
      kind: input.kind,
      channel: input.channel,
      conversationId: input.conversationId,
      conversationReference: input.conversationReference,
      procedureId: input.procedureId,
      summary: input.summary,
      contact: input.contact,
      locale: input.locale,
      createdAt: nowIso,
    };
    const transcript = input.transcript.map((m) => JSON.stringify({ from: m.from, text: m.text, at: m.at }));
    const reply = await this.run(S.CREATE, [
      data.id,
      openField(input.channel, input.conversationId),
      input.queue,
      JSON.stringify(data),
      nowIso,
      String(now),
      input.conversationId,
      input.channel,
      ...transcript,
    ]);
    if (reply.status === 'open') throw new CaseAlreadyOpenError(String(reply.rest[0]));
    return this.caseOf(reply, data.id).case;
  }

  async get(caseId: string): Promise<HandoffCase | undefined> {
    const reply = await this.run(S.GET, [caseId]);
    return reply.status === 'ok' ? parseCase(reply.rest[0]).case : undefined;
  }

  async openCaseFor(channel: string, conversationId: string): Promise<HandoffCase | undefined> {
    const reply = await this.run(S.OPEN_FOR, [openField(channel, conversationId)]);
    return reply.status === 'ok' ? parseCase(reply.rest[0]).case : undefined;
  }

  async claim(
    caseId: string,
    operator: string,
    operatorDisplayName: string,
    queues?: readonly string[],
  ): Promise<HandoffCase> {
    const now = this.options.now();
    const reply = await this.run(S.CLAIM, [
      caseId,
      operator,
      operatorDisplayName,
      new Date(now).toISOString(),
      String(now),
      String(this.options.waitSampleWindow),
      // Queue names are lowercase letters, digits and "-" (handoff.yaml): "," cannot occur in one.
      queues ? `,${queues.join(',')},` : '',
    ]);
    if (reply.status === 'claimed')
      throw new CaseAlreadyClaimedError(caseId, String(reply.rest[0]) || undefined);
    if (reply.status === 'otherqueue') throw new CaseNotInQueuesError(caseId, String(reply.rest[0]));
    return this.caseOf(reply, caseId, 'claim').case;
  }

  async heartbeat(operator: string): Promise<void> {
    await this.run(S.HEARTBEAT, [operator, String(this.options.now())]);
  }

  async requeueExpired(): Promise<HandoffCase[]> {
    const now = this.options.now();
    const reply = await this.run(S.REQUEUE_EXPIRED, [
      String(now - this.options.heartbeatTimeoutMs),
      new Date(now).toISOString(),
    ]);
    return sortByOrder(replyArray(reply.rest[0], 'requeueExpired').map(parseCase));
  }

  async release(caseId: string, operator: string): Promise<HandoffCase> {
    const reply = await this.run(S.RELEASE, [caseId, operator, new Date(this.options.now()).toISOString()]);
    if (reply.status === 'notheld') throw new CaseNotHeldError(caseId, stateOf(reply.rest[0]), operator);
    return this.caseOf(reply, caseId, 'release').case;
  }

  async transfer(caseId: string, toQueue: string, by: string, note?: string): Promise<HandoffCase> {
    const at = new Date(this.options.now()).toISOString();
    const hasNote = note !== undefined && note.trim() !== '';
    const noteJson = hasNote ? JSON.stringify({ from: 'note', text: note, at, operator: by }) : '';
    const reply = await this.run(S.TRANSFER, [caseId, toQueue, noteJson, by, hasNote ? note : '', at]);
    if (reply.status === 'samequeue') {
      throw new InvalidCaseTransitionError(
        caseId,
        'transfer',
        stateOf(reply.rest[0]),
        `already in ${toQueue}`,
      );
    }
    return this.caseOf(reply, caseId, 'transfer').case;
  }

  async close(caseId: string, outcome: CaseOutcome, by: string): Promise<HandoffCase> {
    const reply = await this.run(S.CLOSE, [
      caseId,
      outcome,
      new Date(this.options.now()).toISOString(),
      String(this.options.closedRetentionSeconds),
      by,
    ]);
    return this.caseOf(reply, caseId, 'close').case;
  }

  async appendMessage(caseId: string, message: Omit<CaseMessage, 'seq'>): Promise<CaseMessage> {
    return (await this.appendMessageToCase(caseId, message)).message;
  }

  async appendMessageToCase(
    caseId: string,
    message: Omit<CaseMessage, 'seq'>,
  ): Promise<{ message: CaseMessage; case: HandoffCase }> {
    const body = JSON.parse(JSON.stringify(message)) as Omit<CaseMessage, 'seq'>;
    const reply = await this.run(S.APPEND, [
      caseId,
      JSON.stringify(body),
      new Date(this.options.now()).toISOString(),
      body.from === 'operator' ? '1' : '0',
    ]);
    this.checkStatus(reply, caseId, 'add a message to');
    return { message: { seq: Number(reply.rest[0]), ...body }, case: parseCase(reply.rest[1]).case };
  }

  async messages(caseId: string, afterSeq = 0): Promise<CaseMessage[]> {
    const reply = await this.run(S.MESSAGES, [caseId, String(Math.max(0, Math.floor(afterSeq)))]);
    this.checkStatus(reply, caseId, 'read');
    return replyArray(reply.rest[0], 'messages').map((raw) => JSON.parse(String(raw)) as CaseMessage);
  }

  async queues(): Promise<QueueSnapshot[]> {
    const reply = await this.run(S.QUEUES, this.options.knownQueues);
    const now = this.options.now();
    return replyArray(reply.rest[0], 'queues')
      .map((entry) => {
        const [name, cases] = replyArray(entry, 'queue');
        const waiting = replyArray(cases, 'queue cases').map((c) => parseCase(c).case);
        const first = waiting[0];
        return {
          queue: String(name),
          waiting,
          oldestWaitMs: first ? Math.max(0, now - Date.parse(first.queuedAt)) : 0,
        };
      })
      .sort((a, b) => a.queue.localeCompare(b.queue));
  }

  async position(caseId: string): Promise<number | undefined> {
    const reply = await this.run(S.POSITION, [caseId]);
    return reply.status === 'ok' ? Number(reply.rest[0]) : undefined;
  }

  async assignedTo(operator: string): Promise<HandoffCase[]> {
    const reply = await this.run(S.ASSIGNED_TO, [operator]);
    return sortByOrder(replyArray(reply.rest[0], 'assignedTo').map(parseCase));
  }

  async recentAssignmentWaits(queue: string): Promise<AssignmentWaitSample[]> {
    const reply = await this.run(S.WAITS, [queue]);
    return replyArray(reply.rest[0], 'waits').map((raw) => {
      const [at = '', waitMs = '0', perPositionMs = '0'] = String(raw).split(' ');
      return { at, waitMs: Number(waitMs), perPositionMs: Number(perPositionMs) };
    });
  }

  private async run(script: RedisScript, args: string[]): Promise<{ status: string; rest: unknown[] }> {
    const [status, ...rest] = replyArray(
      await this.caller.run(script, [], [...this.scriptContext, ...args]),
      script.name,
    );
    return { status: String(status), rest };
  }

  private checkStatus(reply: { status: string }, caseId: string, action: string): void {
    if (reply.status === 'notfound') throw new CaseNotFoundError(caseId);
    if (reply.status === 'closed') throw new CaseClosedError(caseId, action);
    if (reply.status !== 'ok') throw new Error(`RedisCaseStore: unexpected script status ${reply.status}`);
  }

  private caseOf(reply: { status: string; rest: unknown[] }, caseId: string, action = 'read'): ParsedCase {
    this.checkStatus(reply, caseId, action);
    return parseCase(reply.rest[0]);
  }
}

function openField(channel: string, conversationId: string): string {
  return `${channel}\n${conversationId}`;
}

function stateOf(value: unknown): HandoffCase['state'] {
  return value === 'assigned' || value === 'closed' ? value : 'queued';
}

function parseCase(reply: unknown): ParsedCase {
  const h = hashFromFlat(reply);
  const data = JSON.parse(h.data ?? '{}') as CaseData;
  const c: HandoffCase = {
    ...data,
    state: stateOf(h.state),
    queue: h.queue ?? '',
    queuedAt: h.queuedAt ?? data.createdAt,
    requeues: Number(h.requeues ?? 0),
  };
  if (h.operator !== undefined) c.operator = h.operator;
  if (h.operatorDisplayName !== undefined) c.operatorDisplayName = h.operatorDisplayName;
  if (h.assignedAt !== undefined) c.assignedAt = h.assignedAt;
  if (h.closedAt !== undefined) c.closedAt = h.closedAt;
  if (h.outcome !== undefined) c.outcome = h.outcome as CaseOutcome;
  return { case: c, order: Number(h.order ?? 0) };
}

function sortByOrder(cases: ParsedCase[]): HandoffCase[] {
  return cases.sort((a, b) => a.order - b.order).map((p) => p.case);
}
