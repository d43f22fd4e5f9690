import { TelegramRequestError } from '../../../adapters/telegram/telegramErrors';
import type { BotLogic } from '../../../bots/botLogic';
import { echoLogic, TelegramHarness } from './telegramHarness';
import { textMessage } from './telegramUpdates';

const SECRET = 'lecco_Secret-123';

describe('Telegram channel, webhook mode', () => {
  let h: TelegramHarness;
  afterEach(async () => {
    await h.stop();
  });

  it('registers the webhook with its URL and secret, and never polls', async () => {
    h = await TelegramHarness.start({ mode: 'webhook', secret: SECRET });
    expect(h.channel.mode).toBe('webhook');
    const [set] = h.fake.callsOf('setWebhook');
    expect(set?.payload).toMatchObject({ url: `${h.fake.webhook?.url ?? ''}`, secret_token: SECRET });
    expect(String(set?.payload.url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/telegram\/updates$/);
    expect(h.fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('start() rejects a webhook URL Telegram refuses, naming the reason', async () => {
    h = await TelegramHarness.start({ mode: 'webhook', secret: SECRET, autoStart: false });
    h.fake.failNext('setWebhook', 1, {
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: bad webhook: HTTPS url must be provided for webhook',
      },
    });
    const started = h.channel.start();
    await expect(started).rejects.toBeInstanceOf(TelegramRequestError);
    await expect(started).rejects.toThrow(/HTTPS url must be provided/);
  });

  it('uses a random secret when TELEGRAM_WEBHOOK_SECRET is unset', async () => {
    h = await TelegramHarness.start({ mode: 'webhook' });
    const secret = String(h.fake.callsOf('setWebhook')[0]?.payload.secret_token);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    expect(await h.fake.deliverToWebhook({ update_id: 1, ...textMessage(601, 'ciao') })).toBe(200);
    await h.fake.waitForCalls('sendMessage', 1);
  });

  it('answers 403 to a wrong or missing secret and does not run the bot', async () => {
    h = await TelegramHarness.start({ mode: 'webhook', secret: SECRET });
    expect(
      await h.fake.deliverToWebhook({ update_id: 10, ...textMessage(602, 'ciao') }, 'wrong-secret'),
    ).toBe(403);
    expect(await h.fake.deliverToWebhook({ update_id: 11, ...textMessage(602, 'ciao') }, null)).toBe(403);
    expect(await h.fake.deliverToWebhook({ update_id: 12, ...textMessage(602, 'ciao') }, `${SECRET}x`)).toBe(
      403,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(h.received).toHaveLength(0);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(0);
    // The right secret still works, and the refused update ids were not burnt.
    expect(await h.fake.deliverToWebhook({ update_id: 10, ...textMessage(602, 'ciao') })).toBe(200);
    await h.fake.waitForCalls('sendMessage', 1);
  });

  it('answers 200 at once and processes afterwards', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: BotLogic = async (context) => {
      await gate;
      await echoLogic(context);
    };
    h = await TelegramHarness.start({ mode: 'webhook', secret: SECRET, logic: slow });
    const started = Date.now();
    expect(await h.fake.deliverToWebhook({ update_id: 20, ...textMessage(603, 'ciao') })).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    await h.waitForReceived(1);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(0);
    release();
    await h.fake.waitForCalls('sendMessage', 1);
  });

  it('handles an update Telegram re-sends only once', async () => {
    h = await TelegramHarness.start({ mode: 'webhook', secret: SECRET });
    const update = { update_id: 30, ...textMessage(604, 'orari') };
    expect(await h.fake.deliverToWebhook(update)).toBe(200);
    expect(await h.fake.deliverToWebhook(update)).toBe(200);
    await Promise.all([h.fake.deliverToWebhook(update), h.fake.deliverToWebhook(update)]);
    await h.fake.waitForCalls('sendMessage', 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.received).toHaveLength(1);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(1);
  });

  it('keeps each chat in order with 20 chats writing at once', async () => {
    h = await TelegramHarness.start({ mode: 'webhook', secret: SECRET });
    let id = 1000;
    // Telegram sends a chat's updates one after the other; chats arrive concurrently.
    await Promise.all(
      Array.from({ length: 20 }, async (_, chat) => {
        for (let n = 0; n < 5; n++) {
          expect(
            await h.fake.deliverToWebhook({ update_id: id++, ...textMessage(7000 + chat, `messaggio ${n}`) }),
          ).toBe(200);
        }
      }),
    );
    await h.fake.waitForCalls('sendMessage', 100, 10_000);
    for (let chat = 0; chat < 20; chat++) {
      expect(h.fake.sentTexts(7000 + chat)).toEqual(
        [0, 1, 2, 3, 4].map((n) => `Hai scritto: messaggio ${n}`),
      );
    }
  });

  it('stops taking updates on stop() and finishes the ones in flight', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h = await TelegramHarness.start({
      mode: 'webhook',
      secret: SECRET,
      logic: async (context) => {
        await gate;
        await echoLogic(context);
      },
    });
    expect(await h.fake.deliverToWebhook({ update_id: 40, ...textMessage(605, 'ciao') })).toBe(200);
    await h.waitForReceived(1);
    const stopped = h.channel.stop();
    setTimeout(release, 50);
    await stopped;
    expect(h.fake.sentTexts(605)).toEqual(['Hai scritto: ciao']);
    expect(await h.fake.deliverToWebhook({ update_id: 41, ...textMessage(605, 'ancora') })).toBe(404);
  });
});
