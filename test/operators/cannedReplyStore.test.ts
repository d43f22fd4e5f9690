import { CannedReplyNotFoundError } from '../../operators/cannedReply';
import type { CannedReplyStore } from '../../operators/cannedReplyStore';
import { MemoryCannedReplyStore } from '../../operators/memoryCannedReplyStore';
import { RedisCannedReplyStore } from '../../operators/redisCannedReplyStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';

function cannedReplyStoreContract(name: string, factory: () => Promise<CannedReplyStore>): void {
  describe(`CannedReplyStore contract: ${name}`, () => {
    it('creates, lists by title, updates and deletes replies', async () => {
      const store = await factory();
      const b = await store.create({ title: 'Saluto', text: 'Buongiorno, sono qui per aiutarla.' }, 'sara');
      await store.create({ title: 'Orari', text: 'Gli uffici sono aperti dalle 9 alle 12.' }, 'sara');
      expect((await store.list()).map((r) => r.title)).toEqual(['Orari', 'Saluto']);
      const updated = await store.update(b.id, { title: 'Accoglienza', text: 'Buongiorno!' }, 'ugo');
      expect(updated).toMatchObject({ id: b.id, title: 'Accoglienza', updatedBy: 'ugo' });
      expect((await store.list())[0]).toMatchObject({ title: 'Accoglienza', text: 'Buongiorno!' });
      expect(await store.delete(b.id)).toBe(true);
      expect(await store.delete(b.id)).toBe(false);
      expect((await store.list()).map((r) => r.title)).toEqual(['Orari']);
    });

    it('does not resurrect a deleted reply on update', async () => {
      const store = await factory();
      const r = await store.create({ title: 'T', text: 'x' }, 'sara');
      await store.delete(r.id);
      await expect(store.update(r.id, { title: 'T', text: 'y' }, 'sara')).rejects.toBeInstanceOf(
        CannedReplyNotFoundError,
      );
      expect(await store.list()).toEqual([]);
    });
  });
}

cannedReplyStoreContract('memory', async () => new MemoryCannedReplyStore());

let redis: TestRedis;
const prefix = uniquePrefix('canned');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});
let n = 0;
cannedReplyStoreContract('redis', async () => new RedisCannedReplyStore(redis, `${prefix}${n++}:`));
