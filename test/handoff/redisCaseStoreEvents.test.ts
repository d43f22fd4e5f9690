import { RedisCaseStore } from '../../handoff/redisCaseStore';
import { RedisHandoffEvents } from '../../handoff/redisHandoffEvents';
import { cleanPrefix, connectTestRedis, uniquePrefix } from '../support/redis';
import { eventedCaseStoreContract } from './eventedCaseStoreContract';

eventedCaseStoreContract('RedisCaseStore with publishEvents', async (clock, heartbeatTimeoutMs) => {
  const prefix = uniquePrefix('evented');
  const clientA = await connectTestRedis();
  const clientB = await connectTestRedis();
  const subscriber = await connectTestRedis();
  const options = { prefix, now: clock.now, heartbeatTimeoutMs, publishEvents: true };
  const events = new RedisHandoffEvents(clientB, subscriber, { prefix });
  await events.start();
  return {
    a: new RedisCaseStore(clientA, options),
    b: new RedisCaseStore(clientB, options),
    events,
    dispose: async () => {
      await events.stop();
      await cleanPrefix(clientA, prefix);
      for (const c of [clientA, clientB, subscriber]) await c.quit();
    },
  };
});
