import { MemoryHandoffEvents } from '../../handoff/memoryHandoffEvents';
import { handoffEventsContract } from './handoffEventsContract';

handoffEventsContract('MemoryHandoffEvents', async () => {
  const events = new MemoryHandoffEvents();
  return { a: events, b: events, dispose: async () => undefined };
});
