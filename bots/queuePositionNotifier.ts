import type { HandoffCase } from '../handoff/case';
import type { CaseStore } from '../handoff/caseStore';
import type { HandoffDesk } from '../handoff/handoffDesk';
import type { HandoffEvent } from '../handoff/handoffEvent';
import type { CitizenGateway } from '../operators/citizenGateway';
import { positionActivity } from './handoffRelay';
import { langFromLocale } from './texts';

const MOVES_QUEUE = new Set([
  'case.assigned',
  'case.closed',
  'case.transferred',
  'case.released',
  'case.requeued',
]);

/**
 * Tells a citizen when an operator takes their case, and waiting citizens their better position
 * when a case ahead of them leaves the queue, without flooding (the desk's position policy). Only the process that made the change tells,
 * so several processes on one Redis do not repeat each other.
 */
export class QueuePositionNotifier {
  constructor(
    private readonly desk: HandoffDesk,
    private readonly cases: CaseStore,
    private readonly citizens: CitizenGateway,
    private readonly isOwnEvent: (event: HandoffEvent) => boolean,
    private readonly onError: (err: unknown) => void,
  ) {}

  readonly listener = (event: HandoffEvent): void => {
    if (!MOVES_QUEUE.has(event.type) || !this.isOwnEvent(event)) return;
    if (event.type === 'case.assigned' && event.case.kind === 'live')
      this.taken(event.case).catch(this.onError);
    const queues = new Set([event.queue]);
    if (event.type === 'case.transferred' && event.fromQueue) queues.add(event.fromQueue);
    this.notify(queues).catch(this.onError);
  };

  private async notify(queues: Set<string>): Promise<void> {
    for (const snapshot of await this.cases.queues()) {
      if (!queues.has(snapshot.queue)) continue;
      for (const waiting of snapshot.waiting) if (waiting.kind === 'live') await this.tell(waiting);
    }
  }

  /** The citizen hears who took their case. */
  private async taken(c: HandoffCase): Promise<void> {
    const name = c.operatorDisplayName ?? c.operator ?? 'Linea Amica';
    const text =
      langFromLocale(c.locale) === 'it'
        ? `Un operatore di Linea Amica ha preso in carico la tua richiesta: ti risponde ${name}.`
        : `A Linea Amica operator has taken your request: ${name} will answer you here.`;
    await this.citizens.sendToCitizen(c, {
      type: 'message',
      text,
      channelData: { handoff: { caseId: c.id, state: 'assigned' } },
    });
  }

  private async tell(c: HandoffCase): Promise<void> {
    const wait = await this.desk.positionUpdate(c);
    if (!wait) return;
    const activity = positionActivity(c, wait.position, wait.minutes, langFromLocale(c.locale));
    await this.citizens.sendToCitizen(c, {
      type: 'message',
      text: activity.text,
      channelData: activity.channelData,
    });
  }
}
