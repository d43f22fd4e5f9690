import { createClient } from 'redis';
import { HandoffUnavailableError } from '../../handoff/handoffErrors';
import { typingEvent } from '../../handoff/handoffEvent';
import { RedisCaseStore } from '../../handoff/redisCaseStore';
import { RedisHandoffEvents } from '../../handoff/redisHandoffEvents';
import { RedisOperatorPresence } from '../../handoff/redisOperatorPresence';
import { newCase } from './caseStoreContract';
import { sampleCase } from './handoffEventsContract';
import { OwnRedisServer, waitFor } from './ownRedisServer';

/** A client configured like the service's (storage/redisConnection.ts): no offline queue, quick reconnects. */
async function serviceLikeClient(url: string) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 200) },
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function failsFast(call: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  await expect(call()).rejects.toBeInstanceOf(HandoffUnavailableError);
  // "Fast" here means well under the command timeout the store would otherwise wait for.
  expect(Date.now() - started).toBeLessThan(1000);
}

describe('Redis outage during a case', () => {
  let server: OwnRedisServer;
  let client: Awaited<ReturnType<typeof serviceLikeClient>>;
  let subscriber: Awaited<ReturnType<typeof serviceLikeClient>>;

  beforeAll(async () => {
    server = await OwnRedisServer.start();
    client = await serviceLikeClient(server.url);
    subscriber = await serviceLikeClient(server.url);
  });
  afterAll(async () => {
    client.destroy();
    subscriber.destroy();
    await server.stop();
  });

  test('while Redis is down every call fails fast with HandoffUnavailableError; after its restart nothing is lost', async () => {
    const store = new RedisCaseStore(client, { prefix: 'outage:', commandTimeoutMs: 5000 });
    const presence = new RedisOperatorPresence(client, { prefix: 'outage:' });
    const events = new RedisHandoffEvents(client, subscriber, { prefix: 'outage:' });
    await events.start();

    const held = await store.create(newCase({ queue: 'strade' }));
    const waiting = await store.create(newCase({ queue: 'strade' }));
    await store.claim(held.id, 'anna', 'Anna');
    await store.appendMessage(held.id, {
      from: 'operator',
      text: 'Buongiorno, come posso aiutarla?',
      at: 'x',
    });

    await server.crash();
    await waitFor(() => !client.isReady);
    await failsFast(() => store.appendMessage(held.id, { from: 'citizen', text: 'perso?', at: 'x' }));
    await failsFast(() => store.create(newCase()));
    await failsFast(() => store.queues());
    await failsFast(() => presence.anyOnline('strade'));
    await failsFast(() => events.publish(typingEvent(sampleCase('x'), 'citizen')));

    await server.launch();
    await waitFor(() => client.isReady && subscriber.isReady);

    expect(await store.get(held.id)).toMatchObject({ state: 'assigned', operator: 'anna' });
    expect(await store.position(waiting.id)).toBe(1);
    const next = await store.appendMessage(held.id, { from: 'citizen', text: 'Sono ancora qui', at: 'x' });
    expect(next.seq).toBe(4);
    expect((await store.messages(held.id)).map((m) => m.text).slice(-2)).toEqual([
      'Buongiorno, come posso aiutarla?',
      'Sono ancora qui',
    ]);
    // The relay resubscribed by itself.
    const heard = new Promise((resolve) => events.subscribe(resolve));
    await events.publish(typingEvent(sampleCase('y'), 'operator'));
    await expect(heard).resolves.toMatchObject({ type: 'case.typing', caseId: 'y' });
    await events.stop();
  });

  test('a Redis that stops answering turns into HandoffUnavailableError after the command timeout', async () => {
    const store = new RedisCaseStore(client, { prefix: 'stalled:', commandTimeoutMs: 300 });
    const c = await store.create(newCase());
    server.pause();
    try {
      const started = Date.now();
      await expect(store.get(c.id)).rejects.toBeInstanceOf(HandoffUnavailableError);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      server.resume();
    }
    await waitFor(async () => {
      try {
        return (await store.get(c.id))?.state === 'queued';
      } catch {
        return false;
      }
    });
  });

  test('a client that is not connected fails at once', async () => {
    const closed = createClient({ url: server.url });
    const store = new RedisCaseStore(closed, { prefix: 'closed:' });
    await expect(store.queues()).rejects.toBeInstanceOf(HandoffUnavailableError);
  });
});
