import type { HandoffEvent } from '../../handoff/handoffEvent';
import type { HandoffEvents } from '../../handoff/handoffEvents';
import type { HandoffCaseStore } from '../../handoff/handoffCaseStore';
import { TestClock, newCase } from './caseStoreContract';
import { collect } from './handoffEventsContract';

export interface EventedStores {
  /** The store as the citizen's process has it, and the one of the operator's process. */
  a: HandoffCaseStore;
  b: HandoffCaseStore;
  /** What the operator's process hears. */
  events: HandoffEvents;
  dispose(): Promise<void>;
}

/**
 * A case store that publishes its changes: every change is heard once, in order, with the case
 * exactly as the store returned it. Run for PublishingCaseStore and RedisCaseStore{publishEvents}.
 */
export function eventedCaseStoreContract(
  name: string,
  factory: (clock: TestClock, heartbeatTimeoutMs: number) => Promise<EventedStores>,
): void {
  describe(`${name} (events of every change)`, () => {
    let clock: TestClock;
    let s: EventedStores;
    beforeEach(async () => {
      clock = new TestClock();
      s = await factory(clock, 1000);
    });
    afterEach(() => s.dispose());

    test('every change of a case is published once, in order, with the case and who did it', async () => {
      const heard: HandoffEvent[] = [];
      const off = s.events.subscribe((e) => heard.push(e));
      const c = await s.a.create(newCase({ queue: 'trasporti', channel: 'telegram' }));
      const claimed = await s.b.claim(c.id, 'anna', 'Anna Rossi');
      const reply = await s.b.appendMessage(c.id, {
        from: 'operator',
        text: 'Buongiorno',
        at: 'x',
        operator: 'anna',
      });
      const released = await s.b.release(c.id, 'anna');
      const transferred = await s.b.transfer(c.id, 'strade', 'anna', 'passo carraio');
      await s.b.claim(c.id, 'bruno', 'Bruno');
      clock.advance(5000);
      const [requeued] = await s.b.requeueExpired();
      const closedHeard = collect(s.events, 1, (e) => e.type === 'case.closed');
      const closed = await s.a.close(c.id, 'annullato', 'citizen');
      await closedHeard;
      off();

      expect(heard.map((e) => [e.type, 'by' in e ? e.by : undefined, e.queue])).toEqual([
        ['case.queued', 'citizen', 'trasporti'],
        ['case.assigned', 'anna', 'trasporti'],
        ['case.message', undefined, 'trasporti'],
        ['case.released', 'anna', 'trasporti'],
        ['case.transferred', 'anna', 'strade'],
        ['case.assigned', 'bruno', 'strade'],
        ['case.requeued', 'system', 'strade'],
        ['case.closed', 'citizen', 'strade'],
      ]);
      for (const e of heard) {
        expect(e).toMatchObject({ caseId: c.id, conversationId: c.conversationId, channel: 'telegram' });
        expect(e.at).toEqual(expect.any(String));
      }
      const cases = heard.flatMap((e) =>
        e.type !== 'case.message' && e.type !== 'case.typing' ? [e.case] : [],
      );
      expect(cases[0]).toEqual(c);
      expect(cases[1]).toEqual(claimed);
      expect(cases[2]).toEqual(released);
      expect(cases[3]).toEqual(transferred);
      expect(cases[5]).toEqual(requeued);
      expect(cases[6]).toEqual(closed);
      expect(heard[2]).toMatchObject({ message: reply, operatorDisplayName: 'Anna Rossi' });
      expect(heard[4]).toMatchObject({ fromQueue: 'trasporti', note: 'passo carraio' });
    });

    test('quotes, new lines, slashes, accents and emoji survive in events', async () => {
      const tricky = 'Ciao "Niccolò"\nvia A/B \\ è già 😊';
      const c = await s.a.create(
        newCase({ summary: tricky, conversationReference: { user: { name: tricky }, list: [] } }),
      );
      const heard = collect(s.events, 3, (e) => e.caseId === c.id && e.type !== 'case.queued');
      await s.b.claim(c.id, 'niccolo', tricky);
      await s.b.appendMessage(c.id, { from: 'operator', text: tricky, at: 'x', operator: 'niccolo' });
      await s.b.transfer(c.id, 'strade', 'niccolo', tricky);
      const [assigned, message, transferred] = await heard;
      expect(assigned).toMatchObject({ case: { summary: tricky, operatorDisplayName: tricky } });
      expect(assigned?.type === 'case.assigned' && assigned.case.conversationReference).toEqual({
        user: { name: tricky },
        list: [],
      });
      expect(message).toMatchObject({ message: { text: tricky }, operatorDisplayName: tricky });
      expect(transferred).toMatchObject({ note: tricky, case: { queue: 'strade' } });
    });

    test('a change that fails publishes nothing', async () => {
      const c = await s.a.create(newCase());
      const assignedHeard = collect(s.events, 1, (e) => e.type === 'case.assigned');
      await s.a.claim(c.id, 'anna', 'Anna');
      await assignedHeard;
      const heard: HandoffEvent[] = [];
      const off = s.events.subscribe((e) => heard.push(e));
      await expect(s.b.claim(c.id, 'bruno', 'Bruno')).rejects.toThrow();
      await expect(s.b.release(c.id, 'bruno')).rejects.toThrow();
      const markerHeard = collect(s.events, 1, (e) => e.type === 'case.message');
      await s.a.appendMessage(c.id, { from: 'citizen', text: 'marker', at: 'x' });
      await markerHeard;
      off();
      expect(heard.map((e) => e.type)).toEqual(['case.message']);
    });

    test('messages written by two processes on one case are heard in seq order', async () => {
      const c = await s.a.create(newCase({ transcript: [] }));
      const arrived = collect(s.events, 60, (e) => e.type === 'case.message' && e.caseId === c.id);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => [
          s.a.appendMessage(c.id, { from: 'citizen', text: `c${i}`, at: 'x' }),
          s.b.appendMessage(c.id, { from: 'operator', text: `o${i}`, at: 'x' }),
        ]).flat(),
      );
      const seqs = (await arrived).flatMap((e) => (e.type === 'case.message' ? [e.message.seq] : []));
      expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    });
  });
}
