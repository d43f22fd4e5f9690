import { Telegram } from 'telegraf';
import { TelegramApiCaller } from '../../../adapters/telegram/telegramApiCaller';
import {
  TelegramBlockedError,
  TelegramRequestError,
  TelegramUnauthorizedError,
  TelegramUnavailableError,
} from '../../../adapters/telegram/telegramErrors';
import { createLogger } from '../../../ops/logger';
import { FakeTelegramApi } from '../../support/fakeTelegramApi';

describe('TelegramApiCaller (over HTTP against the fake Bot API)', () => {
  const fake = new FakeTelegramApi();
  let caller: TelegramApiCaller;
  const waits: number[] = [];
  beforeAll(async () => {
    const apiRoot = await fake.start();
    caller = new TelegramApiCaller(
      new Telegram(fake.token, { apiRoot }),
      createLogger({ level: 'silent', maskPersonalData: true }),
      {
        maxAttempts: 3,
        maxRetryAfterSeconds: 30,
        // Record the waits instead of sleeping them.
        sleep: async (ms) => void waits.push(ms),
      },
    );
  });
  beforeEach(() => {
    waits.length = 0;
  });
  afterAll(async () => {
    await fake.stop();
  });

  const tooMany = (retryAfter: number) => ({
    status: 429,
    body: {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfter}`,
      parameters: { retry_after: retryAfter },
    },
  });

  it('waits exactly retry_after on 429 and returns the result of the retry', async () => {
    fake.failNext('sendMessage', 2, tooMany(7));
    const sent = await caller.call('sendMessage', { chat_id: 1, text: 'ciao' });
    expect(sent.text).toBe('ciao');
    expect(waits).toEqual([7000, 7000]);
  });

  it('gives up with TelegramUnavailableError when retry_after is too long to wait', async () => {
    fake.failNext('sendMessage', 1, tooMany(3600));
    await expect(caller.call('sendMessage', { chat_id: 1, text: 'ciao' })).rejects.toBeInstanceOf(
      TelegramUnavailableError,
    );
    expect(waits).toEqual([]);
  });

  it('backs off exponentially on 5xx and network errors, then gives up', async () => {
    fake.failNext('getMe', 1, { status: 500 });
    fake.failNext('getMe', 1, 'network');
    fake.failNext('getMe', 1, { status: 502 });
    await expect(caller.call('getMe', {})).rejects.toBeInstanceOf(TelegramUnavailableError);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[0]).toBeLessThanOrEqual(500);
    expect(waits[1]).toBeGreaterThanOrEqual(500);
    expect(waits[1]).toBeLessThanOrEqual(1000);
  });

  it('names 403, 401 and 400 with their own error classes, without retrying', async () => {
    const refuse = (status: number, description: string) => ({
      status,
      body: { ok: false, error_code: status, description },
    });
    fake.failNext('sendMessage', 1, refuse(403, 'Forbidden: bot was blocked by the user'));
    await expect(caller.call('sendMessage', { chat_id: 1, text: 'a' })).rejects.toBeInstanceOf(
      TelegramBlockedError,
    );
    fake.failNext('getMe', 1, refuse(401, 'Unauthorized'));
    await expect(caller.call('getMe', {})).rejects.toBeInstanceOf(TelegramUnauthorizedError);
    await expect(caller.call('sendMessage', { chat_id: 1, text: ' ' })).rejects.toBeInstanceOf(
      TelegramRequestError,
    );
    expect(waits).toEqual([]);
  });
});
