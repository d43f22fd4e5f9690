import { createDirectLine, type DirectLine } from '../../../adapters/directline/createDirectLine';
import { MemoryDirectLineStore } from '../../../adapters/directline/memoryDirectLineStore';
import { RedisDirectLineStore } from '../../../adapters/directline/redisDirectLineStore';
import { createHttpServer } from '../../../app/server';
import type { BotLogic } from '../../../bots/botLogic';
import { createLogger } from '../../../ops/logger';
import { Metrics } from '../../../ops/metrics';
import { cleanPrefix, connectTestRedis, uniquePrefix } from '../../support/redis';
import { request } from './harness';

const logger = createLogger({ level: 'silent', maskPersonalData: true });
const setup = (logic: BotLogic, metrics = new Metrics(false)) => ({
  secret: 'the-direct-line-secret-for-tests',
  tokenTtlSeconds: 600,
  maxTextLength: 4000,
  rateLimitPerMinute: 60,
  keyPrefix: uniquePrefix('createdl'),
  logic,
  logger,
  metrics,
});

/** The channel of `dl` on a real server; `stop` closes both. */
async function serve(dl: DirectLine): Promise<{ base: string; stop(): Promise<void> }> {
  const server = createHttpServer({ maxBodyBytes: 65536, logger });
  dl.channel.mount(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  return {
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    async stop() {
      await dl.close();
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('createDirectLine', () => {
  it('wires a working channel with the memory store, counting turns, and reports bot errors via onTurnError', async () => {
    const metrics = new Metrics(false);
    const failing: BotLogic = async (context) => {
      if (context.activity.text === 'guasto') throw new Error('boom');
      if (context.activity.type === 'message') await context.sendActivity('ok');
    };
    const dl = createDirectLine(setup(failing, metrics));
    expect(dl.store).toBeInstanceOf(MemoryDirectLineStore);
    const errors: string[] = [];
    dl.adapter.onTurnError = async (context, err) => {
      errors.push(err.message);
      await context.sendActivity('Si è verificato un problema.');
    };
    const { base, stop } = await serve(dl);
    try {
      const t = (await request(`${base}/api/webchat/token`, { method: 'POST' })).body as {
        token: string;
        conversationId: string;
      };
      const url = `${base}/v3/directline/conversations/${t.conversationId}/activities`;
      await request(`${base}/v3/directline/conversations`, { method: 'POST', token: t.token });
      await request(url, { token: t.token, body: { type: 'message', text: 'guasto' } });
      await request(url, { token: t.token, body: { type: 'message', text: 'ciao' } });
      const read = async () =>
        ((await request(url, { token: t.token })).body as { activities: { text: string }[] }).activities.map(
          (a) => a.text,
        );
      let seen: string[] = [];
      for (let i = 0; i < 100 && seen.length < 4; i++) {
        seen = await read();
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen).toEqual(['guasto', 'Si è verificato un problema.', 'ciao', 'ok']);
      expect(errors).toEqual(['boom']);
      const turns = await metrics.registry.getSingleMetricAsString('la_turns_total');
      expect(turns).toContain('la_turns_total{channel="directline"} 3');
    } finally {
      await stop();
    }
  });

  it('keeps conversations in Redis when a connection is given', async () => {
    const redis = await connectTestRedis();
    const options = setup(async () => undefined);
    const dl = createDirectLine({ ...options, redis });
    try {
      expect(dl.store).toBeInstanceOf(RedisDirectLineStore);
      await dl.store.createConversation({ id: 'c1', userId: 'u', createdAt: '2026-01-01T00:00:00Z' });
      expect(await redis.exists(`${options.keyPrefix}dl:c:c1`)).toBe(1);
    } finally {
      await dl.close();
      await cleanPrefix(redis, options.keyPrefix);
      await redis.quit();
    }
  });

  it.each([
    [0, [200, 200, 200, 200]],
    [2, [200, 200, 429, 429]],
  ])(
    'CONVERSATIONS_PER_MINUTE_PER_IP %p: new Web Chat conversations from one address',
    async (limit, expected) => {
      const dl = createDirectLine({ ...setup(async () => undefined), conversationsPerMinutePerIp: limit });
      const { base, stop } = await serve(dl);
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++)
          statuses.push((await request(`${base}/api/webchat/token`, { method: 'POST' })).status);
        expect(statuses).toEqual(expected);
      } finally {
        await stop();
      }
    },
  );
});
