import type { HandoffCase } from '../../handoff/case';
import { HandoffUnavailableError } from '../../handoff/handoffErrors';
import { MemoryCaseStore } from '../../handoff/memoryCaseStore';
import { RequeueTimer } from '../../handoff/requeueTimer';
import { TestClock, newCase } from './caseStoreContract';
import { waitFor } from './ownRedisServer';

describe('RequeueTimer', () => {
  test('periodically returns the cases of vanished operators to the queue', async () => {
    const clock = new TestClock();
    const store = new MemoryCaseStore({ now: clock.now, heartbeatTimeoutMs: 1000 });
    const c = await store.create(newCase());
    await store.claim(c.id, 'anna', 'Anna');
    const requeued: HandoffCase[] = [];
    const timer = new RequeueTimer(store, { intervalMs: 10, onRequeued: (cases) => requeued.push(...cases) });
    timer.start();
    await new Promise((r) => setTimeout(r, 40));
    expect(requeued).toEqual([]);
    clock.advance(2000);
    await waitFor(() => requeued.length === 1, 2000);
    await timer.stop();
    expect(requeued[0]?.id).toBe(c.id);
    expect((await store.get(c.id))?.state).toBe('queued');
  });

  test('a failing round is reported and the timer keeps trying', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const timer = new RequeueTimer(
      {
        requeueExpired: async () => {
          calls += 1;
          if (calls === 1) throw new HandoffUnavailableError('requeueExpired');
          return [];
        },
      },
      { intervalMs: 5, onError: (e) => errors.push(e) },
    );
    timer.start();
    await waitFor(() => calls >= 3, 2000);
    await timer.stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HandoffUnavailableError);
  });
});
