import { WaitEstimator } from '../../handoff/waitEstimator';
import { MemoryCaseStore } from '../../handoff/memoryCaseStore';
import { TestClock, newCase } from './caseStoreContract';

describe('WaitEstimator', () => {
  test('without history the default minutes per position are used', async () => {
    const estimator = new WaitEstimator(new MemoryCaseStore(), { defaultMinutesPerPosition: 4 });
    expect(await estimator.estimate('lavoro', 3)).toEqual({ position: 3, minutes: 12, samples: 0 });
  });

  test('without history, the operators serving the queue take the cases ahead in parallel', async () => {
    const estimator = new WaitEstimator(new MemoryCaseStore(), { defaultMinutesPerPosition: 4 });
    expect((await estimator.estimate('lavoro', 5, 2)).minutes).toBe(12);
    expect((await estimator.estimate('lavoro', 2, 2)).minutes).toBe(4);
    expect((await estimator.estimate('lavoro', 3, 1)).minutes).toBe(12);
    // Nobody counted (e.g. a callback case): one operator's pace.
    expect((await estimator.estimate('lavoro', 3, 0)).minutes).toBe(12);
  });

  test('the estimate follows how long recent cases of the queue waited per position', async () => {
    const clock = new TestClock();
    const store = new MemoryCaseStore({ now: clock.now });
    const estimator = new WaitEstimator(store);
    // Three cases arrive together; operators take one every 2 minutes.
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await store.create(newCase({ queue: 'ambiente' })));
    for (const c of cases) {
      clock.advance(120_000);
      await store.claim(c.id, `op${c.id}`, 'Op');
    }
    expect(await estimator.estimate('ambiente', 1)).toEqual({ position: 1, minutes: 2, samples: 3 });
    expect((await estimator.estimate('ambiente', 5)).minutes).toBe(10);
    // The history already shows how fast that queue's operators take cases.
    expect((await estimator.estimate('ambiente', 5, 3)).minutes).toBe(10);
    // Another queue has its own history.
    expect((await estimator.estimate('strade', 1)).samples).toBe(0);
  });

  test('one case forgotten for an hour does not change the estimate for everyone', async () => {
    const samples = [60_000, 60_000, 3_600_000, 90_000, 60_000].map((perPositionMs) => ({
      at: '',
      waitMs: perPositionMs,
      perPositionMs,
    }));
    const estimator = new WaitEstimator({ recentAssignmentWaits: async () => samples });
    expect((await estimator.estimate('generale', 2)).minutes).toBe(2);
  });
});
