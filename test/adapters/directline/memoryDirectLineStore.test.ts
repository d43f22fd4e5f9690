import { MemoryDirectLineStore } from '../../../adapters/directline/memoryDirectLineStore';
import { directLineStoreContract } from './directLineStoreContract';

directLineStoreContract('MemoryDirectLineStore', async (options) => new MemoryDirectLineStore(options));

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
});
