import { MemoryOperatorPresence } from '../../handoff/memoryOperatorPresence';
import { operatorPresenceContract } from './operatorPresenceContract';

operatorPresenceContract('MemoryOperatorPresence', async (clock, timeoutMs) => ({
  presence: new MemoryOperatorPresence({ now: clock.now, timeoutMs }),
  dispose: async () => undefined,
}));
