import { MemoryCaseStore } from '../../handoff/memoryCaseStore';
import { MemoryHandoffEvents } from '../../handoff/memoryHandoffEvents';
import { PublishingCaseStore } from '../../handoff/publishingCaseStore';
import { newCase } from './caseStoreContract';
import { eventedCaseStoreContract } from './eventedCaseStoreContract';

eventedCaseStoreContract('PublishingCaseStore over MemoryCaseStore', async (clock, heartbeatTimeoutMs) => {
  const events = new MemoryHandoffEvents();
  const store = new PublishingCaseStore(new MemoryCaseStore({ now: clock.now, heartbeatTimeoutMs }), events);
  return { a: store, b: store, events, dispose: async () => undefined };
});

test('PublishingCaseStore: a failed publish does not undo the change and is reported', async () => {
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
});
