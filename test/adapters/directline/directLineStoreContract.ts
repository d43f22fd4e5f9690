import { ConversationNotFoundError } from '../../../adapters/directline/conversationNotFoundError';
import type {
  ActivityBatch,
  DirectLineStore,
  DirectLineStoreOptions,
} from '../../../adapters/directline/directLineStore';

export type StoreFactory = (options: DirectLineStoreOptions) => Promise<DirectLineStore>;

function conversation(id: string) {
  return { id, userId: `dl_${id}`, createdAt: new Date().toISOString() };
}

let counter = 0;
function newId(): string {
  counter += 1;
  return `conv${Date.now().toString(36)}${counter}`;
}

const parse = (batch: ActivityBatch) => batch.activities.map((a) => JSON.parse(a) as Record<string, unknown>);

/** The behaviour every DirectLineStore must have; run against each implementation. */
export function directLineStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name}: DirectLineStore contract`, () => {
    let store: DirectLineStore;
    const extra: DirectLineStore[] = [];

    beforeEach(async () => {
      store = await factory({});
    });

    afterEach(async () => {
      await store.close();
      for (const s of extra.splice(0)) await s.close();
    });

    it('keeps conversations and forgets nothing it was given', async () => {
      const id = newId();
      const record = conversation(id);
      await store.createConversation(record);
      expect(await store.getConversation(id)).toEqual(record);
      expect(await store.getConversation(newId())).toBeUndefined();
    });

    it('reports the start of a conversation once', async () => {
      const id = newId();
      await store.createConversation(conversation(id));
      const results = await Promise.all([
        store.markStarted(id),
        store.markStarted(id),
        store.markStarted(id),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.markStarted(id)).toBe(false);
      await expect(store.markStarted(newId())).rejects.toBeInstanceOf(ConversationNotFoundError);
    });

    it('gives appended activities consecutive ids and reads them after a watermark', async () => {
      const id = newId();
      await store.createConversation(conversation(id));
      const first = await store.append(id, [{ type: 'message', text: 'uno' }]);
      expect(first.first).toBe(0);
      expect(parse(first)).toEqual([{ id: `${id}|0000000`, type: 'message', text: 'uno' }]);
      const next = await store.append(id, [
        { type: 'message', text: 'due "virgolette"\nriga' },
        { type: 'typing' },
      ]);
      expect(next.first).toBe(1);
      expect(parse(next).map((a) => a.id)).toEqual([`${id}|0000001`, `${id}|0000002`]);

      const all = await store.read(id, 0);
      expect(all.first).toBe(0);
      expect(parse(all).map((a) => a.text)).toEqual(['uno', 'due "virgolette"\nriga', undefined]);
      const after = await store.read(id, 2);
      expect(after).toEqual({ first: 2, activities: [next.activities[1]] });
      expect(await store.read(id, 3)).toEqual({ first: 3, activities: [] });
      // A watermark beyond the end restarts from the real end.
      expect((await store.read(id, 99)).first).toBe(3);
      expect((await store.read(id, 0, 2)).activities).toHaveLength(2);
    });

    it('stores copies: changing an object after appending it changes nothing', async () => {
      const id = newId();
      await store.createConversation(conversation(id));
      const activity = { type: 'message', text: 'originale' };
      await store.append(id, [activity]);
      activity.text = 'cambiato';
      expect(parse(await store.read(id, 0))[0]?.text).toBe('originale');
    });

    it('assigns distinct consecutive indexes to concurrent appends', async () => {
      const id = newId();
      await store.createConversation(conversation(id));
      const batches = await Promise.all(
        Array.from({ length: 40 }, (_, i) => store.append(id, [{ type: 'message', text: String(i) }])),
      );
      expect(batches.map((b) => b.first).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 40 }, (_, i) => i),
      );
      const all = parse(await store.read(id, 0));
      expect(all.map((a) => a.id)).toEqual(
        Array.from({ length: 40 }, (_, i) => `${id}|${String(i).padStart(7, '0')}`),
      );
    });

    it('refuses activities and reads for unknown conversations', async () => {
      await expect(store.append(newId(), [{ type: 'message' }])).rejects.toBeInstanceOf(
        ConversationNotFoundError,
      );
      await expect(store.read(newId(), 0)).rejects.toBeInstanceOf(ConversationNotFoundError);
    });

    it('notifies subscribers of what is appended, until they unsubscribe', async () => {
      const id = newId();
      const other = newId();
      await store.createConversation(conversation(id));
      await store.createConversation(conversation(other));
      const seen: ActivityBatch[] = [];
      const unsubscribe = await store.subscribe(id, (b) => seen.push(b));
      const appended = await store.append(id, [
        { type: 'message', text: 'a' },
        { type: 'message', text: 'b' },
      ]);
      await store.append(other, [{ type: 'message', text: 'altra' }]);
      await waitFor(() => seen.length >= 1);
      expect(seen).toEqual([appended]);
      await unsubscribe();
      await store.append(id, [{ type: 'message', text: 'c' }]);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(1);
    });

    it('keeps the newest maxActivities while ids and watermarks go on', async () => {
      const small = await factory({ maxActivities: 3 });
      extra.push(small);
      const id = newId();
      await small.createConversation(conversation(id));
      for (let i = 0; i < 4; i++) await small.append(id, [{ type: 'message', text: String(i) }]);
      const next = await small.append(id, [{ type: 'message', text: '4' }]);
      expect(next.first).toBe(4);
      const kept = await small.read(id, 0);
      expect(kept.first).toBe(2);
      expect(parse(kept).map((a) => [a.id, a.text])).toEqual([
        [`${id}|0000002`, '2'],
        [`${id}|0000003`, '3'],
        [`${id}|0000004`, '4'],
      ]);
      expect((await small.read(id, 4)).activities).toHaveLength(1);
      expect(await small.read(id, 5)).toEqual({ first: 5, activities: [] });
    });

    it('forgets a conversation after its TTL without activity', async () => {
      const short = await factory({ ttlSeconds: 1 });
      extra.push(short);
      const id = newId();
      await short.createConversation(conversation(id));
      await short.append(id, [{ type: 'message' }]);
      await new Promise((r) => setTimeout(r, 600));
      await short.append(id, [{ type: 'message' }]); // activity keeps it alive
      await new Promise((r) => setTimeout(r, 600));
      expect(await short.getConversation(id)).toBeDefined();
      await new Promise((r) => setTimeout(r, 1200));
      expect(await short.getConversation(id)).toBeUndefined();
      await expect(short.read(id, 0)).rejects.toBeInstanceOf(ConversationNotFoundError);
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
