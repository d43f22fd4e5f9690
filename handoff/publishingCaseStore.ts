import type { CaseMessage, CaseOutcome, HandoffCase, NewCase } from './case';
import type { QueueSnapshot } from './caseStore';
import type { HandoffCaseStore } from './handoffCaseStore';
import { type CaseEventType, type CaseLifecycleEvent, caseEvent, messageEvent } from './handoffEvent';
import type { HandoffEvents } from './handoffEvents';
import type { AssignmentWaitSample } from './waitSamples';

export interface PublishingCaseStoreOptions {
  /**
   * The change is already stored when publishing fails; the error goes here instead of to the
   * caller, who would otherwise think the change itself failed.
   */
  onPublishError?: (err: unknown) => void;
}

/**
 * A CaseStore that publishes an event after every successful change, so no code path can
 * change a case without the console and the citizen's process hearing of it.
 */
export class PublishingCaseStore implements HandoffCaseStore {
  constructor(
    private readonly inner: HandoffCaseStore,
    private readonly events: HandoffEvents,
    private readonly options: PublishingCaseStoreOptions = {},
  ) {}

  async create(input: NewCase): Promise<HandoffCase> {
    return this.lifecycle('case.queued', await this.inner.create(input), { by: 'citizen' });
  }

  get(caseId: string): Promise<HandoffCase | undefined> {
    return this.inner.get(caseId);
  }

  openCaseFor(channel: string, conversationId: string): Promise<HandoffCase | undefined> {
    return this.inner.openCaseFor(channel, conversationId);
  }

  async claim(
    caseId: string,
    operator: string,
    operatorDisplayName: string,
    queues?: readonly string[],
  ): Promise<HandoffCase> {
    const claimed = await this.inner.claim(caseId, operator, operatorDisplayName, queues);
    return this.lifecycle('case.assigned', claimed, { by: operator });
  }

  heartbeat(operator: string): Promise<void> {
    return this.inner.heartbeat(operator);
  }

  async requeueExpired(): Promise<HandoffCase[]> {
    const requeued = await this.inner.requeueExpired();
    for (const c of requeued) await this.lifecycle('case.requeued', c, { by: 'system' });
    return requeued;
  }

  async release(caseId: string, operator: string): Promise<HandoffCase> {
    return this.lifecycle('case.released', await this.inner.release(caseId, operator), { by: operator });
  }

  async transfer(caseId: string, toQueue: string, by: string, note?: string): Promise<HandoffCase> {
    const before = await this.inner.get(caseId);
    const after = await this.inner.transfer(caseId, toQueue, by, note);
    return this.lifecycle('case.transferred', after, { by, fromQueue: before?.queue, note });
  }

  async close(caseId: string, outcome: CaseOutcome, by: string): Promise<HandoffCase> {
    return this.lifecycle('case.closed', await this.inner.close(caseId, outcome, by), { by });
  }

  async appendMessage(caseId: string, message: Omit<CaseMessage, 'seq'>): Promise<CaseMessage> {
    return (await this.appendMessageToCase(caseId, message)).message;
  }

  async appendMessageToCase(
    caseId: string,
    message: Omit<CaseMessage, 'seq'>,
  ): Promise<{ message: CaseMessage; case: HandoffCase }> {
    const result = await this.inner.appendMessageToCase(caseId, message);
    await this.send(() => this.events.publish(messageEvent(result.case, result.message)));
    return result;
  }

  messages(caseId: string, afterSeq?: number): Promise<CaseMessage[]> {
    return this.inner.messages(caseId, afterSeq);
  }

  queues(): Promise<QueueSnapshot[]> {
    return this.inner.queues();
  }

  position(caseId: string): Promise<number | undefined> {
    return this.inner.position(caseId);
  }

  assignedTo(operator: string): Promise<HandoffCase[]> {
    return this.inner.assignedTo(operator);
  }

  recentAssignmentWaits(queue: string): Promise<AssignmentWaitSample[]> {
    return this.inner.recentAssignmentWaits(queue);
  }

  private async lifecycle(
    type: CaseEventType,
    c: HandoffCase,
    extra: Pick<CaseLifecycleEvent, 'by' | 'fromQueue' | 'note'>,
  ): Promise<HandoffCase> {
    await this.send(() => this.events.publish(caseEvent(type, c, extra)));
    return c;
  }

  private async send(publish: () => Promise<void>): Promise<void> {
    try {
      await publish();
    } catch (err) {
      this.options.onPublishError?.(err);
    }
  }
}
