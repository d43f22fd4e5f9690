import type { BotLogic } from '../../../bots/botLogic';
import { TelegramUnauthorizedError } from '../../../adapters/telegram/telegramErrors';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../../support/redis';
import { echoLogic, TelegramHarness } from './telegramHarness';
import { buttonPress, textMessage } from './telegramUpdates';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TelegramChannel robustness (long polling)', () => {
  let h: TelegramHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('loses nothing and keeps each chat in order with 100 concurrent updates over 20 chats', async () => {
    let running = 0;
    let maxRunning = 0;
    const jittery: BotLogic = async (context) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await sleep(Math.random() * 10);
      running -= 1;
      await echoLogic(context);
    };
    h = await TelegramHarness.start({ mode: 'polling', logic: jittery });
    const updates = [];
    for (let n = 0; n < 5; n++)
      for (let chat = 0; chat < 20; chat++) updates.push(textMessage(8000 + chat, `messaggio ${n}`));
    h.fake.pushUpdates(...updates);
    await h.fake.waitForCalls('sendMessage', 100, 15_000);
    expect(h.received).toHaveLength(100);
    for (let chat = 0; chat < 20; chat++) {
      const texts = h.received.filter((a) => a.conversation?.id === String(8000 + chat)).map((a) => a.text);
      expect(texts).toEqual([0, 1, 2, 3, 4].map((n) => `messaggio ${n}`));
      expect(h.fake.sentTexts(8000 + chat)).toEqual(
        [0, 1, 2, 3, 4].map((n) => `Hai scritto: messaggio ${n}`),
      );
    }
    // Different chats really ran side by side.
    expect(maxRunning).toBeGreaterThan(1);
    await sleep(100);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(100);
  });

  it('handles a repeated update_id once', async () => {
    h = await TelegramHarness.start({ mode: 'polling' });
    const update = { update_id: 555, ...textMessage(801, 'ciao') };
    h.fake.pushUpdates(update, update);
    await h.fake.waitForCalls('sendMessage', 1);
    await sleep(150);
    expect(h.received).toHaveLength(1);
  });

  it('keeps polling through 5xx, network errors and a 409 conflict', async () => {
    h = await TelegramHarness.start({ mode: 'polling', autoStart: false });
    h.fake.failNext('getUpdates', 2, { status: 500 });
    h.fake.failNext('getUpdates', 1, 'network');
    h.fake.failNext('getUpdates', 1, {
      status: 409,
      body: { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request' },
    });
    await h.channel.start();
    h.fake.pushUpdates(textMessage(802, 'ci sei?'));
    await h.fake.waitForCalls('sendMessage', 1, 10_000);
    expect(h.fake.sentTexts(802)).toEqual(['Hai scritto: ci sei?']);
    expect(h.fake.callsOf('getUpdates').length).toBeGreaterThanOrEqual(5);
    expect(
      h.logLines.filter((l) => l.method === 'getUpdates' && /retrying/.test(String(l.msg))),
    ).toHaveLength(3);
    expect(h.logLines.filter((l) => /getUpdates failed/.test(String(l.msg)))).toHaveLength(1);
  });

  it('stop() ends a pending long poll at once and confirms the offset', async () => {
    h = await TelegramHarness.start({ mode: 'polling', channelOptions: { pollingTimeoutSeconds: 30 } });
    const [update] = h.fake.pushUpdates(textMessage(803, 'ciao'));
    await h.fake.waitForCalls('sendMessage', 1);
    await h.fake.waitFor((calls) => calls.filter((c) => c.method === 'getUpdates').length >= 2);
    const started = Date.now();
    await h.channel.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    const last = h.fake.callsOf('getUpdates').at(-1);
    expect(last?.payload).toMatchObject({ offset: Number(update?.update_id) + 1, timeout: 0 });
  });

  it('start() keeps trying while Telegram is down, then starts', async () => {
    h = await TelegramHarness.start({ mode: 'polling', autoStart: false });
    h.fake.failNext('getMe', 7, { status: 502 });
    await h.channel.start();
    h.fake.pushUpdates(textMessage(804, 'ciao'));
    await h.fake.waitForCalls('sendMessage', 1);
    expect(h.fake.callsOf('getMe').length).toBeGreaterThanOrEqual(8);
  });

  it('start() rejects a refused token with TelegramUnauthorizedError', async () => {
    h = await TelegramHarness.start({ mode: 'polling', autoStart: false });
    h.fake.failNext('getMe', 1, {
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    await expect(h.channel.start()).rejects.toBeInstanceOf(TelegramUnauthorizedError);
  });

  it('survives a bot turn that throws: the error is logged and the next update is served', async () => {
    h = await TelegramHarness.start({
      mode: 'polling',
      logic: async (context) => {
        if (context.activity.text === 'boom') throw new Error('broken dialog');
        await echoLogic(context);
      },
    });
    h.fake.pushUpdates(textMessage(805, 'boom'), textMessage(805, 'ciao'));
    await h.fake.waitForCalls('sendMessage', 1);
    expect(h.fake.sentTexts(805)).toEqual(['Hai scritto: ciao']);
    expect(h.logLines.some((l) => l.level === 50 && /update failed/.test(String(l.msg)))).toBe(true);
  });
});

describe('TelegramChannel with Redis (two processes behind one webhook)', () => {
  let redis: TestRedis;
  const prefix = uniquePrefix('telegram');
  const harnesses: TelegramHarness[] = [];
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((x) => x.stop()));
  });
  afterAll(async () => {
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });

  const startTwo = async (logic: BotLogic = echoLogic) => {
    for (let i = 0; i < 2; i++) {
      harnesses.push(
        await TelegramHarness.start({
          mode: 'webhook',
          secret: 'shared_secret',
          redis,
          logic,
          env: { REDIS_KEY_PREFIX: prefix },
        }),
      );
    }
    const [a, b] = harnesses;
    if (!a || !b) throw new Error('harnesses not started');
    return [a, b] as const;
  };

  it('handles an update delivered to both processes once', async () => {
    const [a, b] = await startTwo();
    const update = { update_id: 900_001, ...textMessage(806, 'ciao') };
    await Promise.all([a.fake.deliverToWebhook(update), b.fake.deliverToWebhook(update)]);
    await sleep(300);
    expect(a.received.length + b.received.length).toBe(1);
  });

  it('a button sent by one process works when the press reaches the other', async () => {
    const [a, b] = await startTwo(async (context) => {
      if (context.activity.value !== undefined) {
        await context.sendActivity(`Valore: ${JSON.stringify(context.activity.value)}`);
        return;
      }
      await context.sendActivity({
        text: 'Ti è stata utile?',
        suggestedActions: {
          to: [],
          actions: [{ type: 'postBack', title: '👍', value: { rating: 'positive', caseId: 'c-1' } }],
        },
      });
    });
    await a.fake.deliverToWebhook({ update_id: 900_010, ...textMessage(807, 'valuta') });
    const [prompt] = await a.fake.waitForCalls('sendMessage', 1);
    const data = (
      prompt?.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }
    ).inline_keyboard[0]?.[0]?.callback_data;
    expect(data).toMatch(/^s#/);
    await b.fake.deliverToWebhook({ update_id: 900_011, ...buttonPress(807, data ?? '', 1) });
    const [reply] = await b.fake.waitForCalls('sendMessage', 1);
    expect(reply?.payload.text).toBe(
      'Valore: {&quot;rating&quot;:&quot;positive&quot;,&quot;caseId&quot;:&quot;c-1&quot;}',
    );
  });
});
