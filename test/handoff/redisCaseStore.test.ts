import { RedisCaseStore } from '../../handoff/redisCaseStore';
import { cleanPrefix, connectTestRedis, uniquePrefix } from '../support/redis';
import { caseStoreContract } from './caseStoreContract';

caseStoreContract('RedisCaseStore', async ({ clock, heartbeatTimeoutMs, knownQueues }) => {
  const client = await connectTestRedis();
  const prefix = uniquePrefix('cases');
  return {
    store: new RedisCaseStore(client, { prefix, now: clock.now, heartbeatTimeoutMs, knownQueues }),
    dispose: async () => {
      await cleanPrefix(client, prefix);
      await client.quit();
    },
  };
});
