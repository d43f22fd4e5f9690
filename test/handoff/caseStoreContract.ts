import type { NewCase } from '../../handoff/case';
import type { HandoffCaseStore } from '../../handoff/handoffCaseStore';
import {
  CaseAlreadyClaimedError,
  CaseAlreadyOpenError,
  CaseClosedError,
  CaseNotFoundError,
  CaseNotHeldError,
  CaseNotInQueuesError,
  InvalidCaseTransitionError,
} from '../../handoff/handoffErrors';

/** A clock the tests move forward by hand. */
export class TestClock {
  constructor(public ms = Date.parse('2026-03-02T09:00:00Z')) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface StoreUnderTest {
  store: HandoffCaseStore;
  /** Closes connections and deletes keys. */
  dispose(): Promise<void>;
}

export interface StoreFactoryOptions {
  clock: TestClock;
  heartbeatTimeoutMs: number;
  knownQueues?: string[];
}

export type StoreFactory = (options: StoreFactoryOptions) => Promise<StoreUnderTest>;

let conversationCounter = 0;
export function newCase(overrides: Partial<NewCase> = {}): NewCase {
  conversationCounter += 1;
  return {
    kind: 'live',
    queue: 'trasporti',
    channel: 'webchat',
    conversationId: `conv-${conversationCounter}`,
    conversationReference: {
      conversation: { id: `conv-${conversationCounter}` },
      serviceUrl: 'http://x',
      entities: [],
    },
    procedureId: 'autoscuole',
    summary: 'Apertura autoscuola',
    contact: { email: 'mario@example.org', consent: true },
    locale: 'it-IT',
    transcript: [
      { from: 'citizen', text: 'Come apro una autoscuola?', at: '2026-03-02T08:59:00.000Z' },
      { from: 'bot', text: 'Serve una SCIA…', at: '2026-03-02T08:59:01.000Z' },
    ],
    ...overrides,
  };
}

const HEARTBEAT_TIMEOUT_MS = 5_000;

/** The CaseStore contract: every implementation runs exactly these tests. */
export function caseStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name} (CaseStore contract)`, () => {
    let clock: TestClock;
    let sut: StoreUnderTest;
    let store: HandoffCaseStore;

    beforeEach(async () => {
      clock = new TestClock();
      sut = await factory({ clock, heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS, knownQueues: ['generale'] });
      store = sut.store;
    });
    afterEach(async () => {
      await sut.dispose();
    });

    test('a new case is queued with its fields and the bot transcript as its first messages', async () => {
      const input = newCase();
      const c = await store.create(input);
      expect(c).toMatchObject({
        state: 'queued',
        kind: 'live',
        queue: 'trasporti',
        channel: 'webchat',
        conversationId: input.conversationId,
        conversationReference: input.conversationReference,
        procedureId: 'autoscuole',
        contact: { email: 'mario@example.org', consent: true },
        requeues: 0,
      });
      expect(c.id).toEqual(expect.any(String));
      expect(await store.get(c.id)).toEqual(c);
      const msgs = await store.messages(c.id);
      expect(msgs.map((m) => [m.seq, m.from, m.text])).toEqual([
        [1, 'citizen', 'Come apro una autoscuola?'],
        [2, 'bot', 'Serve una SCIA…'],
      ]);
      expect(await store.get('no-such-case')).toBeUndefined();
    });

    test('openCaseFor finds the open case of a conversation, and nothing once it is closed', async () => {
      const c = await store.create(newCase({ channel: 'telegram', conversationId: '42' }));
      expect((await store.openCaseFor('telegram', '42'))?.id).toBe(c.id);
      expect(await store.openCaseFor('webchat', '42')).toBeUndefined();
      await expect(
        store.create(newCase({ channel: 'telegram', conversationId: '42' })),
      ).rejects.toMatchObject({
        constructor: CaseAlreadyOpenError,
        caseId: c.id,
      });
      await store.close(c.id, 'annullato', 'citizen');
      expect(await store.openCaseFor('telegram', '42')).toBeUndefined();
      const again = await store.create(newCase({ channel: 'telegram', conversationId: '42' }));
      expect(again.id).not.toBe(c.id);
    });

    test('exactly one of 20 concurrent claims wins; the others get CaseAlreadyClaimedError', async () => {
      const c = await store.create(newCase());
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.claim(c.id, `op${i}`, `Operatore ${i}`)),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const r of lost) expect(r.reason).toBeInstanceOf(CaseAlreadyClaimedError);
      const winner = won[0]?.status === 'fulfilled' ? won[0].value : undefined;
      const stored = await store.get(c.id);
      expect(stored?.state).toBe('assigned');
      expect(stored?.operator).toBe(winner?.operator);
      expect(await store.assignedTo(winner?.operator ?? '')).toEqual([stored]);
      expect(await store.position(c.id)).toBeUndefined();
    });

    test('a claim limited to some queues takes the case only while it waits in one of them', async () => {
      const a = await store.create(newCase()); // trasporti
      const b = await store.create(newCase());
      // Bruno serves trasporti and saw the case there; Anna took it and moved it to strade.
      await store.claim(a.id, 'anna', 'Anna');
      await store.transfer(a.id, 'strade', 'anna');
      await expect(store.claim(a.id, 'bruno', 'Bruno', ['trasporti'])).rejects.toMatchObject({
        constructor: CaseNotInQueuesError,
        queue: 'strade',
      });
      // Nothing changed: it still waits first in strade, for whoever serves it.
      expect(await store.get(a.id)).toMatchObject({ state: 'queued', queue: 'strade' });
      expect(await store.position(a.id)).toBe(1);
      expect(await store.assignedTo('bruno')).toEqual([]);
      expect((await store.claim(a.id, 'carla', 'Carla', ['ambiente', 'strade'])).operator).toBe('carla');
      expect((await store.claim(b.id, 'bruno', 'Bruno', ['trasporti'])).operator).toBe('bruno');
    });

    test('claiming an unknown case fails with CaseNotFoundError', async () => {
      await expect(store.claim('nope', 'op', 'Op')).rejects.toBeInstanceOf(CaseNotFoundError);
      await expect(
        store.appendMessage('nope', { from: 'citizen', text: 'x', at: '' }),
      ).rejects.toBeInstanceOf(CaseNotFoundError);
      await expect(store.messages('nope')).rejects.toBeInstanceOf(CaseNotFoundError);
    });

    test('a case whose operator misses heartbeats returns to the queue with its messages', async () => {
      const a = await store.create(newCase());
      const b = await store.create(newCase());
      await store.claim(a.id, 'anna', 'Anna');
      await store.claim(b.id, 'bruno', 'Bruno');
      await store.appendMessage(a.id, { from: 'operator', text: 'Buongiorno', at: 'x', operator: 'anna' });
      await store.appendMessage(a.id, { from: 'citizen', text: 'Grazie', at: 'x' });

      clock.advance(HEARTBEAT_TIMEOUT_MS - 1000);
      await store.heartbeat('bruno');
      expect(await store.requeueExpired()).toEqual([]);

      clock.advance(2000); // anna silent for timeout + 1 s, bruno for 2 s
      const requeued = await store.requeueExpired();
      expect(requeued.map((c) => c.id)).toEqual([a.id]);
      const back = await store.get(a.id);
      expect(back).toMatchObject({ state: 'queued', requeues: 1 });
      expect(back?.operator).toBeUndefined();
      expect(await store.position(a.id)).toBe(1);
      expect((await store.messages(a.id)).map((m) => m.text)).toEqual([
        'Come apro una autoscuola?',
        'Serve una SCIA…',
        'Buongiorno',
        'Grazie',
      ]);
      expect(await store.assignedTo('anna')).toEqual([]);
      expect((await store.get(b.id))?.state).toBe('assigned');
      expect(await store.requeueExpired()).toEqual([]);
      // Somebody else can take it now.
      expect((await store.claim(a.id, 'carla', 'Carla')).operator).toBe('carla');
    });

    test('release returns the case to its queue at its original place; only the holder may release', async () => {
      const a = await store.create(newCase());
      const b = await store.create(newCase());
      await store.claim(a.id, 'anna', 'Anna');
      expect(await store.position(b.id)).toBe(1);
      await expect(store.release(a.id, 'bruno')).rejects.toBeInstanceOf(CaseNotHeldError);
      await expect(store.release(b.id, 'anna')).rejects.toBeInstanceOf(CaseNotHeldError);
      const released = await store.release(a.id, 'anna');
      expect(released).toMatchObject({ state: 'queued', requeues: 1 });
      expect(released.operator).toBeUndefined();
      expect(await store.position(a.id)).toBe(1);
      expect(await store.position(b.id)).toBe(2);
    });

    test('transfer moves a case to another queue with the note; transfer to the same queue is invalid', async () => {
      const a = await store.create(newCase({ queue: 'trasporti' }));
      await store.claim(a.id, 'anna', 'Anna');
      const moved = await store.transfer(a.id, 'strade', 'anna', 'Riguarda un passo carraio');
      expect(moved).toMatchObject({ state: 'queued', queue: 'strade' });
      expect(moved.operator).toBeUndefined();
      expect(await store.assignedTo('anna')).toEqual([]);
      expect(await store.position(a.id)).toBe(1);
      const last = (await store.messages(a.id)).at(-1);
      expect(last).toMatchObject({
        from: 'note',
        text: 'Riguarda un passo carraio',
        operator: 'anna',
        seq: 3,
      });
      await expect(store.transfer(a.id, 'strade', 'anna')).rejects.toBeInstanceOf(InvalidCaseTransitionError);
      const snapshots = await store.queues();
      expect(snapshots.find((q) => q.queue === 'strade')?.waiting.map((c) => c.id)).toEqual([a.id]);
      expect(snapshots.find((q) => q.queue === 'trasporti')?.waiting).toEqual([]);
    });

    test('close ends the case from queued or assigned; nothing is allowed on a closed case', async () => {
      const a = await store.create(newCase());
      const b = await store.create(newCase());
      await store.claim(b.id, 'anna', 'Anna');
      const closedA = await store.close(a.id, 'annullato', 'citizen');
      const closedB = await store.close(b.id, 'risolto', 'anna');
      expect(closedA).toMatchObject({ state: 'closed', outcome: 'annullato' });
      expect(closedB).toMatchObject({ state: 'closed', outcome: 'risolto', operator: 'anna' });
      expect(closedB.closedAt).toEqual(expect.any(String));
      expect(await store.assignedTo('anna')).toEqual([]);
      expect(await store.position(a.id)).toBeUndefined();
      for (const attempt of [
        () => store.claim(a.id, 'anna', 'Anna'),
        () => store.release(b.id, 'anna'),
        () => store.transfer(a.id, 'strade', 'anna'),
        () => store.close(a.id, 'risolto', 'anna'),
        () => store.appendMessage(b.id, { from: 'citizen', text: 'ancora?', at: 'x' }),
      ]) {
        await expect(attempt()).rejects.toBeInstanceOf(CaseClosedError);
      }
      expect((await store.messages(b.id)).length).toBe(2);
    });

    test('messages get monotonic seq numbers, also when appended concurrently, and read back after a seq', async () => {
      const c = await store.create(newCase({ transcript: [] }));
      const appended = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          store.appendMessage(c.id, {
            from: i % 2 ? 'operator' : 'citizen',
            text: `m${i}`,
            at: 'x',
            attachments: i === 3 ? ['foto.jpg'] : undefined,
          }),
        ),
      );
      expect(appended.map((m) => m.seq).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
      const all = await store.messages(c.id);
      expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(all.find((m) => m.text === 'm3')?.attachments).toEqual(['foto.jpg']);
      const after = await store.messages(c.id, 25);
      expect(after.map((m) => m.seq)).toEqual([26, 27, 28, 29, 30]);
      expect(await store.messages(c.id, 30)).toEqual([]);
      await store.claim(c.id, 'anna', 'Anna');
      const withCase = await store.appendMessageToCase(c.id, {
        from: 'operator',
        text: 'ok',
        at: 'x',
        operator: 'anna',
      });
      expect(withCase.message).toEqual({ seq: 31, from: 'operator', text: 'ok', at: 'x', operator: 'anna' });
      expect(withCase.case).toEqual(await store.get(c.id));
      expect(withCase.case.operatorDisplayName).toBe('Anna');
    });

    test('queue snapshots list waiting cases oldest first, with the oldest wait and positions', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        ids.push((await store.create(newCase({ queue: 'ambiente' }))).id);
        clock.advance(1000);
      }
      await store.create(newCase({ queue: 'lavoro' }));
      await store.claim(ids[1] ?? '', 'anna', 'Anna');
      const snaps = await store.queues();
      expect(snaps.map((s) => s.queue)).toEqual(expect.arrayContaining(['ambiente', 'lavoro', 'generale']));
      const ambiente = snaps.find((s) => s.queue === 'ambiente');
      expect(ambiente?.waiting.map((c) => c.id)).toEqual([ids[0], ids[2], ids[3]]);
      expect(ambiente?.oldestWaitMs).toBe(4000);
      expect(snaps.find((s) => s.queue === 'generale')).toEqual({
        queue: 'generale',
        waiting: [],
        oldestWaitMs: 0,
      });
      expect(await Promise.all(ids.map((id) => store.position(id)))).toEqual([1, undefined, 2, 3]);
      await store.close(ids[0] ?? '', 'risolto', 'anna');
      expect(await store.position(ids[3] ?? '')).toBe(2);
    });

    test('each claim records how long the case waited, for the wait estimate', async () => {
      const a = await store.create(newCase({ queue: 'caccia-pesca' }));
      const b = await store.create(newCase({ queue: 'caccia-pesca' }));
      clock.advance(60_000);
      await store.claim(a.id, 'anna', 'Anna');
      clock.advance(60_000);
      await store.claim(b.id, 'bruno', 'Bruno');
      const samples = await store.recentAssignmentWaits('caccia-pesca');
      expect(samples.map((s) => [s.waitMs, s.perPositionMs])).toEqual([
        [120_000, 60_000],
        [60_000, 60_000],
      ]);
      // A re-queued case does not count twice.
      await store.release(a.id, 'anna');
      await store.claim(a.id, 'carla', 'Carla');
      expect(await store.recentAssignmentWaits('caccia-pesca')).toHaveLength(2);
      expect(await store.recentAssignmentWaits('lavoro')).toEqual([]);
    });
  });
}
