import { RedisOperatorPresence } from '../../handoff/redisOperatorPresence';
import { cleanPrefix, connectTestRedis, uniquePrefix } from '../support/redis';
import { operatorPresenceContract } from './operatorPresenceContract';

operatorPresenceContract('RedisOperatorPresence', async (clock, timeoutMs) => {
  const client = await connectTestRedis();
  const prefix = uniquePrefix('presence');
  return {
    presence: new RedisOperatorPresence(client, { prefix, now: clock.now, timeoutMs }),
    dispose: async () => {
      await cleanPrefix(client, prefix);
      await client.quit();
    },
  };
});

test('presence is shared: a heartbeat in one process is seen by another', async () => {
  const a = await connectTestRedis();
  const b = await connectTestRedis();
  const prefix = uniquePrefix('presence');
  try {
    await new RedisOperatorPresence(a, { prefix }).heartbeat('anna', ['ambiente']);
    expect(await new RedisOperatorPresence(b, { prefix }).anyOnline('ambiente')).toBe(true);
  } finally {
    await cleanPrefix(a, prefix);
    await a.quit();
    await b.quit();
  }
});
