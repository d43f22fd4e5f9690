import type { App } from '../../app/compose';
import { RedisOperatorAccountStore } from '../../operators/redisOperatorAccountStore';
import { startTestApp } from '../support/app';
import { FakeTelegramApi } from '../support/fakeTelegramApi';
import {
  ADMIN_KEY,
  ALWAYS_OPEN_HANDOFF,
  eventually,
  OperatorClient,
  seedOperators,
  sleep,
} from '../support/journey';
import { cleanPrefix, connectTestRedis, type TestRedis, testRedisUrl, uniquePrefix } from '../support/redis';
import { TelegramCitizen } from './telegramCitizen';

jest.setTimeout(60_000);

/**
 * A deploy restarts the service in polling mode: with Redis, the conversation, its buttons and a
 * live case survive; updates sent while it was down are answered once, older ones never again.
 */
describe('Telegram polling across a restart (Redis stores)', () => {
  const prefix = uniquePrefix('tgrestart');
  let redis: TestRedis;
  let fake: FakeTelegramApi;
  let app: App | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await connectTestRedis();
    await seedOperators(new RedisOperatorAccountStore(redis, { prefix }), [
      { username: 'paolo', displayName: 'Paolo di Linea Amica' },
    ]);
    fake = new FakeTelegramApi();
    env = {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: await fake.start(),
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      HANDOFF_CONFIG: ALWAYS_OPEN_HANDOFF,
      ADMIN_API_KEY: ADMIN_KEY,
    };
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.stop();
    if (redis) {
      await cleanPrefix(redis, prefix);
      await redis.quit();
    }
  });

  async function start(): Promise<App> {
    const polls = fake.callsOf('getUpdates').length;
    const started = await startTestApp(env);
    await fake.waitForCalls('getUpdates', polls + 1, 10_000);
    return started;
  }

  it('the conversation, its buttons and a live case go on after a restart; nothing is answered twice', async () => {
    app = await start();
    const c = new TelegramCitizen(fake, 660_001, 'polling');
    let since = c.mark();
    await c.say('Come si ottiene la licenza di pesca?');
    const card = await c.waitForButton('Costi', { since });

    await app.stop();
    app = undefined;
    // Written while the service is down.
    since = c.mark();
    await c.say('e i tempi?');
    app = await start();

    const times = await c.waitForText('Tempi – ', { since });
    expect(times.text).toContain('Licenza di pesca');
    // A button of a message sent before the restart still works.
    since = c.mark();
    await c.press(card, 'Costi');
    await c.waitForText('Costi – ', { since });
    await sleep(300);
    // The question before the restart was not answered again.
    const cards = c
      .messages(0)
      .filter((m) => m.buttons.some((b) => b.text === 'Costi') && !m.text.includes('–'));
    expect(cards).toHaveLength(1);
    expect(c.messages(0).filter((m) => m.text.includes('Tempi – '))).toHaveLength(1);

    // A live case across a restart: the operator's messages still reach the chat, and the
    // citizen's still reach the operator, with the bot silent.
    const operator = await OperatorClient.login(app.url(), 'paolo');
    since = c.mark();
    await c.say('/operatore');
    const consent = await c.waitForText('Acconsenti', { since });
    since = c.mark();
    await c.press(consent, 'Sì');
    await c.waitForText(/email o un numero di telefono/, { since });
    since = c.mark();
    await c.say('salta');
    await c.waitForText('Sei in coda per Linea Amica', { since });
    const caseId = (await operator.queues()).body.queues.flatMap((q) => q.waiting)[0]?.id ?? '';
    expect((await operator.claim(caseId)).status).toBe(200);

    await app.stop();
    app = await start();
    const again = await OperatorClient.login(app.url(), 'paolo');
    since = c.mark();
    expect((await again.send(caseId, 'Eccomi, sono Paolo.')).status).toBe(201);
    await c.waitForText('Eccomi, sono Paolo.', { since });
    await c.say('Grazie, volevo sapere i costi');
    await eventually(async () => {
      const texts = (await again.caseDetail(caseId)).body.messages.map((m) => m.text);
      return texts.includes('Grazie, volevo sapere i costi') ? true : undefined;
    }, 'the citizen message on the case after the restart');
    expect(c.messages(since).map((m) => m.text)).toEqual(['Paolo di Linea Amica\nEccomi, sono Paolo.']);
    expect((await again.close(caseId, 'risolto')).status).toBe(200);
    await c.waitForText('Mettiamoci la faccia', { since });
  });
});
