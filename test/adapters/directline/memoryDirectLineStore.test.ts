import { MemoryDirectLineStore } from '../../../adapters/directline/memoryDirectLineStore';
import { directLineStoreContract } from './directLineStoreContract';

directLineStoreContract('MemoryDirectLineStore', async (options) => new MemoryDirectLineStore(options));

const texts = (activities: string[]) => activities.map((a) => (JSON.parse(a) as { text?: string }).text);
const ids = (activities: string[]) => activities.map((a) => (JSON.parse(a) as { id?: string }).id);

describe('MemoryDirectLineStore bounds', () => {
  it('drops the oldest conversation beyond maxConversations', async () => {
    const store = new MemoryDirectLineStore({ maxConversations: 2 });
    try {
      for (const id of ['a', 'b', 'c']) await store.createConversation({ id, userId: 'u', createdAt: '' });
      expect(await store.getConversation('a')).toBeUndefined();
      expect(await store.getConversation('b')).toBeDefined();
      expect(await store.getConversation('c')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('keeps the newest activities within maxBytesPerConversation; ids and watermarks go on', async () => {
    const store = new MemoryDirectLineStore({ maxBytesPerConversation: 1000 });
    try {
      await store.createConversation({ id: 'c', userId: 'u', createdAt: '' });
      // Each stored activity is ~250 characters: about four fit.
      for (let i = 0; i < 10; i++)
        await store.append('c', [{ type: 'message', text: `${i}`.padEnd(200, '.') }]);
      const kept = await store.read('c', 0);
      const total = kept.activities.reduce((n, a) => n + a.length, 0);
      expect(total).toBeLessThanOrEqual(1000);
      expect(kept.activities.length).toBeGreaterThanOrEqual(3);
      // The newest ones, in order, with their original ids; the watermark after them is 10.
      expect(kept.first).toBe(10 - kept.activities.length);
      expect(ids(kept.activities)).toEqual(
        Array.from(
          { length: kept.activities.length },
          (_, i) => `c|${String(kept.first + i).padStart(7, '0')}`,
        ),
      );
      expect(texts(kept.activities).at(-1)).toMatch(/^9\./);
      expect(await store.read('c', 10)).toEqual({ first: 10, activities: [] });
      // An old watermark restarts from the oldest activity kept.
      expect((await store.read('c', 1)).first).toBe(kept.first);

      // An activity larger than the whole bound is still kept, alone (a poller must get it).
      const big = await store.append('c', [{ type: 'message', text: 'x'.repeat(5000) }]);
      expect(await store.read('c', 0)).toEqual({ first: 10, activities: big.activities });
      const next = await store.append('c', [{ type: 'message', text: 'dopo' }]);
      expect(next.first).toBe(11);
      expect(texts((await store.read('c', 0)).activities)).toEqual(['dopo']);
    } finally {
      await store.close();
    }
  });

  it('keeps order and ids over many appends beyond maxActivities', async () => {
    const store = new MemoryDirectLineStore({ maxActivities: 10 });
    try {
      await store.createConversation({ id: 'c', userId: 'u', createdAt: '' });
      for (let i = 0; i < 300; i++) {
        await store.append('c', [{ type: 'message', text: String(i) }]);
        const kept = await store.read('c', 0);
        const expected = Array.from({ length: Math.min(10, i + 1) }, (_, k) =>
          String(i + 1 - Math.min(10, i + 1) + k),
        );
        expect(texts(kept.activities)).toEqual(expected);
      }
      expect((await store.read('c', 295)).activities).toHaveLength(5);
    } finally {
      await store.close();
    }
  });
});
