import { MemoryConversationLog } from '../../ratings/memoryConversationLog';
import { MemoryRatingStore } from '../../ratings/memoryRatingStore';
import { RatingRetention } from '../../ratings/ratingRetention';
import { NOVEMBER, seed } from './seed';

describe('RatingRetention', () => {
  it('deletes ratings and conversations that started before the retention window, in both stores', async () => {
    const ratings = new MemoryRatingStore();
    const log = new MemoryConversationLog();
    await seed(ratings, log);
    const retention = new RatingRetention([ratings, log], {
      retentionDays: 20,
      now: () => Date.parse('2026-11-24T12:00:00Z'),
    });
    expect(retention.cutoff().toISOString()).toBe('2026-11-04T12:00:00.000Z');
    // Started before the cutoff: c1-c4, c7, c11 (c5 starts exactly at the cutoff and stays).
    expect(await retention.runOnce()).toBe(5 + 6);
    const kept = NOVEMBER.map((c) => c.id).filter(
      (id) => !['c1', 'c2', 'c3', 'c4', 'c7', 'c11'].includes(id),
    );
    for (const c of NOVEMBER) {
      expect(await log.get(c.id)).toEqual(kept.includes(c.id) ? expect.anything() : undefined);
      expect(await ratings.hasRated(c.id)).toBe(kept.includes(c.id) && c.face !== undefined);
    }
    expect(await retention.runOnce()).toBe(0);
  });

  it('runs on a timer that does not keep the process alive, and reports failures to the logger', async () => {
    const errors: object[] = [];
    let calls = 0;
    const retention = new RatingRetention(
      [
        {
          purgeOlderThan: async () => {
            calls++;
            throw new Error('redis down');
          },
        },
      ],
      { retentionDays: 1, intervalMs: 20, logger: { info: () => undefined, error: (o) => errors.push(o) } },
    );
    retention.start();
    await new Promise((r) => setTimeout(r, 70));
    retention.stop();
    const seen = calls;
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(errors.length).toBe(seen);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(seen);
    expect(() => new RatingRetention([], { retentionDays: 0 })).toThrow(RangeError);
  });
});
