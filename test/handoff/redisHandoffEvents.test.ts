import { RedisHandoffEvents } from '../../handoff/redisHandoffEvents';
import { type TestRedis, connectTestRedis, uniquePrefix } from '../support/redis';
import { handoffEventsContract } from './handoffEventsContract';

/** One "process": a command connection and its own subscriber connection. */
async function processRelay(prefix: string): Promise<{ events: RedisHandoffEvents; clients: TestRedis[] }> {
  const publisher = await connectTestRedis();
  const subscriber = await connectTestRedis();
  const events = new RedisHandoffEvents(publisher, subscriber, { prefix });
  await events.start();
  return { events, clients: [publisher, subscriber] };
}

handoffEventsContract('RedisHandoffEvents', async () => {
  const prefix = uniquePrefix('events');
  const a = await processRelay(prefix);
  const b = await processRelay(prefix);
  return {
    a: a.events,
    b: b.events,
    dispose: async () => {
      await a.events.stop();
      await b.events.stop();
      for (const c of [...a.clients, ...b.clients]) await c.quit();
    },
  };
});
