import { MemoryCaseStore } from '../../handoff/memoryCaseStore';
import { caseStoreContract } from './caseStoreContract';

caseStoreContract('MemoryCaseStore', async ({ clock, heartbeatTimeoutMs, knownQueues }) => ({
  store: new MemoryCaseStore({ now: clock.now, heartbeatTimeoutMs, knownQueues }),
  dispose: async () => undefined,
}));
