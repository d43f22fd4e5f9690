import { RedisDirectLineStore } from '../../../adapters/directline/redisDirectLineStore';
import type { ActivityBatch } from '../../../adapters/directline/directLineStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../../support/redis';
import { directLineStoreContract } from './directLineStoreContract';

let client: TestRedis;
const prefix = uniquePrefix('directline');

beforeAll(async () => {
  client = await connectTestRedis();
});

afterAll(async () => {
  await cleanPrefix(client, prefix);
  await client.quit();
});

directLineStoreContract(
  'RedisDirectLineStore',
  async (options) => new RedisDirectLineStore(client, { prefix, ...options }),
);

describe('RedisDirectLineStore across processes', () => {
  it('lets a second process read and stream a conversation the first one writes', async () => {
    const a = new RedisDirectLineStore(client, { prefix });
    const otherClient = await connectTestRedis();
    const b = new RedisDirectLineStore(otherClient, { prefix });
    try {
      await a.createConversation({ id: 'shared1', userId: 'dl_u', createdAt: new Date().toISOString() });
      expect((await b.getConversation('shared1'))?.userId).toBe('dl_u');
      const seen: ActivityBatch[] = [];
      const unsubscribe = await b.subscribe('shared1', (batch) => seen.push(batch));
      const appended = await a.append('shared1', [{ type: 'message', text: 'da A' }]);
      const started = Date.now();
      while (seen.length === 0 && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
      expect(seen).toEqual([appended]);
      expect(await b.read('shared1', 0)).toEqual(appended);
      await unsubscribe();
    } finally {
      await a.close();
      await b.close();
      await otherClient.quit();
    }
  });

  it('shares one subscriber connection among all the conversations of a process', async () => {
    const store = new RedisDirectLineStore(client, { prefix });
    try {
      const before = Number((await client.info('clients')).match(/connected_clients:(\d+)/)?.[1]);
      const subs = [];
      for (let i = 0; i < 5; i++) {
        await store.createConversation({ id: `many${i}`, userId: 'u', createdAt: '' });
        subs.push(await store.subscribe(`many${i}`, () => undefined));
      }
      const after = Number((await client.info('clients')).match(/connected_clients:(\d+)/)?.[1]);
      expect(after - before).toBe(1);
      for (const unsubscribe of subs) await unsubscribe();
    } finally {
      await store.close();
    }
  });
});
