import type { CaseMessage, HandoffCase, NewCase } from './case';
import type { CaseStore } from './caseStore';
import { type HandoffConfig, queueDisplayName, queueForArea } from './handoffConfig';
import { HandoffUnavailableError } from './handoffErrors';
import { typingEvent } from './handoffEvent';
import type { HandoffEvents } from './handoffEvents';
import type { OfficeHours } from './officeHours';
import type { OperatorPresence } from './operatorPresence';
import type { PositionUpdatePolicy } from './positionUpdatePolicy';
import type { WaitEstimate, WaitEstimator } from './waitEstimator';

/** Can a citizen reach an operator of this queue now? */
export type Availability =
  | { kind: 'live' }
  /** Outside office hours or nobody online: the citizen may leave a callback case. */
  | { kind: 'callback'; why: 'closed' | 'no-operator'; nextOpening?: Date }
  /** Redis is down: operators are momentarily unreachable. */
  | { kind: 'unavailable' };

export interface QueuedCase {
  case: HandoffCase;
  wait?: WaitEstimate;
}

/**
 * The bot's side of Linea Amica: routes a conversation to a queue, tells whether operators can
 * be reached, opens cases and relays the citizen's messages and typing to them.
 */
export class HandoffDesk {
  constructor(
    private readonly cases: CaseStore,
    private readonly events: HandoffEvents,
    private readonly hours: OfficeHours,
    private readonly presence: OperatorPresence,
    private readonly waits: WaitEstimator,
    private readonly config: HandoffConfig,
    private readonly positions: PositionUpdatePolicy,
  ) {}

  queueFor(area: string | undefined): string {
    return queueForArea(this.config, area);
  }

  queueName(queue: string): string {
    return queueDisplayName(this.config, queue);
  }

  get privacy(): HandoffConfig['privacy'] {
    return this.config.privacy;
  }

  /**
   * Live only when the queue is open and an operator serving it is online (an operator without
   * assigned queues serves every queue); otherwise the citizen may leave a callback case.
   */
  async availability(queue: string, at: Date = new Date()): Promise<Availability> {
    if (!this.hours.isOpen(queue, at)) {
      const nextOpening = this.hours.nextOpening(queue, at);
      return { kind: 'callback', why: 'closed', ...(nextOpening ? { nextOpening } : {}) };
    }
    try {
      return (await this.presence.anyOnline(queue))
        ? { kind: 'live' }
        : { kind: 'callback', why: 'no-operator' };
    } catch (err) {
      if (isUnavailable(err)) return { kind: 'unavailable' };
      throw err;
    }
  }

  async open(input: NewCase): Promise<QueuedCase> {
    const created = await this.cases.create(input);
    const wait = await this.waitFor(created);
    if (wait) this.positions.shouldTell(created.id, wait.position);
    return { case: created, wait };
  }

  /** The open case of a conversation; undefined also when the queues cannot be reached. */
  async openCaseFor(channel: string, conversationId: string): Promise<HandoffCase | undefined> {
    try {
      return await this.cases.openCaseFor(channel, conversationId);
    } catch (err) {
      if (isUnavailable(err)) return undefined;
      throw err;
    }
  }

  /** Position and estimated wait of a queued case, from the operators online for its queue. */
  async waitFor(c: HandoffCase): Promise<WaitEstimate | undefined> {
    if (c.state !== 'queued') return undefined;
    const [position, online] = await Promise.all([this.cases.position(c.id), this.presence.online(c.queue)]);
    return position === undefined ? undefined : this.waits.estimate(c.queue, position, online.length);
  }

  citizenMessage(c: HandoffCase, text: string, attachments?: string[]): Promise<CaseMessage> {
    return this.cases.appendMessage(c.id, {
      from: 'citizen',
      text,
      at: new Date().toISOString(),
      ...(attachments && attachments.length > 0 ? { attachments } : {}),
    });
  }

  citizenTyping(c: HandoffCase): Promise<void> {
    return this.events.publish(typingEvent(c, 'citizen'));
  }

  /** The wait to tell a queued citizen now, or undefined when it has not improved enough to say. */
  async positionUpdate(c: HandoffCase): Promise<WaitEstimate | undefined> {
    const wait = await this.waitFor(c);
    return wait && this.positions.shouldTell(c.id, wait.position) ? wait : undefined;
  }

  /** "annulla": the citizen goes back to the bot. */
  cancel(c: HandoffCase): Promise<HandoffCase> {
    this.positions.forget(c.id);
    return this.cases.close(c.id, 'annullato', 'citizen');
  }
}

function isUnavailable(err: unknown): boolean {
  return err instanceof HandoffUnavailableError;
}
