import type { HandoffEvent } from '../../handoff/handoffEvent';
import { MemoryCaseStore } from '../../handoff/memoryCaseStore';
import { MemoryHandoffEvents } from '../../handoff/memoryHandoffEvents';
import { PublishingCaseStore } from '../../handoff/publishingCaseStore';
import { TestClock, newCase } from './caseStoreContract';

describe('PublishingCaseStore', () => {
  test('every change of a case is published, in order, with the case and who did it', async () => {
    const clock = new TestClock();
    const events = new MemoryHandoffEvents();
    const heard: HandoffEvent[] = [];
    events.subscribe((e) => heard.push(e));
    const store = new PublishingCaseStore(
      new MemoryCaseStore({ now: clock.now, heartbeatTimeoutMs: 1000 }),
      events,
    );

    const c = await store.create(newCase({ queue: 'trasporti' }));
    await store.claim(c.id, 'anna', 'Anna Rossi');
    await store.appendMessage(c.id, { from: 'operator', text: 'Buongiorno', at: 'x', operator: 'anna' });
    await store.release(c.id, 'anna');
    await store.transfer(c.id, 'strade', 'anna', 'passo carraio');
    await store.claim(c.id, 'bruno', 'Bruno');
    clock.advance(5000);
    await store.requeueExpired();
    await store.close(c.id, 'annullato', 'citizen');
    await new Promise((r) => setImmediate(r));

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
    expect(heard[2]).toMatchObject({
      caseId: c.id,
      conversationId: c.conversationId,
      channel: 'webchat',
      message: { seq: 3, text: 'Buongiorno' },
      operatorDisplayName: 'Anna Rossi',
    });
    expect(heard[4]).toMatchObject({ fromQueue: 'trasporti', note: 'passo carraio' });
    expect(heard[7]).toMatchObject({ case: { state: 'closed', outcome: 'annullato' } });
  });

  test('a failed change publishes nothing; a failed publish does not undo the change', async () => {
    const errors: unknown[] = [];
    const broken = {
      publish: async () => {
        throw new Error('relay down');
      },
      subscribe: () => () => undefined,
    };
    const inner = new MemoryCaseStore();
    const store = new PublishingCaseStore(inner, broken, { onPublishError: (e) => errors.push(e) });
    const c = await store.create(newCase());
    expect(errors).toHaveLength(1);
    expect((await inner.get(c.id))?.state).toBe('queued');

    const events = new MemoryHandoffEvents();
    const heard: HandoffEvent[] = [];
    events.subscribe((e) => heard.push(e));
    const ok = new PublishingCaseStore(inner, events);
    await ok.claim(c.id, 'anna', 'Anna');
    await expect(ok.claim(c.id, 'bruno', 'Bruno')).rejects.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(heard.map((e) => e.type)).toEqual(['case.assigned']);
  });
});
