import type { HandoffCase } from '../../handoff/case';
import { type HandoffEvent, caseEvent, messageEvent, typingEvent } from '../../handoff/handoffEvent';
import type { HandoffEvents } from '../../handoff/handoffEvents';

export function sampleCase(id: string, overrides: Partial<HandoffCase> = {}): HandoffCase {
  return {
    id,
    state: 'queued',
    kind: 'live',
    queue: 'trasporti',
    channel: 'telegram',
    conversationId: `conv-${id}`,
    conversationReference: { conversation: { id: `conv-${id}` } },
    createdAt: '2026-03-02T09:00:00.000Z',
    queuedAt: '2026-03-02T09:00:00.000Z',
    requeues: 0,
    ...overrides,
  };
}

/** Resolves when `count` events matching `filter` arrived. */
export function collect(
  events: HandoffEvents,
  count: number,
  filter: (e: HandoffEvent) => boolean = () => true,
  timeoutMs = 5000,
): Promise<HandoffEvent[]> {
  return new Promise((resolve, reject) => {
    const got: HandoffEvent[] = [];
    const timer = setTimeout(() => {
      off();
      reject(new Error(`only ${got.length} of ${count} events arrived`));
    }, timeoutMs);
    const off = events.subscribe((e) => {
      if (!filter(e)) return;
      got.push(e);
      if (got.length === count) {
        clearTimeout(timer);
        off();
        resolve(got);
      }
    });
  });
}

/**
 * The HandoffEvents contract. `factory` returns two relays that stand for two processes
 * (the same instance twice for the in-memory relay).
 */
export function handoffEventsContract(
  name: string,
  factory: () => Promise<{ a: HandoffEvents; b: HandoffEvents; dispose(): Promise<void> }>,
): void {
  describe(`${name} (HandoffEvents contract)`, () => {
    let a: HandoffEvents;
    let b: HandoffEvents;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ a, b, dispose } = await factory());
    });
    afterEach(() => dispose());

    test('each side sees the events the other publishes, with the routing fields', async () => {
      const c = sampleCase('c1');
      const atB = collect(b, 2, (e) => e.caseId === 'c1');
      const atA = collect(a, 1, (e) => e.type === 'case.typing');
      await a.publish(caseEvent('case.queued', c, { by: 'citizen' }));
      await a.publish(messageEvent(c, { seq: 3, from: 'citizen', text: 'Ciao', at: c.queuedAt }));
      await b.publish(typingEvent(c, 'operator', 'anna'));
      const seen = await atB;
      expect(seen[0]).toMatchObject({
        type: 'case.queued',
        caseId: 'c1',
        conversationId: 'conv-c1',
        channel: 'telegram',
        queue: 'trasporti',
        case: c,
        by: 'citizen',
      });
      expect(seen[1]).toMatchObject({
        type: 'case.message',
        message: { seq: 3, text: 'Ciao', from: 'citizen' },
      });
      expect(await atA).toEqual([
        expect.objectContaining({ type: 'case.typing', from: 'operator', operator: 'anna' }),
      ]);
    });

    test('the events of one case arrive in publication order, while other cases interleave', async () => {
      const x = sampleCase('x');
      const y = sampleCase('y');
      const atB = collect(b, 200, (e) => e.caseId === 'x' || e.caseId === 'y');
      const sends: Promise<void>[] = [];
      for (let i = 1; i <= 100; i++) {
        sends.push(a.publish(messageEvent(x, { seq: i, from: 'citizen', text: `x${i}`, at: x.queuedAt })));
        sends.push(b.publish(messageEvent(y, { seq: i, from: 'operator', text: `y${i}`, at: y.queuedAt })));
      }
      await Promise.all(sends);
      const seen = await atB;
      const seqs = (id: string) =>
        seen.flatMap((e) => (e.type === 'case.message' && e.caseId === id ? [e.message.seq] : []));
      const expected = Array.from({ length: 100 }, (_, i) => i + 1);
      expect(seqs('x')).toEqual(expected);
      expect(seqs('y')).toEqual(expected);
    });

    test('an unsubscribed listener hears nothing more', async () => {
      const heard: HandoffEvent[] = [];
      const off = b.subscribe((e) => heard.push(e));
      const first = collect(b, 1);
      await a.publish(typingEvent(sampleCase('z'), 'citizen'));
      await first;
      off();
      const second = collect(b, 1);
      await a.publish(typingEvent(sampleCase('z'), 'citizen'));
      await second;
      expect(heard).toHaveLength(1);
    });
  });
}
