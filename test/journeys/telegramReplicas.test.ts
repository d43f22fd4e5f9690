import type { App } from '../../app/compose';
import { RedisOperatorAccountStore } from '../../operators/redisOperatorAccountStore';
import type { SatisfactionReport } from '../../ratings/reports';
import { textMessage } from '../adapters/telegram/telegramUpdates';
import { startTestApp } from '../support/app';
import { FakeTelegramApi } from '../support/fakeTelegramApi';
import { freePort } from '../support/globalSetup';
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

const PATH = '/api/telegram/updates';
const SECRET = 'replicas_Secret-0123456789';

/**
 * Webhook mode is the one that scales: two replicas of the composed app on one Redis behind a
 * load balancer, each update going to either of them. Button payloads, handled update ids,
 * conversation state and cases are shared through Redis.
 */
describe('Telegram webhook on two replicas sharing Redis', () => {
  const prefix = uniquePrefix('tgreplicas');
  let redis: TestRedis;
  let fake: FakeTelegramApi;
  let a: App;
  let b: App;
  let chat = 770_000;

  beforeAll(async () => {
    redis = await connectTestRedis();
    await seedOperators(new RedisOperatorAccountStore(redis, { prefix }), [
      { username: 'marta', displayName: 'Marta di Linea Amica' },
    ]);
    fake = new FakeTelegramApi();
    const apiRoot = await fake.start();
    const [portA, portB] = [await freePort(), await freePort()];
    // Telegram knows one URL (the balancer's); here it is replica A's, and the test picks the replica.
    const env = {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${portA}${PATH}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      HANDOFF_CONFIG: ALWAYS_OPEN_HANDOFF,
      ADMIN_API_KEY: ADMIN_KEY,
    };
    a = await startTestApp({ ...env, PORT: String(portA) });
    b = await startTestApp({ ...env, PORT: String(portB) });
    await fake.waitForCalls('setWebhook', 2, 10_000);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake?.stop();
    if (redis) {
      await cleanPrefix(redis, prefix);
      await redis.quit();
    }
  });

  const citizen = () => new TelegramCitizen(fake, ++chat, 'webhook');
  const on = (c: TelegramCitizen, app: App) => {
    c.via = `${app.url()}${PATH}`;
    return c;
  };

  it('a question on A, its button on B, the same update re-sent to both: answered once, in the same conversation', async () => {
    const c = citizen();
    let since = c.mark();
    const question = {
      update_id: fake.updateId(),
      ...textMessage(c.chatId, 'Come si ottiene la licenza di pesca?'),
    };
    await on(c, a).deliver(question);
    const card = await c.waitForButton('Costi', { since });
    await on(c, b).deliver(question);
    await on(c, a).deliver(question);
    await sleep(300);
    expect(c.messages(0).filter((m) => m.buttons.some((x) => x.text === 'Costi'))).toHaveLength(1);

    since = c.mark();
    await on(c, b).press(card, 'Costi');
    await c.waitForText('Costi – ', { since });
    // A typed follow-up on A knows what was discussed on B.
    since = c.mark();
    await on(c, a).say('e i tempi?');
    await c.waitForText('Tempi – ', { since });
  });

  it('rating across replicas: faces on A, red face on B, reason on A, comment on B; stored once', async () => {
    const c = citizen();
    let since = c.mark();
    await on(c, a).say('/valuta');
    const prompt = await c.waitForText('Mettiamoci la faccia', { since });
    since = c.mark();
    await on(c, b).press(prompt, '🔴 Insoddisfatto');
    const reasons = await c.waitForText('motivo principale', { since });
    since = c.mark();
    await on(c, a).press(reasons, 'Tempi di attesa');
    await c.waitForText('Vuoi aggiungere un commento?', { since });
    since = c.mark();
    await on(c, b).say('Troppa attesa al telefono');
    await c.waitForText('Grazie per la tua valutazione', { since });
    since = c.mark();
    await on(c, a).press(prompt, '🟢 Soddisfatto');
    await c.waitForText('Hai già valutato', { since });

    const res = await fetch(`${b.url()}/api/reports/satisfaction?groupBy=channel`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const report = (await res.json()) as SatisfactionReport;
    const telegram = report.groups.find((g) => g.key === 'telegram');
    expect(telegram?.counts).toEqual({ positive: 0, neutral: 0, negative: 1 });
    expect(telegram?.reasons.find((r) => r.code === 'tempi-attesa')?.count).toBe(1);
  });

  it('escalation on A, operator on B: live messages both ways, the bot silent on either replica, close → rating', async () => {
    const c = citizen();
    const operator = await OperatorClient.login(b.url(), 'marta');
    let since = c.mark();
    await on(c, a).say('/operatore');
    const consent = await c.waitForText('Acconsenti', { since });
    since = c.mark();
    await on(c, b).press(consent, 'Sì');
    await c.waitForText(/email o un numero di telefono/, { since });
    since = c.mark();
    await on(c, a).say('3331234567');
    await c.waitForText('In una riga', { since });
    since = c.mark();
    await on(c, b).say('Licenza di pesca per un turista straniero');
    await c.waitForText('Sei in coda per Linea Amica', { since });

    const waiting = await eventually(async () => {
      const view = await operator.queues();
      return view.body.queues
        .flatMap((q) => q.waiting)
        .find((w) => w.summary === 'Licenza di pesca per un turista straniero');
    }, 'the case in the queue seen from B');
    expect(waiting.channel).toBe('telegram');
    expect((await operator.claim(waiting.id)).status).toBe(200);

    since = c.mark();
    expect((await operator.send(waiting.id, 'Buongiorno, sono Marta.')).status).toBe(201);
    await c.waitForText('Buongiorno, sono Marta.', { since });
    await on(c, a).say('Serve il codice fiscale?');
    await on(c, b).sendPhoto('Il mio passaporto');
    await eventually(async () => {
      const texts = (await operator.caseDetail(waiting.id)).body.messages
        .filter((m) => m.from === 'citizen')
        .map((m) => m.text);
      return texts.includes('Serve il codice fiscale?') && texts.includes('Il mio passaporto')
        ? texts
        : undefined;
    }, 'both citizen messages on the case');
    await operator.send(waiting.id, 'No, basta il passaporto.');
    await c.waitForText('basta il passaporto', { since });
    expect(c.messages(since).map((m) => m.text)).toEqual([
      'Marta di Linea Amica\nBuongiorno, sono Marta.',
      'Marta di Linea Amica\nNo, basta il passaporto.',
    ]);

    since = c.mark();
    expect((await operator.close(waiting.id, 'risolto')).status).toBe(200);
    const prompt = await c.waitForText('Mettiamoci la faccia', { since });
    await sleep(300);
    expect(c.messages(since).filter((m) => m.text.includes('Mettiamoci la faccia'))).toHaveLength(1);
    since = c.mark();
    await on(c, a).press(prompt, '🟢 Soddisfatto');
    await c.waitForText('Grazie per la tua valutazione', { since });
  });
});
